import Link from "next/link";
import type { ReactNode } from "react";

/** The body of not-found, forbidden and error pages: a short explanation and a way back. */
export function StatusPage({
  code,
  title,
  children,
  action,
  inShell = false,
}: {
  code: string;
  title: string;
  children: ReactNode;
  action?: ReactNode;
  /** Inside the app shell, which already provides <main> and the navigation. */
  inShell?: boolean;
}) {
  const body = (
    <>
      <p className="text-sm font-semibold text-indigo-700">{code}</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <div className="mt-3 text-slate-600">{children}</div>
      <div className="mt-8 flex flex-wrap gap-3">
        {action}
        <Link href="/dashboard" className="rounded-md text-sm font-medium text-indigo-700 underline-offset-4 hover:underline">
          Go to your dashboard
        </Link>
      </div>
    </>
  );
  if (inShell) return <div className="max-w-lg py-10">{body}</div>;
  return (
    <main id="main" className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center px-6 py-16">
      {body}
    </main>
  );
}
