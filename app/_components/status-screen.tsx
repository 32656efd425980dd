// 403 and 404 for a signed-in person keep the app's navigation around them, so the way on is one
// click away; signed out, the same message stands alone. Rendered by app/forbidden.tsx and
// app/not-found.tsx, which Next uses for every forbidden() / notFound() and for unknown URLs.
import type { ReactNode } from "react";
import { getCurrentUser } from "@/lib/auth/current-user";
import { AppShell } from "./app-shell";
import { StatusPage } from "./status-page";

export async function StatusScreen({ code, title, children }: { code: string; title: string; children: ReactNode }) {
  const user = await getCurrentUser().catch(() => null);
  if (!user) {
    return (
      <StatusPage code={code} title={title}>
        {children}
      </StatusPage>
    );
  }
  return (
    <AppShell user={user}>
      <StatusPage code={code} title={title} inShell>
        {children}
      </StatusPage>
    </AppShell>
  );
}
