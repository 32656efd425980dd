"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { IDLE, type FormState } from "@/app/_components/form-state";
import { stayPrivateAction } from "../actions";

/** Owners only: choose to stay private (no listing) or to list once the balance qualifies. */
export function StayPrivateForm({ companyId, ticker, stayPrivate }: { companyId: string; ticker: string; stayPrivate: boolean }) {
  const [state, action] = useActionState<FormState, FormData>(stayPrivateAction, IDLE);
  return (
    <form action={action} className="flex flex-wrap items-center gap-3 rounded-lg bg-white px-5 py-4 text-sm shadow-sm ring-1 ring-slate-200">
      <input type="hidden" name="companyId" value={companyId} />
      <input type="hidden" name="ticker" value={ticker} />
      <input type="hidden" name="stayPrivate" value={stayPrivate ? "false" : "true"} />
      <p className="min-w-0 flex-1 text-slate-700">
        {stayPrivate ? "Your company stays private even when it qualifies for listing." : "Your company will list on the stock market when it qualifies."}
      </p>
      <SubmitButton variant="secondary">{stayPrivate ? "Allow listing" : "Stay private"}</SubmitButton>
      {state.status !== "idle" ? <FormAlert message={state.message} tone={state.status === "error" ? "error" : "success"} /> : null}
    </form>
  );
}
