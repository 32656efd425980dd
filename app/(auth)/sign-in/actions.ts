"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/auth";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { signInErrorMessage } from "@/lib/auth/sign-in-error";
import { signInSchema } from "@/lib/auth/sign-in.schema";
import { fieldErrorsFromIssues } from "@/lib/errors/app-error";
import { errorState, field, type FormState } from "@/app/_components/form-state";

export async function signInAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = { email: field(formData, "email") };
  const parsed = signInSchema.safeParse({ email: values.email, password: field(formData, "password") });
  if (!parsed.success) {
    return { status: "error", fieldErrors: fieldErrorsFromIssues(parsed.error.issues), values };
  }

  try {
    // The Credentials provider checks the password and the rate limit (lib/auth/verify-credentials.ts).
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (error) {
    const message = signInErrorMessage(error);
    if (message) return { status: "error", message, values };
    return errorState(error, values);
  }
  redirect(safeRedirectPath(formData.get("callbackUrl")));
}
