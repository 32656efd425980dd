import type { ReactNode } from "react";
import { AppShell } from "@/app/_components/app-shell";
import { requireUser } from "@/lib/auth/require-user";

// The shell needs the user; each page under it still calls requireUser() itself, because a
// layout's check protects neither the page's data (they render in parallel) nor its actions.
export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return <AppShell user={user}>{children}</AppShell>;
}
