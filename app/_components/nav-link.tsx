"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A navigation link that marks itself aria-current="page" on its own route and the routes under it. */
export function NavLink({
  href,
  children,
  exact = false,
  variant = "side",
}: {
  href: string;
  children: ReactNode;
  exact?: boolean;
  variant?: "side" | "tab";
}) {
  const pathname = usePathname();
  const active = pathname === href || (!exact && pathname.startsWith(`${href}/`));
  const styles =
    variant === "side"
      ? active
        ? "bg-indigo-50 font-semibold text-indigo-700"
        : "text-slate-700 hover:bg-slate-50 hover:text-slate-900"
      : active
        ? "border-indigo-600 text-indigo-700"
        : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900";
  const base =
    variant === "side"
      ? "flex items-center rounded-md px-3 py-2 text-sm font-medium"
      : "inline-flex items-center border-b-2 px-1 pb-3 pt-1 text-sm font-medium";
  return (
    <Link href={href} aria-current={active ? "page" : undefined} className={`${base} ${styles}`}>
      {children}
    </Link>
  );
}
