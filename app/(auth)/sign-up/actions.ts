"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/auth";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { signInErrorMessage } from "@/lib/auth/sign-in-error";
import { signUp } from "@/lib/auth/sign-up";
import { errorState, field, type FormState } from "@/app/_components/form-state";

export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = { name: field(formData, "name"), email: field(formData, "email"), password: field(formData, "password") };
  const values = { name: input.name, email: input.email };
  let email: string;
  try {
    email = (await signUp(input, { clientIp: clientIpFromHeaders(await headers()) })).email;
  } catch (error) {
    return errorState(error, values);
  }

  try {
    await signIn("credentials", { email, password: input.password, redirect: false });
  } catch (error) {
    // The account exists now; only the automatic sign-in was refused (e.g. this IP is rate
    // limited). Send the user to sign in rather than back to a form that would say "email taken".
    if (signInErrorMessage(error)) redirect(`/sign-in?created=1&email=${encodeURIComponent(email)}`);
    throw error;
  }
  redirect(safeRedirectPath(formData.get("callbackUrl")));
}
