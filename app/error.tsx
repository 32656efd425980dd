"use client";

// Unexpected errors only: expected ones (AppError) are shown on the form that caused them. The
// message here is deliberately generic; details are in the server log, keyed by the digest.
import { useEffect } from "react";
import { StatusPage } from "./_components/status-page";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);

  return (
    <StatusPage
      code="Something went wrong"
      title="We couldn't load this page"
      action={
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-indigo-500"
        >
          Try again
        </button>
      }
    >
      <p>Please try again in a moment. If it keeps happening, share the reference below with an administrator.</p>
      {error.digest ? <p className="mt-2 text-sm text-slate-500">Reference: {error.digest}</p> : null}
    </StatusPage>
  );
}
