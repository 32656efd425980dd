import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { deliverOutboxMessage } from "@/lib/email/deliver-outbox";
import { AppError } from "@/lib/errors/app-error";
import { startFakeResend, type FakeResend } from "../../scripts/test/fake-resend";
import { holdLock, queueBehind } from "../../scripts/test/lock-interleaving";
import { hashPassword, verifyPassword } from "./password";
import { MAX_RESET_REQUESTS_PER_EMAIL } from "./password-reset-throttle";
import { PASSWORD_RESET_SUBJECT, passwordResetIdempotencyKey, requestPasswordReset, RESET_REQUESTED_MESSAGE } from "./request-password-reset";
import { checkResetToken, RESET_LINK_MESSAGES, resetPassword } from "./reset-password";
import { hashResetToken } from "./reset-token";
import { createSession } from "./sessions";

const OLD_PASSWORD = "old harbour lantern 1887";
const NEW_PASSWORD = "copper kettle morning 42";

let fake: FakeResend;
beforeAll(async () => {
  fake = await startFakeResend();
  process.env.RESEND_BASE_URL = fake.url;
  process.env.APP_BASE_URL = "https://app.test";
});
afterAll(async () => {
  await fake.close();
});

let ipCounter = 0;
function freshIp(): string {
  ipCounter += 1;
  return `198.51.100.${ipCounter}`;
}

async function createUser() {
  const email = `reset-${randomUUID()}@example.test`;
  const user = await db().user.create({ data: { email, name: "Ada Lovelace", passwordHash: await hashPassword(OLD_PASSWORD) }, select: { id: true, email: true } });
  return user;
}

async function passwordIs(userId: string, password: string): Promise<boolean> {
  const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  return verifyPassword(passwordHash, password);
}

/** Requests a reset, delivers it through the fake Resend and returns the token read from the sent link. */
async function requestAndReadLink(email: string) {
  const { outboxId } = await requestPasswordReset({ email }, { clientIp: freshIp() });
  expect(outboxId).not.toBeNull();
  expect(await deliverOutboxMessage(db(), outboxId!, { apiKey: "re_test" })).toBe("sent");
  const sent = fake.requests.at(-1)!;
  const match = /https:\/\/app\.test\/reset-password\?token=([A-Za-z0-9_-]{43})/.exec(sent.body.text ?? "");
  expect(match).not.toBeNull();
  return { outboxId: outboxId!, token: match![1]!, sent };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("password reset by email", () => {
  it("a request writes a token (hash only) and an outbox row with the sealed link; delivery sends the link", async () => {
    const user = await createUser();
    const result = await requestPasswordReset({ email: `  ${user.email.toUpperCase()} ` }, { clientIp: freshIp() });
    expect(result.message).toBe(RESET_REQUESTED_MESSAGE);
    const tokenRow = await db().passwordResetToken.findFirstOrThrow({ where: { userId: user.id } });
    expect(tokenRow.usedAt).toBeNull();
    expect(tokenRow.expiresAt.getTime() - tokenRow.createdAt.getTime()).toBe(30 * 60_000);
    const message = await db().emailOutbox.findUniqueOrThrow({ where: { id: result.outboxId! } });
    expect(message).toMatchObject({ kind: "password-reset", toEmail: user.email, subject: PASSWORD_RESET_SUBJECT, idempotencyKey: passwordResetIdempotencyKey(tokenRow.id), status: "pending" });

    expect(await deliverOutboxMessage(db(), message.id, { apiKey: "re_test" })).toBe("sent");
    const sent = fake.requests.at(-1)!;
    expect(sent.headers["idempotency-key"]).toBe(`password-reset/${tokenRow.id}`);
    expect(sent.body.to).toEqual([user.email]);
    expect(sent.body.subject).toBe(PASSWORD_RESET_SUBJECT);
    expect(sent.body.attachments).toBeUndefined();
    const token = /reset-password\?token=([A-Za-z0-9_-]{43})/.exec(sent.body.html ?? "")![1]!;
    expect(sent.body.html).toContain(`https://app.test/reset-password?token=${token}`);
    expect(sent.body.text).toContain(`https://app.test/reset-password?token=${token}`);
    expect(sent.body.html).toContain("Ada Lovelace");
    // The database has the token's hash and a sealed copy, never the token itself.
    expect(tokenRow.tokenHash).toBe(hashResetToken(token));
    const stored = await db().$queryRawUnsafe<{ hit: number }[]>(
      `SELECT (SELECT count(*) FROM email_outbox WHERE payload::text LIKE $1)::int + (SELECT count(*) FROM password_reset_tokens WHERE token_hash LIKE $1)::int AS hit`,
      `%${token}%`,
    );
    expect(stored[0]!.hit).toBe(0);
    expect(await checkResetToken(token)).toBe("valid");
  });

  it("an unknown email gets the same answer and writes no token and no outbox row", async () => {
    const email = `nobody-${randomUUID()}@example.test`;
    const outboxBefore = await db().emailOutbox.count();
    const tokensBefore = await db().passwordResetToken.count();
    const result = await requestPasswordReset({ email }, { clientIp: freshIp() });
    expect(result).toEqual({ message: RESET_REQUESTED_MESSAGE, outboxId: null });
    expect(await db().emailOutbox.count()).toBe(outboxBefore);
    expect(await db().passwordResetToken.count()).toBe(tokensBefore);
    // It still counts against the throttle, exactly like a known email.
    expect(await db().passwordResetRequest.count({ where: { email } })).toBe(1);
  });

  it("an invalid email is a field error and records nothing", async () => {
    const error = await refusal(requestPasswordReset({ email: "not an email" }, { clientIp: freshIp() }));
    expect(error.code).toBe("invalid_input");
    expect(error.fieldErrors?.email).toBe("Enter a valid email address");
  });

  it("redeeming sets the password, uses the token, ends every session; a second redemption is refused", async () => {
    const user = await createUser();
    await createSession(user.id);
    await createSession(user.id);
    await db().signInAttempt.create({ data: { email: user.email, ip: "203.0.113.9" } });
    const { token } = await requestAndReadLink(user.email);
    const done = await resetPassword({ token, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(done).toMatchObject({ userId: user.id, email: user.email, signedOutSessions: 2 });
    expect(await passwordIs(user.id, NEW_PASSWORD)).toBe(true);
    expect(await db().session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db().signInAttempt.count({ where: { email: user.email } })).toBe(0);
    expect((await db().passwordResetToken.findUniqueOrThrow({ where: { tokenHash: hashResetToken(token) } })).usedAt).not.toBeNull();
    expect(await checkResetToken(token)).toBe("used");

    const again = await refusal(resetPassword({ token, newPassword: "another fresh phrase 7", confirmPassword: "another fresh phrase 7" }));
    expect(again.message).toBe(RESET_LINK_MESSAGES.used);
    expect(await passwordIs(user.id, NEW_PASSWORD)).toBe(true);
  });

  it("an expired link is refused and nothing changes", async () => {
    const user = await createUser();
    const sessionId = await createSession(user.id);
    const { token } = await requestAndReadLink(user.email);
    await db().$executeRaw`UPDATE password_reset_tokens SET created_at = now() - interval '31 minutes', expires_at = now() - interval '1 minute' WHERE token_hash = ${hashResetToken(token)}`;
    expect(await checkResetToken(token)).toBe("expired");
    const error = await refusal(resetPassword({ token, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }));
    expect(error.message).toBe(RESET_LINK_MESSAGES.expired);
    expect(await passwordIs(user.id, OLD_PASSWORD)).toBe(true);
    expect(await db().session.findUnique({ where: { id: sessionId } })).not.toBeNull();
    expect((await db().passwordResetToken.findUniqueOrThrow({ where: { tokenHash: hashResetToken(token) } })).usedAt).toBeNull();
  });

  it("unknown and malformed tokens are refused", async () => {
    for (const token of ["A".repeat(43), "short", undefined, "<script>"]) {
      const error = await refusal(resetPassword({ token, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }));
      expect(error.message).toBe(RESET_LINK_MESSAGES.unknown);
    }
  });

  it("a weak or mismatched new password is a field error and leaves the link usable", async () => {
    const user = await createUser();
    const { token } = await requestAndReadLink(user.email);
    const weak = await refusal(resetPassword({ token, newPassword: "aaaaaaaaaaaa", confirmPassword: "aaaaaaaaaaaa" }));
    expect(weak.fieldErrors?.newPassword).toMatch(/repeats the same characters/);
    const mismatch = await refusal(resetPassword({ token, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}x` }));
    expect(mismatch.fieldErrors?.confirmPassword).toBe("The two passwords do not match");
    expect(await checkResetToken(token)).toBe("valid");
    expect(await passwordIs(user.id, OLD_PASSWORD)).toBe(true);
  });

  it("two redemptions of one link queued behind its row lock: exactly one sets its password", async () => {
    const user = await createUser();
    const { token } = await requestAndReadLink(user.email);
    const tokenHash = hashResetToken(token);
    const lock = await holdLock("SELECT id FROM password_reset_tokens WHERE token_hash = $1 FOR UPDATE", [tokenHash]);
    const passwords = ["first queued phrase 11", "second queued phrase 22"];
    // queueBehind starts each redemption only after the previous one is seen waiting on the lock,
    // so both passed the validity check and overlap at the guarded UPDATE.
    const outcomes = await queueBehind(
      lock,
      passwords.map((password) => () => resetPassword({ token, newPassword: password, confirmPassword: password })),
    );
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected"]);
    expect(((outcomes[1] as PromiseRejectedResult).reason as AppError).message).toBe(RESET_LINK_MESSAGES.used);
    expect(await passwordIs(user.id, passwords[0]!)).toBe(true);
    expect(await passwordIs(user.id, passwords[1]!)).toBe(false);
  });

  it("using one link retires the user's other links and their queued emails are not sent", async () => {
    const user = await createUser();
    const first = await requestPasswordReset({ email: user.email }, { clientIp: freshIp() });
    const { token } = await requestAndReadLink(user.email);
    await resetPassword({ token, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(await db().passwordResetToken.count({ where: { userId: user.id, usedAt: null } })).toBe(0);
    const before = fake.requests.length;
    expect(await deliverOutboxMessage(db(), first.outboxId!, { apiKey: "re_test" })).toBe("obsolete");
    expect(fake.requests.length).toBe(before);
    expect(await db().emailOutbox.findUniqueOrThrow({ where: { id: first.outboxId! } })).toMatchObject({ status: "failed", payload: null });
  });

  it("a new link replaces the earlier one: the earlier link no longer works and the new one does", async () => {
    const user = await createUser();
    const earlier = await requestAndReadLink(user.email);
    const newer = await requestAndReadLink(user.email);
    expect(await checkResetToken(earlier.token)).toBe("unknown");
    expect((await refusal(resetPassword({ token: earlier.token, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD }))).message).toBe(RESET_LINK_MESSAGES.unknown);
    expect(await passwordIs(user.id, OLD_PASSWORD)).toBe(true);
    await resetPassword({ token: newer.token, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(await passwordIs(user.id, NEW_PASSWORD)).toBe(true);
  });

  it("a link that expired before delivery is not sent", async () => {
    const user = await createUser();
    const { outboxId } = await requestPasswordReset({ email: user.email }, { clientIp: freshIp() });
    await db().$executeRaw`UPDATE password_reset_tokens SET created_at = now() - interval '31 minutes', expires_at = now() - interval '1 minute' WHERE user_id = ${user.id}`;
    expect(await deliverOutboxMessage(db(), outboxId!, { apiKey: "re_test" })).toBe("obsolete");
    expect((await db().emailOutbox.findUniqueOrThrow({ where: { id: outboxId! } })).lastError).toMatch(/expired/);
  });

  it("is throttled per email whether or not the account exists, with a message that says when to retry", async () => {
    const known = (await createUser()).email;
    const unknown = `nobody-${randomUUID()}@example.test`;
    for (const email of [known, unknown]) {
      const t0 = new Date();
      for (let i = 0; i < MAX_RESET_REQUESTS_PER_EMAIL; i++) await requestPasswordReset({ email }, { clientIp: freshIp(), now: t0 });
      const error = await refusal(requestPasswordReset({ email }, { clientIp: freshIp(), now: t0 }));
      expect(error.code).toBe("rate_limited");
      expect(error.message).toBe("Too many password reset requests. Try again in 60 minutes.");
    }
    // Each accepted request queued its email; each new link replaced the one before.
    expect(await db().emailOutbox.count({ where: { toEmail: known } })).toBe(MAX_RESET_REQUESTS_PER_EMAIL);
    expect(await db().passwordResetToken.count({ where: { user: { email: known } } })).toBe(1);
  });

  it("is throttled per client address across emails", async () => {
    const ip = "203.0.113.250";
    const now = new Date();
    for (let i = 0; i < 20; i++) await requestPasswordReset({ email: `walk-${i}-${randomUUID()}@example.test` }, { clientIp: ip, now });
    const error = await refusal(requestPasswordReset({ email: `walk-last-${randomUUID()}@example.test` }, { clientIp: ip, now }));
    expect(error.code).toBe("rate_limited");
  });
});
