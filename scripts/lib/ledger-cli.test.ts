import { describe, expect, it } from "vitest";
import { parseAccountIdArg, parseCliArgs, parseDateArg, parsePositiveIntArg, UsageError } from "./ledger-cli";

describe("ledger CLI arguments", () => {
  it("parses --before as UTC midnight or a zoned timestamp", () => {
    expect(parseDateArg("2026-01-01").toISOString()).toBe("2026-01-01T00:00:00.000Z");
    expect(parseDateArg("2026-01-01T12:30:00+02:00").toISOString()).toBe("2026-01-01T10:30:00.000Z");
  });

  it("refuses a missing or malformed --before", () => {
    expect(() => parseDateArg(undefined)).toThrow(/--before is required/);
    for (const bad of ["2026-13-01", "2026-02-30", "yesterday", "1735689600", "2026-01-01T12:00"]) {
      expect(() => parseDateArg(bad)).toThrow(UsageError);
    }
  });

  it("parses account ids and chunk sizes strictly", () => {
    expect(parseAccountIdArg("42")).toBe(42n);
    for (const bad of ["0", "-1", "4.2", "x", "042", "99999999999999999999"]) expect(() => parseAccountIdArg(bad)).toThrow(UsageError);
    expect(parsePositiveIntArg(undefined, "--chunk-size", 1000)).toBe(1000);
    expect(parsePositiveIntArg("250", "--chunk-size", 1000)).toBe(250);
    expect(() => parsePositiveIntArg("0", "--chunk-size", 1000)).toThrow(/--chunk-size/);
  });

  it("turns unknown options into usage errors", () => {
    expect(() => parseCliArgs(["--nope"], { before: { type: "string" } })).toThrow(UsageError);
    expect(parseCliArgs(["--before", "2026-01-01"], { before: { type: "string" } })).toEqual({ before: "2026-01-01" });
  });
});
