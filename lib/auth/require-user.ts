// Authorization for pages and server actions. Call these in every page and every action, not only
// in a layout: a layout's check does not protect the server actions a page exposes, and layouts
// and pages render in parallel.
import { headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { AppError } from "@/lib/errors/app-error";
import { getCurrentSession, getCurrentUser } from "./current-user";
import { isSafeRedirectPath } from "./safe-redirect";
import type { SessionUser } from "./session-user";

/** Pages: the signed-in user, or a redirect to /sign-in that comes back here afterwards. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(await currentPath())}`);
  return user;
}

/** Pages: an ADMIN, or Next's forbidden() (HTTP 403 with app/forbidden.tsx) for anyone else signed in. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "ADMIN") forbidden();
  return user;
}

/** Server actions: the signed-in user, or AppError('unauthorized'). */
export async function requireActionUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  return user;
}

/** Server actions that act on the session itself (password change, sign out everywhere). */
export async function requireActionSession(): Promise<{ user: SessionUser; sessionId: string }> {
  const session = await getCurrentSession();
  if (!session) throw new AppError("unauthorized", "Your session has ended. Sign in again.");
  return session;
}

/** Server actions: an ADMIN, or AppError('forbidden'). */
export async function requireActionAdmin(): Promise<SessionUser> {
  const user = await requireActionUser();
  if (user.role !== "ADMIN") throw new AppError("forbidden", "You do not have permission to do that.");
  return user;
}

/**
 * Path of the page being rendered, for the return after sign-in. Next does not expose the URL to
 * server components; a proxy in front may set x-pathname. Otherwise the user lands on the dashboard.
 */
async function currentPath(): Promise<string> {
  const h = await headers();
  const path = h.get("x-pathname");
  return isSafeRedirectPath(path) ? path : "/dashboard";
}
