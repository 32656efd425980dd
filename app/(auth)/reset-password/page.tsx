import type { Metadata } from "next";
import Link from "next/link";
import { FormAlert } from "@/app/_components/form-alert";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { checkResetToken, RESET_LINK_MESSAGES } from "@/lib/auth/reset-password";
import { ResetPasswordForm } from "./reset-password-form";

// The token is in this page's URL: send no Referer at all from it.
export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const { token } = await searchParams;
  const status = await checkResetToken(token);
  return (
    <>
      <h1 className="mb-6 text-xl font-semibold tracking-tight text-slate-900">Choose a new password</h1>
      {status === "valid" ? (
        <>
          <p className="mb-5 text-sm text-slate-600">Saving it signs you out on every browser and device.</p>
          <ResetPasswordForm token={token as string} minPasswordLength={MIN_PASSWORD_LENGTH} />
        </>
      ) : (
        <div className="space-y-5">
          <FormAlert message={RESET_LINK_MESSAGES[status]} />
          <p className="text-sm">
            <Link href="/forgot-password" className="font-medium text-indigo-700 hover:underline">
              Request a new link
            </Link>
          </p>
        </div>
      )}
    </>
  );
}
