// Sign-up throttling per client address: at most SIGN_UPS_PER_HOUR sign-ups from one address in
// any hour. Checked before the password is hashed (hashing is the expensive part) and before
// anything is written. Like sign-in (rate-limit.ts) the attempt is recorded first and counted
// after, so parallel sign-ups from one address cannot all slip under the limit; a refused attempt
// removes its row again, so knocking on a closed door does not keep it closed.
import type { Tx } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { windowUnlockTime } from "./sliding-window";

export const SIGN_UP_WINDOW_MS = 60 * 60 * 1000;
export const DEFAULT_SIGN_UPS_PER_HOUR = 10;

export function signUpsPerHour(env: Record<string, string | undefined> = process.env): number {
  const value = env.SIGN_UPS_PER_HOUR?.trim();
  if (!value) return DEFAULT_SIGN_UPS_PER_HOUR;
  if (!/^\d{1,9}$/.test(value)) throw new Error(`SIGN_UPS_PER_HOUR must be a whole number, not "${value}".`);
  return Number(value);
}

export function signUpRateLimitMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many accounts were created from your network recently. Try again in ${minutes} ${minutes === 1 ? "minute" : "minutes"}.`;
}

/** Records a sign-up attempt from `ip`; throws AppError('rate_limited') with retryAfterSeconds when over the limit. */
export async function claimSignUpAttempt(
  tx: Tx,
  { ip, limit = signUpsPerHour(), now = new Date() }: { ip: string; limit?: number; now?: Date },
): Promise<void> {
  const since = new Date(now.getTime() - SIGN_UP_WINDOW_MS);
  // This address's rows that no longer count go first, so the table holds at most an hour's worth.
  await tx.signUpAttempt.deleteMany({ where: { ip, createdAt: { lte: since } } });
  const attempt = await tx.signUpAttempt.create({ data: { ip, createdAt: now }, select: { id: true } });
  const recent = await tx.signUpAttempt.findMany({
    where: { ip, createdAt: { gt: since } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: { id: true, createdAt: true },
  });
  const unlockAt = windowUnlockTime(recent, attempt.id, limit, SIGN_UP_WINDOW_MS);
  if (unlockAt === null) return;
  await tx.signUpAttempt.deleteMany({ where: { id: attempt.id } });
  const seconds = Math.max(1, Math.ceil((unlockAt - now.getTime()) / 1000));
  throw new AppError("rate_limited", signUpRateLimitMessage(seconds), { retryAfterSeconds: seconds });
}
