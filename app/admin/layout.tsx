import type { ReactNode } from "react";
import { AppShell } from "@/app/_components/app-shell";
import { NavLink } from "@/app/_components/nav-link";
import { requireAdmin } from "@/lib/auth/require-user";

const ADMIN_NAV = [
  { href: "/admin", label: "Members", exact: true },
  { href: "/admin/accounts", label: "Accounts" },
  { href: "/admin/ledger", label: "Ledger" },
  { href: "/admin/balances", label: "Balances" },
  { href: "/admin/transactions", label: "Transactions" },
  { href: "/admin/invoices", label: "Invoices" },
  { href: "/admin/emails", label: "Emails" },
  { href: "/admin/reports", label: "Reports" },
  { href: "/admin/market", label: "Market" },
  { href: "/admin/jobs", label: "Jobs" },
];

// A USER gets HTTP 403 (app/forbidden.tsx) here. Every admin page and admin action must still
// call requireAdmin()/requireActionAdmin() itself: the layout only guards what it renders.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireAdmin();
  return (
    <AppShell user={user}>
      <p className="text-sm font-semibold text-indigo-700">Admin</p>
      <nav aria-label="Admin" className="mb-8 mt-2 border-b border-slate-200">
        <ul className="-mb-px flex flex-wrap gap-x-6">
          {ADMIN_NAV.map((item) => (
            <li key={item.href}>
              <NavLink href={item.href} exact={item.exact} variant="tab">
                {item.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      {children}
    </AppShell>
  );
}
