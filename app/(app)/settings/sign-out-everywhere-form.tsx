import { SubmitButton } from "@/app/_components/button";
import { signOutEverywhereAction } from "./account-actions";

export function SignOutEverywhereForm({ sessions }: { sessions: number }) {
  return (
    <form action={signOutEverywhereAction} className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
      <p className="text-sm text-slate-700">
        You are signed in {sessions === 1 ? "in this browser only" : `in ${sessions} browsers or devices, this one included`}.
      </p>
      <SubmitButton variant="danger" pendingLabel="Signing out…">
        Sign out everywhere
      </SubmitButton>
    </form>
  );
}
