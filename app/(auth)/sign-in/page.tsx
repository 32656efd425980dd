import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { isSafeRedirectPath } from "@/lib/auth/safe-redirect";
import { INVALID_CREDENTIALS_MESSAGE } from "@/lib/auth/sign-in-error";
import { FormAlert } from "@/app/_components/form-alert";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = typeof params.callbackUrl === "string" && isSafeRedirectPath(params.callbackUrl) ? params.callbackUrl : undefined;
  if (await getCurrentUser()) redirect(callbackUrl ?? "/dashboard");

  return (
    <>
      <h1 className="mb-6 text-xl font-semibold tracking-tight text-slate-900">Sign in to your account</h1>
      {params.created ? (
        <div className="mb-5">
          <FormAlert tone="success" message="Your account was created. Sign in to continue." />
        </div>
      ) : null}
      {params.reset === "1" ? (
        <div className="mb-5">
          <FormAlert tone="success" message="Your password was changed and you were signed out everywhere. Sign in with your new password." />
        </div>
      ) : null}
      {params.signedOut === "everywhere" ? (
        <div className="mb-5">
          <FormAlert tone="success" message="You were signed out in every browser and device." />
        </div>
      ) : null}
      <SignInForm
        callbackUrl={callbackUrl}
        initialEmail={typeof params.email === "string" ? params.email : undefined}
        initialMessage={authRouteError(params)}
      />
    </>
  );
}

/** Errors Auth.js reports by redirecting here (a POST straight to /api/auth/callback/credentials). */
function authRouteError(params: Record<string, string | string[] | undefined>): string | undefined {
  if (!params.error) return undefined;
  if (params.code === "rate_limited") return "Too many failed sign-in attempts. Try again later.";
  if (params.error === "CredentialsSignin") return INVALID_CREDENTIALS_MESSAGE;
  return "We couldn't sign you in. Please try again.";
}
