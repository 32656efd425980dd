import { describe, expect, it } from "vitest";
import { backoffMs, emailDeliveryConfig, MAX_BACKOFF_MS } from "./delivery-config";

describe("emailDeliveryConfig", () => {
  it("defaults: 20 s send timeout, 5 min lease, 30 s backoff base, 6 attempts, 10 s sweeps", () => {
    expect(emailDeliveryConfig({})).toEqual({ sendTimeoutMs: 20_000, leaseMs: 300_000, retryBaseMs: 30_000, maxAttempts: 6, sweepMs: 10_000 });
  });

  it("reads seconds (fractions allowed) and the attempt limit from the environment", () => {
    expect(
      emailDeliveryConfig({ EMAIL_SEND_TIMEOUT_SECONDS: "0.5", EMAIL_LEASE_SECONDS: "2", EMAIL_RETRY_BASE_SECONDS: "0.25", EMAIL_MAX_ATTEMPTS: "20", EMAIL_SWEEP_SECONDS: "1" }),
    ).toEqual({ sendTimeoutMs: 500, leaseMs: 2000, retryBaseMs: 250, maxAttempts: 20, sweepMs: 1000 });
  });

  it("refuses a lease that does not outlast the send timeout", () => {
    expect(() => emailDeliveryConfig({ EMAIL_SEND_TIMEOUT_SECONDS: "30", EMAIL_LEASE_SECONDS: "30" })).toThrow(/EMAIL_LEASE_SECONDS \(30\) must exceed EMAIL_SEND_TIMEOUT_SECONDS \(30\)/);
    expect(() => emailDeliveryConfig({ EMAIL_LEASE_SECONDS: "10" })).toThrow(/must exceed/);
    expect(emailDeliveryConfig({ EMAIL_LEASE_SECONDS: "21" }).leaseMs).toBe(21_000);
  });

  it("refuses values that are not positive numbers", () => {
    for (const bad of ["0", "-1", "abc", "Infinity"]) expect(() => emailDeliveryConfig({ EMAIL_SWEEP_SECONDS: bad })).toThrow(/EMAIL_SWEEP_SECONDS must be a positive number/);
    for (const bad of ["0", "1.5", "x"]) expect(() => emailDeliveryConfig({ EMAIL_MAX_ATTEMPTS: bad })).toThrow(/EMAIL_MAX_ATTEMPTS/);
  });
});

describe("backoffMs", () => {
  it("doubles from the base per failed attempt and stops at an hour", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(30, 30_000)).toBe(MAX_BACKOFF_MS);
    expect(backoffMs(3, 500)).toBe(2000);
  });
});
