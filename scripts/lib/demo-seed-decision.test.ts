import { describe, expect, it } from "vitest";
import { demoSeedDecision, parseSeedDemoFlag } from "./demo-seed-decision";

describe("demoSeedDecision", () => {
  it("seeds an empty default database without being asked", () => {
    expect(demoSeedDecision({ defaultDatabase: true, empty: true, seedDemo: undefined })).toEqual({ seed: true });
  });

  it("never seeds an empty external database unless SEED_DEMO=1, and says how", () => {
    const decision = demoSeedDecision({ defaultDatabase: false, empty: true, seedDemo: undefined });
    expect(decision.seed).toBe(false);
    expect(decision.note).toMatch(/SEED_DEMO=1/);
    expect(demoSeedDecision({ defaultDatabase: false, empty: true, seedDemo: "1" })).toMatchObject({ seed: true, note: expect.stringMatching(/public passwords/) });
  });

  it("never seeds a database that has users, whatever the flag", () => {
    for (const defaultDatabase of [true, false]) {
      for (const seedDemo of [undefined, "1", "0"]) {
        expect(demoSeedDecision({ defaultDatabase, empty: false, seedDemo }).seed).toBe(false);
      }
    }
    expect(demoSeedDecision({ defaultDatabase: false, empty: false, seedDemo: "1" }).note).toMatch(/not empty/);
  });

  it("SEED_DEMO=0 keeps even the default database empty", () => {
    expect(demoSeedDecision({ defaultDatabase: true, empty: true, seedDemo: "0" })).toMatchObject({ seed: false });
  });
});

describe("parseSeedDemoFlag", () => {
  it.each([
    [undefined, undefined],
    ["", undefined],
    ["1", true],
    [" TRUE ", true],
    ["yes", true],
    ["0", false],
    ["false", false],
    ["no", false],
  ])("%j → %j", (value, expected) => {
    expect(parseSeedDemoFlag(value)).toBe(expected);
  });

  it("refuses anything else with the allowed values", () => {
    expect(() => parseSeedDemoFlag("maybe")).toThrow(/SEED_DEMO must be 1 .* or 0 .*got "maybe"/);
  });
});
