import { describe, expect, it } from "vitest";
import { attemptState } from "./delivery-attempts";

const now = new Date("2026-11-21T12:00:00Z");
const later = new Date(now.getTime() + 60_000);
const earlier = new Date(now.getTime() - 1);

describe("attemptState", () => {
  it("a finished attempt is its outcome", () => {
    expect(attemptState({ finishedAt: now, outcome: "timeout", leaseToken: "a" }, { leaseToken: null, nextAttemptAt: now }, now)).toBe("timeout");
  });

  it("an attempt without a result is in progress only while it holds the message's unexpired lease", () => {
    const attempt = { finishedAt: null, outcome: null, leaseToken: "a" };
    expect(attemptState(attempt, { leaseToken: "a", nextAttemptAt: later }, now)).toBe("in_progress");
    // Its lease ran out: the sender stopped mid-send.
    expect(attemptState(attempt, { leaseToken: "a", nextAttemptAt: earlier }, now)).toBe("unfinished");
    // Another sender (or an admin's resend) has taken the message since.
    expect(attemptState(attempt, { leaseToken: "b", nextAttemptAt: later }, now)).toBe("unfinished");
    expect(attemptState(attempt, { leaseToken: null, nextAttemptAt: later }, now)).toBe("unfinished");
  });
});
