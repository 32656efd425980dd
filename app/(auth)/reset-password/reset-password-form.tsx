"use client";

import Link from "next/link";
import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { IDLE } from "@/app/_components/form-state";
import { NewPasswordField } from "@/app/_components/new-password-field";
import { TextField } from "@/app/_components/text-field";
import { resetPasswordAction } from "./actions";

export function ResetPasswordForm({ token, minPasswordLength }: { token: string; minPasswordLength: number }) {
  const [state, action] = useActionState(resetPasswordAction, IDLE);
  // A dead link (used meanwhile, expired) comes back as a form-level message without field errors.
  const linkProblem = state.status === "error" && !state.fieldErrors;
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormAlert message={linkProblem ? state.message : undefined} />
      {linkProblem ? (
        <p className="text-sm">
          <Link href="/forgot-password" className="font-medium text-indigo-700 hover:underline">
            Request a new link
          </Link>
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <NewPasswordField name="newPassword" minLength={minPasswordLength} error={state.fieldErrors?.newPassword} />
      <TextField
        label="Repeat the new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        error={state.fieldErrors?.confirmPassword}
      />
      <SubmitButton className="w-full" pendingLabel="Saving…">
        Set new password
      </SubmitButton>
    </form>
  );
}
