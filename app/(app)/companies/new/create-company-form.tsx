"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { IDLE, type FormState } from "@/app/_components/form-state";
import { TextField } from "@/app/_components/text-field";
import { createCompanyAction } from "../actions";

export function CreateCompanyForm() {
  const [state, action] = useActionState<FormState, FormData>(createCompanyAction, IDLE);
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  return (
    <form action={action} className="space-y-5" noValidate>
      {state.status === "error" && !Object.keys(errors).length ? <FormAlert message={state.message} /> : null}
      <TextField label="Company name" name="name" defaultValue={values.name} error={errors.name} required maxLength={80} />
      <TextField
        label="Ticker"
        name="ticker"
        defaultValue={values.ticker}
        error={errors.ticker}
        hint="1–5 letters, unique, e.g. ACME. How people find you in transfers and on the stock market."
        autoComplete="off"
        className="max-w-xs"
        required
        maxLength={5}
      />
      <TextField label="Description (optional)" name="description" defaultValue={values.description} error={errors.description} maxLength={500} />
      <SubmitButton pendingLabel="Founding…">Found company</SubmitButton>
    </form>
  );
}
