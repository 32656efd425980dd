// Failed sign-in throttling on the sign_in_attempts table (one row per failure).
//
// A caller is refused, even with the right password, while its email has MAX_FAILURES_PER_EMAIL
// failures or its IP has MAX_FAILURES_PER_IP failures within WINDOW_MS. Refused attempts are not
// recorded, so the lockout ends WINDOW_MS after the failure that triggered it instead of growing
// for as long as someone keeps guessing. A successful sign-in clears that email's failures.
import type { Tx } from "@/lib/db/client";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;

export type RateLimitStatus = { limited: false } | { limited: true; retryAfterMinutes: number };

export async function checkSignInRateLimit(
  tx: Tx,
  { email, ip, now = new Date() }: { email: string; ip: string; now?: Date },
): Promise<RateLimitStatus> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const [byEmail, byIp] = await Promise.all([
    unlockTime(tx, { email }, since, MAX_FAILURES_PER_EMAIL),
    unlockTime(tx, { ip }, since, MAX_FAILURES_PER_IP),
  ]);
  const unlockAt = Math.max(byEmail ?? 0, byIp ?? 0);
  if (unlockAt <= now.getTime()) return { limited: false };
  return { limited: true, retryAfterMinutes: Math.max(1, Math.ceil((unlockAt - now.getTime()) / 60_000)) };
}

/**
 * When the key falls back under its limit: the limit-th most recent failure in the window leaving
 * the window. Null when the key is under its limit now.
 */
async function unlockTime(
  tx: Tx,
  key: { email: string } | { ip: string },
  since: Date,
  limit: number,
): Promise<number | null> {
  const recent = await tx.signInAttempt.findMany({
    where: { ...key, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { createdAt: true },
  });
  if (recent.length < limit) return null;
  return recent[limit - 1]!.createdAt.getTime() + SIGN_IN_WINDOW_MS;
}

export async function recordFailedSignIn(tx: Tx, { email, ip }: { email: string; ip: string }): Promise<void> {
  await tx.signInAttempt.create({ data: { email, ip } });
}

export async function clearFailedSignIns(tx: Tx, { email }: { email: string }): Promise<void> {
  await tx.signInAttempt.deleteMany({ where: { email } });
}

export function rateLimitMessage(retryAfterMinutes: number): string {
  const unit = retryAfterMinutes === 1 ? "minute" : "minutes";
  return `Too many failed sign-in attempts. Try again in ${retryAfterMinutes} ${unit}.`;
}
