import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/app/_components/button-class";
import { PageHeader } from "@/app/_components/page-header";
import { listUsersPage } from "@/lib/auth/list-users";
import { requireAdmin } from "@/lib/auth/require-user";

export const metadata: Metadata = { title: "Admin · Users" };

const date = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AdminUsersPage({ searchParams }: { searchParams: SearchParams }) {
  await requireAdmin();
  const { after } = await searchParams;
  const page = await listUsersPage({ after: typeof after === "string" ? after : undefined });

  return (
    <>
      <PageHeader title="Users" description={`${page.total} ${page.total === 1 ? "user" : "users"} in total, newest first.`} />
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="sr-only">Users</caption>
          <thead className="bg-slate-50">
            <tr className="text-left text-slate-600">
              <th scope="col" className="px-4 py-3 font-medium">Email</th>
              <th scope="col" className="px-4 py-3 font-medium">Name</th>
              <th scope="col" className="px-4 py-3 font-medium">Role</th>
              <th scope="col" className="px-4 py-3 font-medium">Created</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {page.users.map((user) => (
              <tr key={user.id}>
                <td className="px-4 py-3 font-medium text-slate-900">{user.email}</td>
                <td className="px-4 py-3 text-slate-700">{user.name}</td>
                <td className="px-4 py-3">
                  <span
                    className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${
                      user.role === "ADMIN" ? "bg-indigo-50 text-indigo-800 ring-indigo-200" : "bg-slate-50 text-slate-700 ring-slate-200"
                    }`}
                  >
                    {user.role === "ADMIN" ? "Admin" : "User"}
                  </span>
                </td>
                <td className="px-4 py-3 text-slate-700">{date.format(user.createdAt)}</td>
              </tr>
            ))}
            {page.users.length === 0 ? (
              <tr>
                <td colSpan={4} className="px-4 py-6 text-center text-slate-600">
                  No more users.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
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
