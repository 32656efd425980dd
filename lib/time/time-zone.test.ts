import { describe, expect, it } from "vitest";
import { formatDateTimeInZone, nextIsoDate, normalizeTimeZone, startOfDayInZone, zoneOffsetMs } from "./time-zone";

describe("time zones", () => {
  it("keeps zones Intl knows and falls back to UTC otherwise", () => {
    expect(normalizeTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(normalizeTimeZone("Not/AZone")).toBe("UTC");
    expect(normalizeTimeZone("")).toBe("UTC");
    expect(normalizeTimeZone(undefined)).toBe("UTC");
  });

  it("finds where a day starts, across daylight saving changes", () => {
    expect(startOfDayInZone("2026-11-21", "UTC").toISOString()).toBe("2026-11-21T00:00:00.000Z");
    expect(startOfDayInZone("2026-11-21", "Europe/Berlin").toISOString()).toBe("2026-11-20T23:00:00.000Z");
    expect(startOfDayInZone("2026-07-01", "Europe/Berlin").toISOString()).toBe("2026-06-30T22:00:00.000Z");
    expect(startOfDayInZone("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfDayInZone("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(startOfDayInZone("2026-11-21", "Asia/Kolkata").toISOString()).toBe("2026-11-20T18:30:00.000Z");
    expect(zoneOffsetMs(new Date("2026-01-01T12:00:00.123Z"), "Asia/Kolkata")).toBe(5.5 * 3_600_000);
  });

  it("steps to the next day and names the zone when formatting", () => {
    expect(nextIsoDate("2026-12-31")).toBe("2027-01-01");
    expect(formatDateTimeInZone(new Date("2026-11-21T13:05:00Z"), "UTC")).toBe("Nov 21, 2026, 1:05 PM UTC");
    expect(formatDateTimeInZone(new Date("2026-11-21T13:05:00Z"), "Europe/Berlin")).toBe("Nov 21, 2026, 2:05 PM GMT+1");
  });
});
