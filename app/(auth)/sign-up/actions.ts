"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/auth";
import { signUp } from "@/lib/auth/sign-up";
import { errorState, field, type FormState } from "@/app/_components/form-state";

export async function signUpAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = { name: field(formData, "name"), email: field(formData, "email"), password: field(formData, "password") };
  const values = { name: input.name, email: input.email };
  try {
    const user = await signUp(input);
    await signIn("credentials", { email: user.email, password: input.password, redirect: false });
  } catch (error) {
    return errorState(error, values);
  }
  redirect("/dashboard");
}
