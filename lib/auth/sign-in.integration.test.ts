import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP, SIGN_IN_WINDOW_MS, rateLimitMessage } from "./rate-limit";
import { signUp } from "./sign-up";
import { verifyCredentials } from "./verify-credentials";

const PASSWORD = "the right password";
let n = 0;
async function newUser() {
  n += 1;
  return signUp({ name: `User ${n}`, email: `user${n}@example.com`, password: PASSWORD });
}

describe("verifyCredentials", () => {
  beforeAll(async () => {
    await db().signInAttempt.deleteMany();
  });

  it("accepts the right password (email in any case) and returns the user without the hash", async () => {
    const user = await newUser();
    const result = await verifyCredentials({ email: ` ${user.email.toUpperCase()} `, password: PASSWORD, ip: "10.0.0.1" });
    const stored = await db().user.findUniqueOrThrow({ where: { id: user.id }, select: { passwordHash: true } });
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name, role: "USER" }, checkedHash: stored.passwordHash });
  });

  it("rejects a wrong password and an unknown email the same way, recording each failure", async () => {
    const user = await newUser();
    expect(await verifyCredentials({ email: user.email, password: "wrong password!", ip: "10.0.0.2" })).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
    expect(await verifyCredentials({ email: "nobody@example.com", password: PASSWORD, ip: "10.0.0.2" })).toEqual({
      ok: false,
      reason: "invalid_credentials",
    });
    expect(await db().signInAttempt.count({ where: { ip: "10.0.0.2" } })).toBe(2);
  });

  it(`locks an email after ${MAX_FAILURES_PER_EMAIL} failures, even for the right password and from another IP`, async () => {
    const user = await newUser();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      const result = await verifyCredentials({ email: user.email, password: `wrong ${i}`, ip: `10.1.0.${i}` });
      expect(result).toEqual({ ok: false, reason: "invalid_credentials" });
    }
    const locked = await verifyCredentials({ email: user.email, password: PASSWORD, ip: "10.1.1.1" });
    expect(locked).toEqual({ ok: false, reason: "rate_limited", retryAfterMinutes: 15 });
    if (!locked.ok && locked.reason === "rate_limited") {
      expect(rateLimitMessage(locked.retryAfterMinutes)).toBe("Too many failed sign-in attempts. Try again in 15 minutes.");
    }
    // Refused attempts remove their own record again, so they don't extend the lockout.
    expect(await db().signInAttempt.count({ where: { email: user.email } })).toBe(MAX_FAILURES_PER_EMAIL);
  });

  it("lets an email in again once its failures leave the 15-minute window", async () => {
    const user = await newUser();
    const old = new Date(Date.now() - SIGN_IN_WINDOW_MS - 1000);
    await db().signInAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_EMAIL }, () => ({ email: user.email, ip: "10.2.0.1", createdAt: old })),
    });
    expect((await verifyCredentials({ email: user.email, password: PASSWORD, ip: "10.2.0.1" })).ok).toBe(true);
  });

  it("reports the wait until the oldest counted failure expires", async () => {
    const user = await newUser();
    const tenMinutesAgo = new Date(Date.now() - 10 * 60 * 1000);
    await db().signInAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_EMAIL }, () => ({ email: user.email, ip: "10.3.0.1", createdAt: tenMinutesAgo })),
    });
    expect(await verifyCredentials({ email: user.email, password: PASSWORD, ip: "10.3.0.9" })).toEqual({
      ok: false,
      reason: "rate_limited",
      retryAfterMinutes: 5,
    });
  });

  it(`locks an IP after ${MAX_FAILURES_PER_IP} failures across many emails, even for the right password`, async () => {
    const user = await newUser();
    const ip = "203.0.113.50";
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      const result = await verifyCredentials({ email: `spray${i}@example.com`, password: "guess guess", ip });
      expect(result).toEqual({ ok: false, reason: "invalid_credentials" });
    }
    expect(await verifyCredentials({ email: user.email, password: PASSWORD, ip })).toMatchObject({ ok: false, reason: "rate_limited" });
    // The same account from another IP is fine: the block is on the IP, not the account.
    expect((await verifyCredentials({ email: user.email, password: PASSWORD, ip: "203.0.113.51" })).ok).toBe(true);
  });

  it("clears an email's failures on a successful sign-in", async () => {
    const user = await newUser();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) {
      await verifyCredentials({ email: user.email, password: "wrong password", ip: "10.4.0.1" });
    }
    expect((await verifyCredentials({ email: user.email, password: PASSWORD, ip: "10.4.0.1" })).ok).toBe(true);
    expect(await db().signInAttempt.count({ where: { email: user.email } })).toBe(0);
    // One more failure does not lock: the count started again from zero.
    await verifyCredentials({ email: user.email, password: "wrong password", ip: "10.4.0.1" });
    expect((await verifyCredentials({ email: user.email, password: PASSWORD, ip: "10.4.0.1" })).ok).toBe(true);
  });
});

describe("verifyCredentials under concurrency", () => {
  // Before the fix the limit was checked before and recorded after the password check, so every
  // parallel guess saw "under the limit" and all of them got a password check.
  it(`lets at most ${MAX_FAILURES_PER_EMAIL} of 20 parallel guesses at one email reach the password check`, async () => {
    const user = await newUser();
    const spans: { start: number; end: number }[] = [];
    const results = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const start = performance.now();
        const result = await verifyCredentials({ email: user.email, password: `guess ${i}`, ip: `10.9.0.${i}` });
        spans.push({ start, end: performance.now() });
        return result;
      }),
    );
    // They overlapped: every guess started before the first one finished.
    expect(Math.max(...spans.map((s) => s.start))).toBeLessThan(Math.min(...spans.map((s) => s.end)));
    const checked = results.filter((r) => !r.ok && r.reason === "invalid_credentials").length;
    const refused = results.filter((r) => !r.ok && r.reason === "rate_limited").length;
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES_PER_EMAIL);
    expect(checked + refused).toBe(20);
    // Only the checked guesses stay on record; the refused ones removed their rows.
    expect(await db().signInAttempt.count({ where: { email: user.email } })).toBe(checked);
  });

  it("holds while another session has the attempts table busy (deterministic interleaving)", async () => {
    const user = await newUser();
    // Four failures already: exactly one more password check is allowed.
    await db().signInAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_EMAIL - 1 }, () => ({ email: user.email, ip: "10.8.0.1" })),
    });
    // Hold a lock that every attempt's INSERT must wait for, queue ten guesses behind it, release.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("LOCK TABLE sign_in_attempts IN SHARE MODE");
      locked();
      await released;
    });
    await lockTaken;
    // Five guesses (the right password among them), fewer than the pool's ten connections.
    const guesses = Array.from({ length: 5 }, (_, i) =>
      verifyCredentials({ email: user.email, password: i === 4 ? PASSWORD : `queued ${i}`, ip: `10.8.1.${i}` }),
    );
    let waiting = 0;
    try {
      // Wait until the guesses are queued on the lock (each attempt's INSERT needs it).
      for (let i = 0; i < 50 && waiting < 5; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const rows = await db().$queryRawUnsafe<{ n: bigint }[]>(
          "SELECT count(*)::bigint AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%sign_in_attempts%'",
        );
        waiting = Number(rows[0]!.n);
      }
    } finally {
      release();
      await holder;
    }
    expect(waiting).toBe(5);
    const results = await Promise.all(guesses);
    const checked = results.filter((r) => r.ok || r.reason === "invalid_credentials").length;
    // At most the one remaining password check ran; the rest were refused without one.
    expect(checked).toBeLessThanOrEqual(1);
    expect(results.filter((r) => !r.ok && r.reason === "rate_limited").length).toBe(5 - checked);
  });
});
