"use client";

import Link from "next/link";
import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { IDLE } from "@/app/_components/form-state";
import { TextField } from "@/app/_components/text-field";
import { signInAction } from "./actions";

export function SignInForm({
  callbackUrl,
  initialEmail,
  initialMessage,
}: {
  callbackUrl?: string;
  initialEmail?: string;
  initialMessage?: string;
}) {
  const [state, action] = useActionState(signInAction, IDLE);
  const message = state.status === "idle" ? initialMessage : state.message;
  return (
    <form action={action} className="space-y-5" noValidate>
      <FormAlert message={message} />
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <TextField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.values?.email ?? initialEmail}
        error={state.fieldErrors?.email}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.password}
      />
      <p className="-mt-3 text-right text-sm">
        <Link href="/forgot-password" className="font-medium text-indigo-700 hover:underline">
          Forgot your password?
        </Link>
      </p>
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        New here?{" "}
        <Link
          href={callbackUrl ? `/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-up"}
          className="font-medium text-indigo-700 hover:underline"
        >
          Create an account
        </Link>
      </p>
    </form>
  );
}
