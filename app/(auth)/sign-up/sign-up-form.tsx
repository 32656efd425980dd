"use client";

import Link from "next/link";
import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { IDLE } from "@/app/_components/form-state";
import { NewPasswordField } from "@/app/_components/new-password-field";
import { TextField } from "@/app/_components/text-field";
import { signUpAction } from "./actions";

export function SignUpForm({ minPasswordLength, callbackUrl }: { minPasswordLength: number; callbackUrl?: string }) {
  const [state, action] = useActionState(signUpAction, IDLE);
  // Field errors speak for themselves; the form-level alert is for anything else.
  const message = state.fieldErrors ? undefined : state.message;
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormAlert message={message} />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <TextField label="Name" name="name" autoComplete="name" required defaultValue={state.values?.name} error={state.fieldErrors?.name} />
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
      />
      <NewPasswordField label="Password" name="password" minLength={minPasswordLength} error={state.fieldErrors?.password} />
      <SubmitButton className="w-full" pendingLabel="Creating account…">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link
          href={callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in"}
          className="font-medium text-indigo-700 hover:underline"
        >
          Sign in
        </Link>
      </p>
    </form>
  );
}
