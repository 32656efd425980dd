import type { ReactNode } from "react";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main id="main" className="flex min-h-dvh flex-col items-center justify-center px-4 py-12">
      <p className="mb-8 text-lg font-semibold tracking-tight text-slate-900">
        <span aria-hidden="true" className="mr-2 inline-block h-3 w-3 rounded-sm bg-indigo-600" />
        Countinghouse
      </p>
      <div className="w-full max-w-sm rounded-lg bg-white px-6 py-8 shadow-sm ring-1 ring-slate-200 sm:px-8">{children}</div>
    </main>
  );
}
