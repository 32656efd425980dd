import type { Metadata } from "next";
import { Card } from "@/app/_components/card";
import { FormAlert } from "@/app/_components/form-alert";
import { formatDateTime } from "@/app/_components/format-date";
import { PageHeader } from "@/app/_components/page-header";
import { personTimeZone } from "@/app/_components/person-prefs";
import { ResponsiveTable, type ResponsiveColumn } from "@/app/_components/responsive-table";
import { ROLE_LABEL } from "@/app/_components/role-label";
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

const TOKEN_COLUMNS: ResponsiveColumn[] = [
  { key: "name", header: "Name", phone: "title", className: "font-medium text-slate-900" },
  { key: "prefix", header: "Token", phone: "detail", className: "font-mono text-slate-700" },
  { key: "created", header: "Created", phone: "detail", className: "text-slate-700" },
  { key: "lastUsed", header: "Last used", phone: "detail", className: "text-slate-700" },
  { key: "actions", header: <span className="sr-only">Actions</span>, label: " ", align: "right", phone: "detail" },
];

export default async function SettingsPage({ searchParams }: { searchParams: Promise<{ revoked?: string | string[] }> }) {
  const user = await requireUser();
  const [tokens, sessions, timeZone, { revoked }] = await Promise.all([
    listApiTokens({ userId: user.id }),
    countSessions(user.id),
    personTimeZone(),
    searchParams,
  ]);
  const when = (date: Date | null) => (date ? formatDateTime(date, timeZone) : "Never");

  return (
    <>
      <PageHeader title="Settings" />
      <div className="space-y-6">
        <Card title="Profile">
          <NameForm name={user.name} />
          <dl className="mt-6 grid gap-4 text-sm sm:grid-cols-3">
            <div className="min-w-0">
              <dt className="text-slate-600">Email</dt>
              <dd className="mt-1 break-all font-medium text-slate-900">{user.email}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Role</dt>
              <dd className="mt-1 font-medium text-slate-900">{ROLE_LABEL[user.role]}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Time zone</dt>
              <dd className="mt-1 font-medium text-slate-900">{timeZone}</dd>
              <dd className="mt-0.5 text-xs text-slate-500">Your browser’s; times everywhere are shown in it.</dd>
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
          {typeof revoked === "string" ? (
            <div className="mt-4">
              <FormAlert tone="success" message={`Token “${revoked}” revoked: requests with it are now refused.`} />
            </div>
          ) : null}
          <div className="mt-6">
            <ResponsiveTable
              caption="Active API tokens"
              columns={TOKEN_COLUMNS}
              empty="You have no active tokens."
              rows={tokens.map((token) => ({
                id: token.id,
                cells: {
                  name: token.name,
                  prefix: `${token.prefix}…`,
                  created: when(token.createdAt),
                  lastUsed: when(token.lastUsedAt),
                  actions: <RevokeTokenButton tokenId={token.id} tokenName={token.name} />,
                },
              }))}
            />
          </div>
        </Card>
      </div>
    </>
  );
}
