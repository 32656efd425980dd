// The signed-in frame: sidebar navigation on wide screens, a collapsible menu on narrow ones.
// Rendered by app/(app)/layout.tsx and app/admin/layout.tsx, which each authorize first.
import Link from "next/link";
import type { ReactNode } from "react";
import type { SessionUser } from "@/lib/auth/session-user";
import { buttonClass } from "./button-class";
import { NavLink } from "./nav-link";
import { personTimeZone } from "./person-prefs";
import { ROLE_LABEL } from "./role-label";
import { signOutAction } from "./sign-out-action";
import { TimeZoneCookie } from "./time-zone-cookie";

const MAIN_NAV = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/accounts", label: "Accounts" },
  { href: "/transfer", label: "Transfer" },
  { href: "/companies", label: "Companies" },
  { href: "/market", label: "Market" },
  { href: "/stocks", label: "Stocks" },
  { href: "/portfolio", label: "Portfolio" },
  { href: "/leaderboard", label: "Leaderboard" },
  { href: "/shop", label: "Shop" },
  { href: "/cart", label: "Cart" },
  { href: "/orders", label: "Orders" },
  { href: "/invoices", label: "Invoices" },
  { href: "/settings", label: "Settings" },
];

function NavList({ user }: { user: SessionUser }) {
  return (
    <ul className="space-y-1">
      {MAIN_NAV.map((item) => (
        <li key={item.href}>
          <NavLink href={item.href}>{item.label}</NavLink>
        </li>
      ))}
      {user.role === "ADMIN" ? (
        <li className="mt-4 border-t border-slate-200 pt-4">
          <NavLink href="/admin">Admin</NavLink>
        </li>
      ) : null}
    </ul>
  );
}

function UserBlock({ user }: { user: SessionUser }) {
  return (
    <div className="border-t border-slate-200 pt-4">
      <p className="truncate text-sm font-medium text-slate-900">{user.name}</p>
      <p className="truncate text-sm text-slate-600">{user.email}</p>
      <p className="text-xs text-slate-500">{ROLE_LABEL[user.role]}</p>
      <form action={signOutAction} className="mt-3">
        <button type="submit" className={buttonClass("secondary", "w-full")}>
          Sign out
        </button>
      </form>
    </div>
  );
}

function Brand() {
  return (
    <Link href="/dashboard" className="flex items-center gap-2 rounded-md text-base font-semibold tracking-tight text-slate-900">
      <span aria-hidden="true" className="inline-block h-3 w-3 rounded-sm bg-indigo-600" />
      Countinghouse
    </Link>
  );
}

export async function AppShell({ user, children }: { user: SessionUser; children: ReactNode }) {
  const timeZone = await personTimeZone();
  return (
    <div className="min-h-dvh">
      <TimeZoneCookie current={timeZone} />
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:fixed focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-4 focus:py-2 focus:text-sm focus:font-medium focus:shadow"
      >
        Skip to content
      </a>

      {/* Narrow screens: top bar with a disclosure menu (works without JavaScript). */}
      <header className="border-b border-slate-200 bg-white md:hidden">
        <details className="group">
          <summary className="flex cursor-pointer list-none items-center justify-between px-4 py-3 [&::-webkit-details-marker]:hidden">
            <Brand />
            <span className="rounded-md px-2 py-1 text-sm font-medium text-slate-700 ring-1 ring-slate-300">
              <span className="group-open:hidden">Menu</span>
              <span className="hidden group-open:inline">Close</span>
            </span>
          </summary>
          <nav aria-label="Main" className="space-y-4 px-4 pb-4">
            <NavList user={user} />
            <UserBlock user={user} />
          </nav>
        </details>
      </header>

      {/* Wide screens: fixed sidebar. */}
      <aside className="fixed inset-y-0 left-0 hidden w-60 flex-col border-r border-slate-200 bg-white px-4 py-5 md:flex">
        <div className="px-3">
          <Brand />
        </div>
        <nav aria-label="Main" className="mt-8 flex-1 overflow-y-auto">
          <NavList user={user} />
        </nav>
        <UserBlock user={user} />
      </aside>

      <main id="main" tabIndex={-1} className="min-w-0 px-4 py-6 focus:outline-none sm:px-6 md:ml-60 md:px-10 md:py-10">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
