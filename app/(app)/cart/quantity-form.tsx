"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { IDLE, type FormState } from "@/app/_components/form-state";
import { setQuantityAction } from "./actions";

export function QuantityForm({ lineId, quantity, label }: { lineId: string; quantity: number; label: string }) {
  const [state, action] = useActionState<FormState, FormData>(setQuantityAction, IDLE);
  const error = state.status === "error" ? (state.fieldErrors?.quantity ?? state.message) : undefined;
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="lineId" value={lineId} />
      <label className="sr-only" htmlFor={`qty-${lineId}`}>Quantity of {label}</label>
      <input id={`qty-${lineId}`} name="quantity" type="number" min={0} max={99} defaultValue={quantity} className="w-16 rounded-md px-2 py-1.5 ring-1 ring-slate-300" />
      <SubmitButton variant="secondary" pendingLabel="Updating…">Update</SubmitButton>
      {error ? <p role="alert" className="w-full text-sm text-red-700">{error}</p> : null}
    </form>
  );
}
