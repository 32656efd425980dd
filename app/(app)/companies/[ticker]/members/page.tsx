import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/app/_components/card";
import { PageHeader } from "@/app/_components/page-header";
import { requireUser } from "@/lib/auth/require-user";
import { listMembers } from "@/lib/companies/members";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors/app-error";
import { requireCompanyAccess } from "@/lib/ledger/account-access";
import { DeleteCompanyForm, GrantAccessForm, RevokeButton } from "./member-forms";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ ticker: string }> }) {
  const user = await requireUser();
  const ticker = decodeURIComponent((await params).ticker).toUpperCase();
  const company = await requireCompanyAccess(db(), user, { ticker }, "view").catch((error: unknown) => {
    if (isAppError(error)) notFound();
    throw error;
  });
  const members = await listMembers(db(), company.id);
  return (
    <>
      <PageHeader
        title={`Members of ${company.name}`}
        description={
          <Link href={`/companies/${company.ticker}`} className="text-indigo-700 hover:underline">
            ← Back to {company.ticker}
          </Link>
        }
      />
      <div className="space-y-6">
        <Card title="Who has access">
          <ul className="divide-y divide-slate-100 text-sm">
            {members.map((m) => (
              <li key={m.userId} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="member-row">
                <span className="min-w-0">
                  <span className="font-medium text-slate-900">{m.name}</span> <span className="break-all text-slate-600">{m.email}</span>
                  <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs capitalize text-slate-700">{m.role}</span>
                </span>
                {company.canManage ? <RevokeButton companyId={company.id} ticker={company.ticker} userId={m.userId} label={m.name} /> : null}
              </li>
            ))}
          </ul>
        </Card>
        {company.canManage ? (
          <Card title="Grant access" description="The person must have signed up. Granting again changes their role.">
            <GrantAccessForm companyId={company.id} ticker={company.ticker} />
          </Card>
        ) : (
          <p className="text-sm text-slate-600">Only owners can grant or revoke access.</p>
        )}
        {company.canManage ? (
          <Card title="Delete company" description="Only a company that never did business (no ledger entries, shares or events) can be deleted.">
            <DeleteCompanyForm companyId={company.id} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
