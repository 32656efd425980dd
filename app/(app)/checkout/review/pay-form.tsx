"use client";

import { useActionState, useState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { IDLE, type FormState } from "@/app/_components/form-state";
import { completeCheckoutAction } from "../actions";

export interface PayAccount {
  id: string;
  label: string;
}

export function PayForm({ sessionId, methods, accounts, totalLabel }: { sessionId: string; methods: { value: string; label: string }[]; accounts: PayAccount[]; totalLabel: string }) {
  const [state, action] = useActionState<FormState, FormData>(completeCheckoutAction, IDLE);
  const [method, setMethod] = useState(state.values?.method || methods[0]?.value || "balance");
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="sessionId" value={sessionId} />
      {/* The chosen method travels in a hidden field (React resets radios after an action). */}
      <input type="hidden" name="method" value={method} />
      {state.status === "error" && !errors.method && !errors.accountId ? <FormAlert message={state.message} /> : null}
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">Payment method</legend>
        <div className="mt-2 space-y-2">
          {methods.map((m) => (
            <label key={m.value} className="flex items-center gap-2 text-sm">
              <input type="radio" name="methodChoice" value={m.value} checked={method === m.value} onChange={() => setMethod(m.value)} />
              {m.label}
            </label>
          ))}
        </div>
        {errors.method ? <p role="alert" className="mt-1.5 text-sm font-medium text-red-700">{errors.method}</p> : null}
      </fieldset>
      {method === "balance" ? (
        <div>
          <label htmlFor="accountId" className="block text-sm font-medium text-slate-900">Pay from</label>
          <select id="accountId" name="accountId" defaultValue={state.values?.accountId || accounts[0]?.id} className="mt-1.5 block w-full max-w-md rounded-md bg-white px-3 py-2 ring-1 ring-slate-300">
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>{a.label}</option>
            ))}
          </select>
          {errors.accountId || errors.amount ? <p role="alert" className="mt-1.5 text-sm font-medium text-red-700">{errors.accountId ?? errors.amount}</p> : null}
          {accounts.length === 0 ? <p className="mt-1.5 text-sm text-slate-600">You have no account in this currency.</p> : null}
        </div>
      ) : null}
      <SubmitButton pendingLabel="Paying…">{method === "invoice" ? `Place order (${totalLabel}, pay later)` : `Pay ${totalLabel}`}</SubmitButton>
    </form>
  );
}
