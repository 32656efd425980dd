import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { claimSignUpAttempt, signUpsPerHour } from "./sign-up-throttle";

const MINUTE = 60_000;

describe("claimSignUpAttempt", () => {
  it("refuses past the hourly limit until the oldest counted sign-up is an hour old, then prunes", async () => {
    const ip = "192.0.2.77";
    const t0 = new Date("2026-11-21T10:00:00Z");
    for (let i = 0; i < 3; i++) await claimSignUpAttempt(db(), { ip, limit: 3, now: new Date(t0.getTime() + i * MINUTE) });
    const refused = await claimSignUpAttempt(db(), { ip, limit: 3, now: new Date(t0.getTime() + 10 * MINUTE) }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("rate_limited");
    // The oldest of the three leaves the window at t0 + 60 min: 50 minutes from now.
    expect((refused as AppError).retryAfterSeconds).toBe(50 * 60);
    expect((refused as AppError).message).toBe("Too many accounts were created from your network recently. Try again in 50 minutes.");
    await claimSignUpAttempt(db(), { ip, limit: 3, now: new Date(t0.getTime() + 60 * MINUTE + 1) });
    // The expired row is gone; the two others and the new one remain.
    expect(await db().signUpAttempt.count({ where: { ip } })).toBe(3);
  });

  it("lets at most the remaining allowance through when sign-ups queue behind a lock (deterministic)", async () => {
    const ip = "192.0.2.78";
    const now = new Date();
    // Two of three already used: one more may pass.
    await db().signUpAttempt.createMany({ data: [{ ip, createdAt: now }, { ip, createdAt: now }] });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe("LOCK TABLE sign_up_attempts IN SHARE MODE");
      locked();
      await released;
    });
    await lockTaken;
    const claims = Array.from({ length: 4 }, () =>
      claimSignUpAttempt(db(), { ip, limit: 3 }).then(
        () => "allowed",
        (e: AppError) => e.code,
      ),
    );
    let waiting = 0;
    try {
      for (let i = 0; i < 50 && waiting < 4; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const rows = await db().$queryRawUnsafe<{ n: bigint }[]>(
          "SELECT count(*)::bigint AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%sign_up_attempts%'",
        );
        waiting = Number(rows[0]!.n);
      }
    } finally {
      release();
      await holder;
    }
    expect(waiting).toBe(4);
    const outcomes = await Promise.all(claims);
    expect(outcomes.filter((o) => o === "allowed").length).toBeLessThanOrEqual(1);
    expect(outcomes.filter((o) => o === "rate_limited").length).toBe(4 - outcomes.filter((o) => o === "allowed").length);
    expect(await db().signUpAttempt.count({ where: { ip } })).toBe(2 + outcomes.filter((o) => o === "allowed").length);
  });

  it("reads SIGN_UPS_PER_HOUR", () => {
    expect(signUpsPerHour({})).toBe(10);
    expect(signUpsPerHour({ SIGN_UPS_PER_HOUR: "25" })).toBe(25);
    expect(() => signUpsPerHour({ SIGN_UPS_PER_HOUR: "lots" })).toThrow(/whole number/);
  });
});
