"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { buttonClass } from "@/app/_components/button-class";
import { FormAlert } from "@/app/_components/form-alert";
import { Money } from "@/app/_components/money";
import { TextField } from "@/app/_components/text-field";
import type { TransferPreview } from "@/lib/ledger/preview-transfer";
import { transferAction, type TransferState } from "./actions";

interface AccountOption {
  id: string;
  label: string;
  currency: string;
  balance: string;
}

export function TransferForm({
  accounts,
  defaultFrom,
  idempotencyKey,
  amountExample,
}: {
  accounts: AccountOption[];
  defaultFrom: string;
  idempotencyKey: string;
  /** "1,234.56" in English: how the person's locale writes amounts. */
  amountExample: string;
}) {
  const [state, action] = useActionState<TransferState, FormData>(transferAction, { status: "idle", step: "edit", idempotencyKey });

  if (state.step === "review" && state.preview) return <Review preview={state.preview} idempotencyKey={state.idempotencyKey} action={action} />;

  return (
    <div className="space-y-5">
      {state.step === "done" && state.result ? <Sent state={state} /> : null}
      <EditForm accounts={accounts} defaultFrom={defaultFrom} state={state} action={action} amountExample={amountExample} />
    </div>
  );
}

function Sent({ state }: { state: TransferState }) {
  const result = state.result!;
  const to = state.preview ? recipientName(state.preview) : result.recipient;
  return (
    <div role="status" className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200">
      <p className="font-semibold">
        Sent <Money minor={result.amount} currency={result.currency} /> to {to}.
      </p>
      <p className="mt-1">
        New balance of account #{result.fromAccountId}:{" "}
        <strong data-testid="new-balance">
          <Money minor={result.fromBalanceAfter} currency={result.currency} />
        </strong>
        .{" "}
        <Link href={`/accounts/${result.fromAccountId}`} className="underline">
          View history
        </Link>
      </p>
    </div>
  );
}

function recipientName(p: TransferPreview): string {
  return p.recipient.ticker ? `${p.recipient.displayName} (${p.recipient.ticker})` : p.recipient.displayName;
}

const KIND_LABEL = { person: "Person", company: "Company", system: "System account" } as const;

function Review({ preview: p, idempotencyKey, action }: { preview: TransferPreview; idempotencyKey: string; action: (data: FormData) => void }) {
  const row = "grid gap-1 py-3 sm:grid-cols-[10rem_minmax(0,1fr)]";
  return (
    <form action={action} className="space-y-5" aria-labelledby="review-heading">
      <div>
        <h2 id="review-heading" className="text-base font-semibold text-slate-900">
          Check before you send
        </h2>
        <p className="mt-1 text-sm text-slate-600">Nothing has moved yet. Confirm to send, or go back to change something.</p>
      </div>
      <dl className="divide-y divide-slate-100 text-sm">
        <div className={row}>
          <dt className="text-slate-600">To</dt>
          <dd data-testid="review-recipient" className="min-w-0">
            <span className="font-semibold text-slate-900">{p.recipient.displayName}</span>{" "}
            <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">
              {KIND_LABEL[p.recipient.kind]}
              {p.recipient.ticker ? ` · ${p.recipient.ticker}` : ""}
            </span>
            <span className="mt-0.5 block text-slate-600">
              Account “{p.recipient.accountName}” #{p.recipient.accountId}
            </span>
          </dd>
        </div>
        <div className={row}>
          <dt className="text-slate-600">Amount</dt>
          <dd data-testid="review-amount" className="text-lg font-semibold text-slate-900">
            <Money minor={p.amount} currency={p.currency} />
          </dd>
        </div>
        <div className={row}>
          <dt className="text-slate-600">From</dt>
          <dd className="min-w-0">
            {p.fromAccountName} #{p.fromAccountId}
            <span className="mt-0.5 block text-slate-600">
              Balance after: <strong data-testid="review-balance-after" className="text-slate-900"><Money minor={p.balanceAfter} currency={p.currency} /></strong>{" "}
              (now <Money minor={p.balanceBefore} currency={p.currency} />)
            </span>
          </dd>
        </div>
        {p.description ? (
          <div className={row}>
            <dt className="text-slate-600">Description</dt>
            <dd className="min-w-0 break-words">{p.description}</dd>
          </div>
        ) : null}
      </dl>
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="fromAccountId" value={p.fromAccountId} />
      <input type="hidden" name="toAccountId" value={p.recipient.accountId} />
      <input type="hidden" name="amount" value={p.amountDecimal} />
      <input type="hidden" name="description" value={p.description} />
      <div className="flex flex-wrap gap-3">
        <SubmitButton name="intent" value="confirm" pendingLabel="Sending…">
          Confirm and send
        </SubmitButton>
        <button type="submit" name="intent" value="back" formNoValidate className={buttonClass("secondary")}>
          Back
        </button>
      </div>
    </form>
  );
}

function EditForm({
  accounts,
  defaultFrom,
  state,
  action,
  amountExample,
}: {
  accounts: AccountOption[];
  defaultFrom: string;
  state: TransferState;
  action: (data: FormData) => void;
  amountExample: string;
}) {
  const [fromId, setFromId] = useState(state.values?.fromAccountId || defaultFrom);
  const from = accounts.find((a) => a.id === fromId) ?? accounts[0]!;
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  // Remount the inputs after a success so they clear; keep them after an error or Back.
  const formKey = state.step === "done" ? state.idempotencyKey : "form";
  return (
    <>
      {state.status === "error" && !Object.keys(errors).length ? <FormAlert message={state.message} /> : null}
      <form action={action} key={formKey} className="space-y-5" noValidate>
        <input type="hidden" name="idempotencyKey" value={state.idempotencyKey} />
        <input type="hidden" name="intent" value="review" />
        <div>
          <label htmlFor="field-fromAccountId" className="block text-sm font-medium text-slate-900">
            From
          </label>
          <select
            id="field-fromAccountId"
            name="fromAccountId"
            value={fromId}
            onChange={(e) => setFromId(e.target.value)}
            aria-invalid={errors.fromAccountId ? true : undefined}
            aria-describedby={errors.fromAccountId ? "field-fromAccountId-error" : "field-fromAccountId-hint"}
            className="mt-1.5 block w-full min-w-0 rounded-md border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600 sm:text-sm"
          >
            {accounts.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
          {errors.fromAccountId ? (
            <p id="field-fromAccountId-error" className="mt-1.5 text-sm font-medium text-red-700">
              {errors.fromAccountId}
            </p>
          ) : (
            <p id="field-fromAccountId-hint" className="mt-1.5 text-sm text-slate-600">
              Available: <Money minor={from.balance} currency={from.currency} />
            </p>
          )}
        </div>
        <TextField
          label="To"
          name="to"
          defaultValue={values.to}
          error={errors.to}
          hint="An email address, a company ticker (e.g. ACME) or an account number (e.g. #42)."
          autoComplete="off"
          required
        />
        <TextField
          label={`Amount (${from.currency})`}
          name="amount"
          inputMode="decimal"
          defaultValue={values.amount}
          error={errors.amount}
          hint={`In ${from.currency}, e.g. 25.00 or ${amountExample}.`}
          autoComplete="off"
          required
        />
        <TextField label="Description (optional)" name="description" defaultValue={values.description} error={errors.description} maxLength={200} />
        <SubmitButton pendingLabel="Checking…">Review transfer</SubmitButton>
      </form>
    </>
  );
}
