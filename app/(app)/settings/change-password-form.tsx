"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { IDLE } from "@/app/_components/form-state";
import { NewPasswordField } from "@/app/_components/new-password-field";
import { TextField } from "@/app/_components/text-field";
import { changePasswordAction } from "./account-actions";

export function ChangePasswordForm({ minPasswordLength }: { minPasswordLength: number }) {
  const [state, action] = useActionState(changePasswordAction, IDLE);
  return (
    <form action={action} className="max-w-md space-y-4" noValidate>
      {state.status === "success" ? <FormAlert tone="success" message={state.message} /> : null}
      {state.status === "error" && !state.fieldErrors ? <FormAlert message={state.message} /> : null}
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.currentPassword}
      />
      <NewPasswordField name="newPassword" minLength={minPasswordLength} error={state.fieldErrors?.newPassword} />
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}
