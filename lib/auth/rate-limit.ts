// Sign-in throttling on the sign_in_attempts table.
//
// Record first, then decide: every sign-in inserts its attempt row (autocommitted) and only then
// counts the rows in the window, its own included. Two parallel guesses therefore cannot both see
// the count from before either of them: whichever counts second sees the other's row. So at most
// MAX_FAILURES_PER_EMAIL password checks run per email (MAX_FAILURES_PER_IP per address) in any
// window, however many requests arrive at once.
//
// A refused attempt deletes its own row again, so the lockout ends WINDOW_MS after the failures
// that caused it instead of growing for as long as someone keeps knocking. A failed password check
// keeps its row (that is the failure record); a successful sign-in clears the email's rows.
import type { Tx } from "@/lib/db/client";
import { windowUnlockTime } from "./sliding-window";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

export type SignInClaim = { allowed: true; attemptId: bigint } | { allowed: false; retryAfterMinutes: number };

/** Records the attempt, then says whether it may go on to the password check. */
export async function claimSignInAttempt(
  tx: Tx,
  { email, ip, now = new Date() }: { email: string; ip: string; now?: Date },
): Promise<SignInClaim> {
  const attempt = await tx.signInAttempt.create({ data: { email, ip, createdAt: now }, select: { id: true } });
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([
    unlockTime(tx, { email }, attempt.id, since, MAX_FAILURES_PER_EMAIL),
    unlockTime(tx, { ip }, attempt.id, since, MAX_FAILURES_PER_IP),
  ]);
  const unlockAt = Math.max(byEmail ?? 0, byIp ?? 0);
  if (unlockAt === 0) return { allowed: true, attemptId: attempt.id };
  await tx.signInAttempt.deleteMany({ where: { id: attempt.id } });
  return { allowed: false, retryAfterMinutes: Math.max(1, Math.ceil((unlockAt - now.getTime()) / 60_000)) };
}

/**
 * Null while the key's attempts in the window, this one included, are within the limit. Otherwise
 * when the key falls back under it: the limit-th most recent other attempt leaving the window.
 */
async function unlockTime(
  tx: Tx,
  key: { email: string } | { ip: string },
  ownId: bigint,
  since: Date,
  limit: number,
): Promise<number | null> {
  const recent = await tx.signInAttempt.findMany({
    where: { ...key, createdAt: { gt: since } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, createdAt: true },
  });
  return windowUnlockTime(recent, ownId, limit, SIGN_IN_WINDOW_MS);
}

export async function clearFailedSignIns(tx: Tx, { email }: { email: string }): Promise<void> {
  await tx.signInAttempt.deleteMany({ where: { email } });
}

export function rateLimitMessage(retryAfterMinutes: number): string {
  const unit = retryAfterMinutes === 1 ? "minute" : "minutes";
  return `Too many failed sign-in attempts. Try again in ${retryAfterMinutes} ${unit}.`;
}
