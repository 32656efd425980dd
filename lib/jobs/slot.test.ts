import { describe, expect, it } from "vitest";
import { nextRun, slotFor } from "./slot";

describe("slotFor", () => {
  it("maps a job created late in the slot, or retried, to the occurrence it belongs to", () => {
    expect(slotFor("*/10 * * * *", new Date("2026-11-21T13:30:00.000Z")).toISOString()).toBe("2026-11-21T13:30:00.000Z");
    expect(slotFor("*/10 * * * *", new Date("2026-11-21T13:30:41.123Z")).toISOString()).toBe("2026-11-21T13:30:00.000Z");
    expect(slotFor("*/10 * * * *", new Date("2026-11-21T13:39:59.999Z")).toISOString()).toBe("2026-11-21T13:30:00.000Z");
    expect(slotFor("*/5 * * * *", new Date("2026-11-21T13:36:02Z")).toISOString()).toBe("2026-11-21T13:35:00.000Z");
  });
  it("uses the minute for jobs without a schedule", () => {
    expect(slotFor(null, new Date("2026-11-21T13:36:02Z")).toISOString()).toBe("2026-11-21T13:36:00.000Z");
  });
  it("computes the next run in UTC", () => {
    expect(nextRun("*/10 * * * *", new Date("2026-11-21T13:31:00Z"))?.toISOString()).toBe("2026-11-21T13:40:00.000Z");
  });
});
