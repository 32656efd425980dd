// Password-reset requests are throttled per email (so nobody can flood a mailbox with reset links)
// and per client address (so one client cannot walk through many addresses). Same rule as the
// sign-in and sign-up throttles (rate-limit.ts, sign-up-throttle.ts): record the request first
// (autocommitted), count afterwards, so parallel requests cannot all slip under the limit; a refused
// request removes its own row, so knocking on a closed door does not keep it closed.
// The count is kept whether or not an account has the email: the answer must not depend on it.
import type { Tx } from "@/lib/db/client";
import { windowUnlockTime } from "./sliding-window";
import { AppError } from "@/lib/errors/app-error";

export const RESET_REQUEST_WINDOW_MS = 60 * 60 * 1000;
export const MAX_RESET_REQUESTS_PER_EMAIL = 3;
export const MAX_RESET_REQUESTS_PER_IP = 20;

export function resetRateLimitMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many password reset requests. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

/** Records the request; throws AppError('rate_limited') with retryAfterSeconds when over either limit. */
export async function claimPasswordResetRequest(
  tx: Tx,
  { email, ip, now = new Date() }: { email: string; ip: string; now?: Date },
): Promise<void> {
  const since = new Date(now.getTime() - RESET_REQUEST_WINDOW_MS);
  // Rows that no longer count go first, so the table holds at most a window's worth per key.
  await tx.passwordResetRequest.deleteMany({ where: { OR: [{ email }, { ip }], createdAt: { lte: since } } });
  const own = await tx.passwordResetRequest.create({ data: { email, ip, createdAt: now }, select: { id: true } });
  const [byEmail, byIp] = await Promise.all([
    unlockTime(tx, { email }, own.id, since, MAX_RESET_REQUESTS_PER_EMAIL),
    unlockTime(tx, { ip }, own.id, since, MAX_RESET_REQUESTS_PER_IP),
  ]);
  const unlockAt = Math.max(byEmail ?? 0, byIp ?? 0);
  if (unlockAt === 0) return;
  await tx.passwordResetRequest.deleteMany({ where: { id: own.id } });
  const retryAfterSeconds = Math.max(1, Math.ceil((unlockAt - now.getTime()) / 1000));
  throw new AppError("rate_limited", resetRateLimitMessage(retryAfterSeconds), {
    fieldErrors: { email: resetRateLimitMessage(retryAfterSeconds) },
    retryAfterSeconds,
  });
}

/** Null while the key's requests in the window, this one included, are within the limit; else when it falls back under. */
async function unlockTime(tx: Tx, key: { email: string } | { ip: string }, ownId: bigint, since: Date, limit: number): Promise<number | null> {
  const recent = await tx.passwordResetRequest.findMany({
    where: { ...key, createdAt: { gt: since } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, createdAt: true },
  });
  return windowUnlockTime(recent, ownId, limit, RESET_REQUEST_WINDOW_MS);
}
