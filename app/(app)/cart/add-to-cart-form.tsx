"use client";

import Link from "next/link";
import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { IDLE, type FormState } from "@/app/_components/form-state";
import { addToCartAction } from "./actions";

/** Quantity + "Add to cart"; says what went wrong (another seller, another currency) right here. */
export function AddToCartForm({ productId, label, showQuantity = false }: { productId: string; label: string; showQuantity?: boolean }) {
  const [state, action] = useActionState<FormState, FormData>(addToCartAction, IDLE);
  const error = state.status === "error" ? (state.fieldErrors?.quantity ?? state.message) : undefined;
  return (
    <form action={action} className="flex flex-col items-end gap-1.5">
      <input type="hidden" name="productId" value={productId} />
      <div className="flex items-center gap-2">
        {showQuantity ? (
          <label className="flex items-center gap-1.5 text-sm text-slate-700">
            Qty
            <input name="quantity" type="number" min={1} max={99} defaultValue={1} className="w-16 rounded-md px-2 py-1.5 ring-1 ring-slate-300" />
          </label>
        ) : null}
        <SubmitButton variant="secondary" pendingLabel="Adding…" aria-label={`Add ${label} to cart`}>
          Add to cart
        </SubmitButton>
      </div>
      {state.status === "success" ? (
        <p role="status" className="text-sm text-emerald-700">
          Added. <Link href="/cart" className="font-medium underline">View cart</Link>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="max-w-xs text-right text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
