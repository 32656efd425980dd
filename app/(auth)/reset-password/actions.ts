"use server";

import { redirect } from "next/navigation";
import { resetPassword } from "@/lib/auth/reset-password";
import { errorState, field, type FormState } from "@/app/_components/form-state";

// Public on purpose: the token in the form is the authorization, checked and spent in one guarded
// UPDATE by resetPassword.
export async function resetPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  let email: string;
  try {
    ({ email } = await resetPassword({
      token: field(formData, "token"),
      newPassword: field(formData, "newPassword"),
      confirmPassword: field(formData, "confirmPassword"),
    }));
  } catch (error) {
    return errorState(error);
  }
  redirect(`/sign-in?reset=1&email=${encodeURIComponent(email)}`);
}
