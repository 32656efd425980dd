"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { Money } from "@/app/_components/money";
import { TextField } from "@/app/_components/text-field";
import { transferAction, type TransferState } from "./actions";

interface AccountOption {
  id: string;
  label: string;
  currency: string;
  balance: string;
}

export function TransferForm({ accounts, defaultFrom, idempotencyKey }: { accounts: AccountOption[]; defaultFrom: string; idempotencyKey: string }) {
  const [state, action] = useActionState<TransferState, FormData>(transferAction, { status: "idle", idempotencyKey });
  const [fromId, setFromId] = useState(state.values?.fromAccountId || defaultFrom);
  const from = accounts.find((a) => a.id === fromId) ?? accounts[0]!;
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  // Remount the inputs after a success so they clear; keep them after an error.
  const formKey = state.status === "success" ? state.idempotencyKey : "form";

  return (
    <div className="space-y-5">
      {state.status === "success" && state.result ? (
        <div role="status" className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200">
          <p className="font-semibold">
            Sent <Money minor={state.result.amount} currency={state.result.currency} /> to {state.result.recipient}.
          </p>
          <p className="mt-1">
            New balance of account #{state.result.fromAccountId}:{" "}
            <strong data-testid="new-balance">
              <Money minor={state.result.fromBalanceAfter} currency={state.result.currency} />
            </strong>
            .{" "}
            <Link href={`/accounts/${state.result.fromAccountId}`} className="underline">
              View history
            </Link>
          </p>
        </div>
      ) : null}
      {state.status === "error" && !Object.keys(errors).length ? <FormAlert message={state.message} /> : null}

      <form action={action} key={formKey} className="space-y-5" noValidate>
        <input type="hidden" name="idempotencyKey" value={state.idempotencyKey} />
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
            className="mt-1.5 block w-full rounded-md border-0 bg-white px-3 py-2 text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600 sm:text-sm"
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
          hint={`In ${from.currency}, e.g. 25.00.`}
          autoComplete="off"
          required
        />
        <TextField label="Description (optional)" name="description" defaultValue={values.description} error={errors.description} maxLength={200} />
        <SubmitButton pendingLabel="Sending…">Send money</SubmitButton>
      </form>
    </div>
  );
}
