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

  it("reads SIGN_UPS_PER_HOUR", () => {
    expect(signUpsPerHour({})).toBe(10);
    expect(signUpsPerHour({ SIGN_UPS_PER_HOUR: "25" })).toBe(25);
    expect(() => signUpsPerHour({ SIGN_UPS_PER_HOUR: "lots" })).toThrow(/whole number/);
  });
});
