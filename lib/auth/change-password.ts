// Changing a password: the current password is required (checked under the sign-in throttle, so a
// borrowed session cannot be used to guess it), the new one must pass the password policy, and
// every other session of the user ends in the same transaction as the new hash is stored.
//
// Concurrency: the current password is checked against the hash read at the start, outside any
// transaction (Argon2 is slow on purpose; no row lock waits on it). The new hash is then stored only
// if that hash is still the stored one (compare-and-set in one UPDATE). Of two changes made at once
// with the same current password (two tabs, two devices) exactly one wins: the second UPDATE waits
// for the first's row lock, re-checks the hash on the committed row, matches nothing and is refused,
// so nobody is told "changed" for a password that was overwritten a moment later, and the winner's
// session is the one that stays signed in (the loser's ended with the winner's change). The same
// holds against a reset link redeemed meanwhile.
import { db } from "@/lib/db/client";
import { AppError, fieldErrorsFromIssues } from "@/lib/errors/app-error";
import { changePasswordSchema } from "./account-settings.schema";
import { hashPassword, verifyPassword } from "./password";
import { claimSignInAttempt, clearFailedSignIns, rateLimitMessage } from "./rate-limit";
import { revokeOtherSessions } from "./sessions";

export const WRONG_CURRENT_PASSWORD_MESSAGE = "Your current password is not correct";
export const PASSWORD_CHANGED_MEANWHILE_MESSAGE =
  "Your password was changed a moment ago (in another session or with a reset link), so this change was not made. Sign in with the new password.";

export async function changePassword({
  userId,
  sessionId,
  currentPassword,
  newPassword,
  clientIp,
}: {
  userId: string;
  /** The session making the change: it stays signed in, every other one is signed out. */
  sessionId: string | null;
  currentPassword: unknown;
  newPassword: unknown;
  clientIp: string;
}): Promise<{ signedOutSessions: number }> {
  const parsed = changePasswordSchema.safeParse({ currentPassword, newPassword });
  if (!parsed.success) {
    throw new AppError("invalid_input", "Check the highlighted fields.", { fieldErrors: fieldErrorsFromIssues(parsed.error.issues) });
  }
  const user = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, passwordHash: true } });
  const claim = await claimSignInAttempt(db(), { email: user.email, ip: clientIp });
  if (!claim.allowed) {
    const message = rateLimitMessage(claim.retryAfterMinutes);
    throw new AppError("rate_limited", message, { fieldErrors: { currentPassword: message }, retryAfterSeconds: claim.retryAfterMinutes * 60 });
  }
  if (!(await verifyPassword(user.passwordHash, parsed.data.currentPassword))) {
    throw new AppError("invalid_input", WRONG_CURRENT_PASSWORD_MESSAGE, { fieldErrors: { currentPassword: WRONG_CURRENT_PASSWORD_MESSAGE } });
  }
  await clearFailedSignIns(db(), { email: user.email });
  const passwordHash = await hashPassword(parsed.data.newPassword);
  const signedOutSessions = await db().$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({ where: { id: userId, passwordHash: user.passwordHash }, data: { passwordHash } });
    if (count === 0) {
      throw new AppError("conflict", PASSWORD_CHANGED_MEANWHILE_MESSAGE, { fieldErrors: { currentPassword: PASSWORD_CHANGED_MEANWHILE_MESSAGE } });
    }
    return revokeOtherSessions(userId, sessionId, tx);
  });
  return { signedOutSessions };
}
