import { describe, expect, it } from "vitest";
import { inAppWorkerEnabled } from "./in-app-worker";

describe("inAppWorkerEnabled", () => {
  it("is on by default with a database, off with JOBS_IN_APP=0/false/off/no or without a database", () => {
    const url = "postgresql://localhost/x";
    expect(inAppWorkerEnabled({ DATABASE_URL: url })).toBe(true);
    expect(inAppWorkerEnabled({ DATABASE_URL: url, JOBS_IN_APP: "1" })).toBe(true);
    for (const off of ["0", "false", "OFF", "no"]) expect(inAppWorkerEnabled({ DATABASE_URL: url, JOBS_IN_APP: off })).toBe(false);
    expect(inAppWorkerEnabled({})).toBe(false);
  });
});
