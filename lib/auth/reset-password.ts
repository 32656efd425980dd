// Redeeming a password-reset link. Single use is decided by the database, not by a read-then-write:
// one guarded UPDATE … WHERE used_at IS NULL AND expires_at > now() RETURNING marks the token used,
// and only a redemption that got its row back goes on. Two concurrent redemptions of one link both
// reach that UPDATE; the second waits for the first's row lock, re-checks used_at after it commits
// and gets nothing back, so exactly one password is set. In the same transaction: the new password
// hash, every session of the user ended (whoever had the old password is signed out), the user's
// other unused links deleted and their queued emails' sealed links dropped, and the sign-in
// throttle cleared (the person just proved they own the mailbox).
import { Prisma } from "@/lib/db/generated/client";
import { db, type Tx } from "@/lib/db/client";
import { AppError, fieldErrorsFromIssues } from "@/lib/errors/app-error";
import { hashPassword } from "./password";
import { resetPasswordSchema } from "./password-reset.schema";
import { clearFailedSignIns } from "./rate-limit";
import { hashResetToken, isWellFormedResetToken } from "./reset-token";
import { PASSWORD_RESET_KIND } from "./request-password-reset";
import { revokeOtherSessions } from "./sessions";

export type ResetTokenStatus = "valid" | "unknown" | "expired" | "used";

export const RESET_LINK_MESSAGES: Record<Exclude<ResetTokenStatus, "valid">, string> = {
  // A link replaced by a newer one (request-password-reset.ts) is gone too, so it reads as unknown.
  unknown: "This password reset link is not valid: it was replaced by a newer one, or it was not copied whole. Use the link in the newest email, or request a new one.",
  expired: "This password reset link has expired. Request a new one.",
  used: "This password reset link was already used. Request a new one if you still need to reset your password.",
};

/** Whether a link can still be used, judged by the database clock (as the redemption is). */
export async function checkResetToken(token: unknown, tx: Tx = db()): Promise<ResetTokenStatus> {
  if (!isWellFormedResetToken(token)) return "unknown";
  const rows = await tx.$queryRaw<{ used: boolean; expired: boolean }[]>`
    SELECT used_at IS NOT NULL AS used, expires_at <= now() AS expired
    FROM password_reset_tokens WHERE token_hash = ${hashResetToken(token)}`;
  const row = rows[0];
  if (!row) return "unknown";
  if (row.used) return "used";
  return row.expired ? "expired" : "valid";
}

function invalidLink(status: Exclude<ResetTokenStatus, "valid">): AppError {
  return new AppError("invalid_input", RESET_LINK_MESSAGES[status]);
}

export async function resetPassword(input: {
  token: unknown;
  newPassword: unknown;
  confirmPassword: unknown;
}): Promise<{ userId: string; email: string; signedOutSessions: number }> {
  // The link first: a dead link gets its message, not password advice, and costs no hashing.
  const status = await checkResetToken(input.token);
  if (status !== "valid") throw invalidLink(status);
  const token = input.token as string;
  const parsed = resetPasswordSchema.safeParse({ newPassword: input.newPassword, confirmPassword: input.confirmPassword });
  if (!parsed.success) {
    throw new AppError("invalid_input", "Check the highlighted fields.", { fieldErrors: fieldErrorsFromIssues(parsed.error.issues) });
  }
  // Argon2 is slow on purpose: hash before the transaction so no row lock waits on it.
  const passwordHash = await hashPassword(parsed.data.newPassword);

  return db().$transaction(async (tx) => {
    const claimed = await tx.$queryRaw<{ id: string; user_id: string }[]>`
      UPDATE password_reset_tokens SET used_at = now()
      WHERE token_hash = ${hashResetToken(token)} AND used_at IS NULL AND expires_at > now()
      RETURNING id, user_id`;
    const row = claimed[0];
    if (!row) {
      // Used (or expired) between the check above and here; nothing has been written.
      const now = await checkResetToken(token, tx);
      throw invalidLink(now === "valid" ? "used" : now);
    }
    const user = await tx.user.update({ where: { id: row.user_id }, data: { passwordHash }, select: { id: true, email: true } });
    const signedOutSessions = await revokeOtherSessions(user.id, null, tx);
    await tx.passwordResetToken.deleteMany({ where: { userId: user.id, usedAt: null } });
    await tx.emailOutbox.updateMany({
      where: { kind: PASSWORD_RESET_KIND, toEmail: user.email, payload: { not: Prisma.DbNull } },
      data: { payload: Prisma.DbNull },
    });
    await clearFailedSignIns(tx, { email: user.email });
    return { userId: user.id, email: user.email, signedOutSessions };
  });
}
