import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/button-class";
import { formatDateTime } from "@/app/_components/format-date";
import { PageHeader } from "@/app/_components/page-header";
import { personTimeZone } from "@/app/_components/person-prefs";
import { ResponsiveTable, type ResponsiveColumn } from "@/app/_components/responsive-table";
import { ROLE_LABEL } from "@/app/_components/role-label";
import { listUsersPage } from "@/lib/auth/list-users";
import { requireAdmin } from "@/lib/auth/require-user";

export const metadata: Metadata = { title: "Admin · Members" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const COLUMNS: ResponsiveColumn[] = [
  { key: "email", header: "Email", phone: "title", className: "font-medium text-slate-900" },
  { key: "name", header: "Name", phone: "sub", className: "text-slate-700" },
  { key: "role", header: "Role", phone: "amount" },
  { key: "created", header: "Joined", phone: "sub", className: "text-slate-700" },
];

export default async function AdminMembersPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const { after } = await searchParams;
  const [page, timeZone] = await Promise.all([listUsersPage({ after: typeof after === "string" ? after : undefined }), personTimeZone()]);

  return (
    <>
      <PageHeader
        title="Members"
        description={`${page.total} ${page.total === 1 ? "person has" : "people have"} signed up, admins included; newest first.`}
      />
      <div className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200 max-md:px-4">
        <ResponsiveTable
          caption="Members"
          dense
          columns={COLUMNS}
          empty={<p className="px-4 text-center">No more members.</p>}
          rows={page.users.map((user) => ({
            id: user.id,
            cells: {
              email: <span className="break-all">{user.email}</span>,
              name: user.name,
              role: (
                <span
                  className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
                    user.role === "ADMIN" ? "bg-indigo-50 text-indigo-800 ring-indigo-200" : "bg-slate-50 text-slate-700 ring-slate-200"
                  }`}
                >
                  {ROLE_LABEL[user.role]}
                </span>
              ),
              created: <time dateTime={user.createdAt.toISOString()}>{formatDateTime(user.createdAt, timeZone)}</time>,
            },
          }))}
        />
      </div>
      <nav aria-label="Pagination" className="mt-4 flex justify-end gap-3">
        {after ? (
          <Link href="/admin" className={buttonClass("secondary")}>
            First page
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={`/admin?after=${encodeURIComponent(page.nextCursor)}`} className={buttonClass("secondary")}>
            Next page
          </Link>
        ) : null}
      </nav>
    </>
  );
}
