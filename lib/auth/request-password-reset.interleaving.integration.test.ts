// Concurrent "forgot password" requests for one email. Two rules must hold however they interleave:
// - the throttle: at most MAX_RESET_REQUESTS_PER_EMAIL accepted per email in any window (record
//   first, count after), and a burst within the limit is not refused;
// - one live link: each accepted request replaces the account's earlier unused links, so exactly one
//   link works and only its email still carries a link to send.
// Fixed interleavings first (requests held at the per-user advisory lock, or at the throttle's table),
// then seeded random waves against the serial expectation.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { deliverOutboxMessage } from "@/lib/email/deliver-outbox";
import { unsealPayload } from "@/lib/email/sealed-payload";
import { AppError } from "@/lib/errors/app-error";
import { holdLock, queueBehind } from "../../scripts/test/lock-interleaving";
import { seededRandom, seedFromEnv } from "../../scripts/test/seeded-random";
import { hashPassword, verifyPassword } from "./password";
import { MAX_RESET_REQUESTS_PER_EMAIL, RESET_REQUEST_WINDOW_MS } from "./password-reset-throttle";
import { PASSWORD_RESET_KIND, requestPasswordReset, type PasswordResetPayload } from "./request-password-reset";
import { checkResetToken, RESET_LINK_MESSAGES, resetPassword } from "./reset-password";

let ip = 0;
const nextIp = () => `198.18.${(++ip >> 8) & 255}.${ip & 255}`;

async function createUser() {
  return db().user.create({
    data: { email: `forgot-${randomUUID()}@example.test`, name: "Ada", passwordHash: await hashPassword("harbour lantern old 1887") },
    select: { id: true, email: true },
  });
}

const request = (email: string, now?: Date) => requestPasswordReset({ email }, { clientIp: nextIp(), now });

/** The user's reset links and reset emails as stored. */
async function resetState(user: { id: string; email: string }) {
  const tokens = await db().passwordResetToken.findMany({ where: { userId: user.id }, select: { id: true, usedAt: true } });
  const emails = await db().emailOutbox.findMany({ where: { kind: PASSWORD_RESET_KIND, toEmail: user.email }, orderBy: { createdAt: "asc" } });
  const withLink = emails.filter((e) => e.payload !== null);
  return { tokens, emails, withLink };
}

describe("requestPasswordReset under concurrency", () => {
  it("three requests queued behind the per-user lock: each replaces the previous link, the last one's is the only live link", async () => {
    const user = await createUser();
    const lock = await holdLock(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`password-reset:${user.id}`]);
    // Each request has passed the throttle and waits to write its link; they go on in queue order.
    const outcomes = await queueBehind(lock, [() => request(user.email), () => request(user.email), () => request(user.email)]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    const outboxIds = outcomes.map((o) => (o as PromiseFulfilledResult<{ outboxId: string | null }>).value.outboxId!);

    const { tokens, emails, withLink } = await resetState(user);
    expect(emails.map((e) => e.id).sort()).toEqual([...outboxIds].sort());
    expect(withLink.map((e) => e.id)).toEqual([outboxIds[2]]);
    const live = unsealPayload(withLink[0]!.payload) as PasswordResetPayload;
    expect(tokens).toEqual([{ id: live.tokenId, usedAt: null }]);
    expect(await checkResetToken(live.token)).toBe("valid");
    // The replaced emails are never sent (their link is gone before delivery).
    for (const id of outboxIds.slice(0, 2)) expect(await deliverOutboxMessage(db(), id, { apiKey: "re_test" })).toBe("obsolete");

    // The email's window is full: a fourth request is throttled and the live link stays.
    const error = await request(user.email).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("rate_limited");
    expect((await resetState(user)).tokens).toEqual([{ id: live.tokenId, usedAt: null }]);
  });

  // A redemption of the live link and a new request for the same account, both queued on the link's
  // row (held as a redemption holds it). The request's DELETE of unused links and the redemption's
  // claim meet on that row; whichever queued first decides, and the other sees its committed result.
  it("a redemption queued before a new request: the password is reset, the used link stays, the new link is live", async () => {
    const user = await createUser();
    const first = await request(user.email);
    const link = unsealPayload((await db().emailOutbox.findUniqueOrThrow({ where: { id: first.outboxId! } })).payload) as PasswordResetPayload;
    const lock = await holdLock(`SELECT id FROM password_reset_tokens WHERE id = $1 FOR UPDATE`, [link.tokenId]);
    const [redeemed, requested] = await queueBehind<unknown>(lock, [
      () => resetPassword({ token: link.token, newPassword: "lantern harbour new 2026", confirmPassword: "lantern harbour new 2026" }),
      () => request(user.email),
    ]);
    expect([redeemed!.status, requested!.status]).toEqual(["fulfilled", "fulfilled"]);
    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(await verifyPassword(passwordHash, "lantern harbour new 2026")).toBe(true);
    const { tokens, withLink } = await resetState(user);
    const live = unsealPayload(withLink.at(-1)!.payload) as PasswordResetPayload;
    // The used link was not deleted by the request (its DELETE re-checked the committed row).
    expect(tokens.map((t) => [t.id, t.usedAt === null]).sort()).toEqual([[link.tokenId, false], [live.tokenId, true]].sort());
    expect(await checkResetToken(live.token)).toBe("valid");
  });

  it("a new request queued before a redemption: the old link is gone, the redemption is refused as unknown and changes nothing", async () => {
    const user = await createUser();
    const first = await request(user.email);
    const link = unsealPayload((await db().emailOutbox.findUniqueOrThrow({ where: { id: first.outboxId! } })).payload) as PasswordResetPayload;
    const before = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    const lock = await holdLock(`SELECT id FROM password_reset_tokens WHERE id = $1 FOR UPDATE`, [link.tokenId]);
    const [requested, redeemed] = await queueBehind<unknown>(lock, [
      () => request(user.email),
      () => resetPassword({ token: link.token, newPassword: "lantern harbour new 2027", confirmPassword: "lantern harbour new 2027" }),
    ]);
    expect(requested!.status).toBe("fulfilled");
    expect(redeemed!.status).toBe("rejected");
    expect(((redeemed as PromiseRejectedResult).reason as AppError).message).toContain(RESET_LINK_MESSAGES.unknown);
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } })).toEqual(before);
    const { tokens } = await resetState(user);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.usedAt).toBeNull();
    expect(tokens[0]!.id).not.toBe(link.tokenId);
  });

  it("a burst at the throttle: three at once are all accepted, two more at once are both refused; one live link", async () => {
    const user = await createUser();
    const throttleRows = () => db().passwordResetRequest.count({ where: { email: user.email } });
    // SHARE mode holds the throttle's first write (its stale-row DELETE) in every request; released,
    // they record and count at the same time.
    const first = await queueBehind(await holdLock(`LOCK TABLE password_reset_requests IN SHARE MODE`), [1, 2, 3].map(() => () => request(user.email)));
    expect(first.map((o) => o.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    expect(await throttleRows()).toBe(MAX_RESET_REQUESTS_PER_EMAIL);

    const more = await queueBehind(await holdLock(`LOCK TABLE password_reset_requests IN SHARE MODE`), [1, 2].map(() => () => request(user.email)));
    for (const o of more) {
      expect(o.status).toBe("rejected");
      expect(((o as PromiseRejectedResult).reason as AppError).code).toBe("rate_limited");
    }
    // Refused requests take their own rows back out.
    expect(await throttleRows()).toBe(MAX_RESET_REQUESTS_PER_EMAIL);
    const { tokens, emails, withLink } = await resetState(user);
    expect([tokens.length, emails.length, withLink.length]).toEqual([1, 3, 1]);
    expect((unsealPayload(withLink[0]!.payload) as PasswordResetPayload).tokenId).toBe(tokens[0]!.id);
  });

  it("random waves of concurrent requests over simulated hours match the serial expectation", async () => {
    const seed = seedFromEnv("PASSWORD_RESET_SEED");
    const random = seededRandom(seed);
    const user = await createUser();
    let now = Date.now();
    const accepted: number[] = [];
    let everAccepted = 0;
    for (let wave = 0; wave < 8; wave++) {
      now += random.pick([0, 5 * 60_000, 20 * 60_000, RESET_REQUEST_WINDOW_MS + 60_000]);
      const size = random.int(1, 5);
      const outcomes = await Promise.allSettled(Array.from({ length: size }, () => request(user.email, new Date(now))));
      const context = `seed ${seed}, wave ${wave}, ${size} at once`;
      for (const o of outcomes) if (o.status === "rejected") expect((o.reason as AppError).code, context).toBe("rate_limited");
      const ok = outcomes.filter((o) => o.status === "fulfilled").length;
      // Serially, the window takes `room` more; at once, a burst that fits is accepted whole, one that
      // does not may be refused more than a serial order would (every request may count every other
      // one first), but never accepted beyond the limit.
      const room = MAX_RESET_REQUESTS_PER_EMAIL - accepted.filter((t) => t > now - RESET_REQUEST_WINDOW_MS).length;
      if (size <= room) expect(ok, context).toBe(size);
      else expect(ok, context).toBeLessThanOrEqual(room);
      for (let i = 0; i < ok; i++) accepted.push(now);
      everAccepted += ok;

      const { tokens, emails, withLink } = await resetState(user);
      expect(emails.length, context).toBe(everAccepted);
      if (everAccepted > 0) {
        expect(tokens.length, context).toBe(1);
        expect(withLink.map((e) => (unsealPayload(e.payload) as PasswordResetPayload).tokenId), context).toEqual([tokens[0]!.id]);
      }
    }
    expect(everAccepted).toBeGreaterThan(0);
  });
});
