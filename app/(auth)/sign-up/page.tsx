import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { isSafeRedirectPath } from "@/lib/auth/safe-redirect";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Create an account" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignUpPage({ searchParams }: { searchParams: SearchParams }) {
  const { callbackUrl: requested } = await searchParams;
  const callbackUrl = typeof requested === "string" && isSafeRedirectPath(requested) ? requested : undefined;
  if (await getCurrentUser()) redirect(callbackUrl ?? "/dashboard");
  return (
    <>
      <h1 className="text-xl font-semibold tracking-tight text-slate-900">Create your account</h1>
      <p className="mb-6 mt-1 text-sm text-slate-600">You start with $10,000.00 in your personal account.</p>
      <SignUpForm minPasswordLength={MIN_PASSWORD_LENGTH} callbackUrl={callbackUrl} />
    </>
  );
}
