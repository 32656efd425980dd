// "Forgot password": always the same answer, whether or not an account has the email, so the form
// cannot be used to find out who has an account. The throttle counts every request (known email or
// not), and the email is sent after the response, so a known address costs the request only one
// short insert transaction more. For a known email, the token row and its outbox message are written in ONE transaction: a
// link is never valid without its email queued, nor an email queued for a link that does not exist.
// The message carries the token sealed (lib/email/sealed-payload.ts), never in plain text; it is
// sent after commit by lib/email/deliver-outbox.ts.
//
// One live link per account: a new link replaces the user's earlier unused ones (their rows are
// deleted and their queued emails lose the sealed link, so an email not yet sent is not sent). Two
// requests at once would each find no other link and leave two live ones; a transaction-scoped
// advisory lock per user makes them take turns, and each turn's DELETE (a new statement, a new
// snapshot) sees the link the previous turn committed. An advisory lock rather than the user's row:
// redeeming a link locks its token row and then the user row, so locking them here in the opposite
// order could deadlock.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError, fieldErrorsFromIssues } from "@/lib/errors/app-error";
import { sealPayload } from "@/lib/email/sealed-payload";
import { claimPasswordResetRequest } from "./password-reset-throttle";
import { forgotPasswordSchema } from "./password-reset.schema";
import { generateResetToken, RESET_TOKEN_TTL_MS } from "./reset-token";

export const PASSWORD_RESET_KIND = "password-reset";
export const PASSWORD_RESET_SUBJECT = "Reset your Countinghouse password";
export const RESET_REQUESTED_MESSAGE = "If an account exists for that address, we sent a link to reset its password. It works for 30 minutes.";

export function passwordResetIdempotencyKey(tokenId: string): string {
  return `${PASSWORD_RESET_KIND}/${tokenId}`;
}

/** What the outbox row's sealed payload holds. */
export interface PasswordResetPayload {
  tokenId: string;
  token: string;
}

export async function requestPasswordReset(
  input: { email?: unknown },
  { clientIp, now = new Date() }: { clientIp: string; now?: Date },
): Promise<{ message: string; outboxId: string | null }> {
  const parsed = forgotPasswordSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("invalid_input", "Check the highlighted fields.", { fieldErrors: fieldErrorsFromIssues(parsed.error.issues) });
  }
  const { email } = parsed.data;
  await claimPasswordResetRequest(db(), { email, ip: clientIp, now });

  const user = await db().user.findUnique({ where: { email }, select: { id: true, email: true } });
  if (!user) return { message: RESET_REQUESTED_MESSAGE, outboxId: null };

  const { token, tokenHash } = generateResetToken();
  const outboxId = await db().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`password-reset:${user.id}`}, 0))`;
    const replaced = await tx.$queryRaw<{ id: string }[]>`
      DELETE FROM password_reset_tokens WHERE user_id = ${user.id} AND used_at IS NULL RETURNING id`;
    if (replaced.length > 0) {
      await tx.emailOutbox.updateMany({
        where: { idempotencyKey: { in: replaced.map((r) => passwordResetIdempotencyKey(r.id)) }, payload: { not: Prisma.DbNull } },
        data: { payload: Prisma.DbNull },
      });
    }
    const row = await tx.passwordResetToken.create({
      data: { userId: user.id, tokenHash, createdAt: now, expiresAt: new Date(now.getTime() + RESET_TOKEN_TTL_MS) },
      select: { id: true },
    });
    const payload: PasswordResetPayload = { tokenId: row.id, token };
    const message = await tx.emailOutbox.create({
      data: {
        idempotencyKey: passwordResetIdempotencyKey(row.id),
        kind: PASSWORD_RESET_KIND,
        toEmail: user.email,
        subject: PASSWORD_RESET_SUBJECT,
        payload: { ...sealPayload(payload) },
      },
      select: { id: true },
    });
    return message.id;
  });
  return { message: RESET_REQUESTED_MESSAGE, outboxId };
}
