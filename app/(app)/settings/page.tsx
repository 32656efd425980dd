import type { Metadata } from "next";
import { Card } from "@/app/_components/card";
import { PageHeader } from "@/app/_components/page-header";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { requireUser } from "@/lib/auth/require-user";
import { countSessions } from "@/lib/auth/sessions";
import { ChangePasswordForm } from "./change-password-form";
import { CreateTokenForm } from "./create-token-form";
import { NameForm } from "./name-form";
import { RevokeTokenButton } from "./revoke-token-button";
import { SignOutEverywhereForm } from "./sign-out-everywhere-form";

export const metadata: Metadata = { title: "Settings" };

const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function formatDate(date: Date | null): string {
  return date ? `${dateTime.format(date)} UTC` : "Never";
}

export default async function SettingsPage() {
  const user = await requireUser();
  const [tokens, sessions] = await Promise.all([listApiTokens({ userId: user.id }), countSessions(user.id)]);

  return (
    <>
      <PageHeader title="Settings" />
      <div className="space-y-6">
        <Card title="Profile">
          <NameForm name={user.name} />
          <dl className="mt-6 grid gap-4 text-sm sm:grid-cols-2">
            <div>
              <dt className="text-slate-600">Email</dt>
              <dd className="mt-1 font-medium text-slate-900">{user.email}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Role</dt>
              <dd className="mt-1 font-medium text-slate-900">{user.role === "ADMIN" ? "Administrator" : "Member"}</dd>
            </div>
          </dl>
        </Card>

        <Card title="Password" description="Changing your password signs you out in every other browser and device.">
          <ChangePasswordForm minPasswordLength={MIN_PASSWORD_LENGTH} />
        </Card>

        <Card title="Sessions" description="Lost a device or used a shared computer? End every session, this one included.">
          <SignOutEverywhereForm sessions={sessions} />
        </Card>

        <Card
          title="API tokens"
          description={
            <>
              Use a token to call the API as yourself: send <code className="font-mono">Authorization: Bearer ch_…</code>. Treat it like a
              password.
            </>
          }
        >
          <CreateTokenForm />
          <div className="mt-6 overflow-x-auto">
            {tokens.length === 0 ? (
              <p className="text-sm text-slate-600">You have no active tokens.</p>
            ) : (
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">Active API tokens</caption>
                <thead>
                  <tr className="text-left text-slate-600">
                    <th scope="col" className="py-2 pr-4 font-medium">Name</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Token</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Created</th>
                    <th scope="col" className="py-2 pr-4 font-medium">Last used</th>
                    <th scope="col" className="py-2 text-right font-medium">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {tokens.map((token) => (
                    <tr key={token.id}>
                      <td className="py-3 pr-4 font-medium text-slate-900">{token.name}</td>
                      <td className="py-3 pr-4 font-mono text-slate-700">{token.prefix}…</td>
                      <td className="py-3 pr-4 text-slate-700">{formatDate(token.createdAt)}</td>
                      <td className="py-3 pr-4 text-slate-700">{formatDate(token.lastUsedAt)}</td>
                      <td className="py-3">
                        <RevokeTokenButton tokenId={token.id} tokenName={token.name} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </Card>
      </div>
    </>
  );
}
