"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { IDLE, type FormState } from "@/app/_components/form-state";
import { TextField } from "@/app/_components/text-field";
import { deleteCompanyAction, grantAccessAction, revokeAccessAction } from "../../actions";

export function GrantAccessForm({ companyId, ticker }: { companyId: string; ticker: string }) {
  const [state, action] = useActionState<FormState, FormData>(grantAccessAction, IDLE);
  const errors = state.fieldErrors ?? {};
  const values = state.status === "error" ? (state.values ?? {}) : {};
  return (
    <form action={action} key={state.status === "success" ? state.message : "form"} className="space-y-4" noValidate>
      <input type="hidden" name="companyId" value={companyId} />
      <input type="hidden" name="ticker" value={ticker} />
      {state.status === "error" && !Object.keys(errors).length ? <FormAlert message={state.message} /> : null}
      {state.status === "success" ? <FormAlert tone="success" message={state.message} /> : null}
      <TextField label="Email" name="email" type="email" defaultValue={values.email} error={errors.email} required autoComplete="off" />
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">Role</legend>
        <div className="mt-2 flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="role" value="manager" defaultChecked={values.role !== "owner"} /> Manager — runs products, spends from the account
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="role" value="owner" defaultChecked={values.role === "owner"} /> Owner — also manages access
          </label>
        </div>
        {errors.role ? <p className="mt-1.5 text-sm font-medium text-red-700">{errors.role}</p> : null}
      </fieldset>
      <SubmitButton pendingLabel="Granting…">Grant access</SubmitButton>
    </form>
  );
}

export function RevokeButton({ companyId, ticker, userId, label }: { companyId: string; ticker: string; userId: string; label: string }) {
  const [state, action] = useActionState<FormState, FormData>(revokeAccessAction, IDLE);
  return (
    <form action={action} className="flex flex-col items-end gap-1">
      <input type="hidden" name="companyId" value={companyId} />
      <input type="hidden" name="ticker" value={ticker} />
      <input type="hidden" name="userId" value={userId} />
      <SubmitButton variant="danger" aria-label={`Revoke access of ${label}`}>
        Revoke
      </SubmitButton>
      {state.status === "error" ? <FormAlert message={state.message} /> : null}
    </form>
  );
}

/** Owners only; refused (with the reason) for a company with any history. */
export function DeleteCompanyForm({ companyId }: { companyId: string }) {
  const [state, action] = useActionState<FormState, FormData>(deleteCompanyAction, IDLE);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="companyId" value={companyId} />
      {state.status === "error" ? <FormAlert message={state.message} /> : null}
      <SubmitButton variant="danger" pendingLabel="Deleting…">
        Delete company
      </SubmitButton>
    </form>
  );
}
