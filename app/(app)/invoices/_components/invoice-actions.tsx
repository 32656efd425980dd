"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { IDLE, type FormState } from "@/app/_components/form-state";
import { invoiceAction } from "../actions";

interface Props {
  invoiceId: string;
  transactionId: string;
  currency: string;
  canSettle: boolean;
  canRefund: boolean;
  payAccounts: { id: string; label: string }[];
}

export function InvoiceActions({ invoiceId, transactionId, currency, canSettle, canRefund, payAccounts }: Props) {
  const [state, action] = useActionState<FormState, FormData>(invoiceAction, IDLE);
  const hidden = (
    <>
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <input type="hidden" name="transactionId" value={transactionId} />
    </>
  );
  return (
    <div className="space-y-3">
      {state.status === "error" ? <FormAlert message={state.fieldErrors?.amount ?? state.fieldErrors?.accountId ?? state.message} /> : null}
      {state.status === "success" ? <FormAlert tone="success" message={state.message} /> : null}
      {!canSettle && !canRefund && payAccounts.length === 0 && state.status === "idle" ? <p className="text-sm text-slate-600">Nothing to do: this invoice is settled.</p> : null}
      <div className="flex flex-wrap items-end gap-3">
        {canSettle ? (
          <>
            <form action={action}>{hidden}<input type="hidden" name="intent" value="mark-paid" /><SubmitButton pendingLabel="Saving…">Mark paid</SubmitButton></form>
            <form action={action}>{hidden}<input type="hidden" name="intent" value="void" /><SubmitButton variant="danger" pendingLabel="Voiding…">Void invoice</SubmitButton></form>
          </>
        ) : null}
        {payAccounts.length > 0 ? (
          <form action={action} className="flex flex-wrap items-end gap-2">
            {hidden}
            <input type="hidden" name="intent" value="pay" />
            <label className="text-sm">
              <span className="block font-medium">Pay from</span>
              <select name="accountId" className="mt-1 rounded-md bg-white px-2 py-1.5 ring-1 ring-slate-300">
                {payAccounts.map((a) => <option key={a.id} value={a.id}>{a.label}</option>)}
              </select>
            </label>
            <SubmitButton pendingLabel="Paying…">Pay now</SubmitButton>
          </form>
        ) : null}
        {canRefund ? (
          <form action={action} className="flex flex-wrap items-end gap-2">
            {hidden}
            <input type="hidden" name="intent" value="refund" />
            <label className="text-sm">
              <span className="block font-medium">Refund amount ({currency})</span>
              <input name="amount" placeholder="all that is left" className="mt-1 w-36 rounded-md px-2 py-1.5 ring-1 ring-slate-300" />
            </label>
            <SubmitButton variant="danger" pendingLabel="Refunding…">Refund</SubmitButton>
          </form>
        ) : null}
      </div>
    </div>
  );
}
