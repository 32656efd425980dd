import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, firstValues, isValidSortValue, keysetPage } from "./admin-list-params";

describe("admin list params", () => {
  it("takes the first of repeated values and drops blanks", () => {
    expect(firstValues({ a: ["x", "y"], b: "  ", c: undefined, d: " z " })).toEqual({ a: "x", d: "z" });
  });

  it("round-trips a cursor and rejects anything else", () => {
    const text = encodeCursor("balance", "desc", "-12", 9_007_199_254_740_993n);
    expect(decodeCursor(text)).toEqual({ sort: "balance", dir: "desc", value: "-12", id: 9_007_199_254_740_993n });
    for (const bad of ["", "not base64!", Buffer.from("{}").toString("base64url"), Buffer.from('["id","up","1","1"]').toString("base64url")]) {
      expect(decodeCursor(bad)).toBeNull();
    }
    expect(decodeCursor(Buffer.from('["id","asc","1","99999999999999999999"]').toString("base64url"))).toBeNull();
  });

  it.each([
    ["bigint", "-9223372036854775808", true],
    ["bigint", "9223372036854775808", false],
    ["bigint", "1.5", false],
    ["timestamp", "2026-01-31T23:59:59.123456Z", true],
    ["timestamp", "2026-02-30T00:00:00.000000Z", false],
    ["timestamp", "2026-01-31 23:59:59+00", false],
    ["text", "Café (CAFE)", true],
    ["text", "nul\u0000", false],
  ] as const)("%s sort value %j valid: %s", (kind, value, valid) => {
    expect(isValidSortValue(kind, value)).toBe(valid);
  });

  it("says which neighbouring pages exist", () => {
    const enc = (n: number) => String(n);
    expect(keysetPage([1, 2, 3], 2, undefined, enc)).toEqual({ rows: [1, 2], nextCursor: "2", prevCursor: null });
    expect(keysetPage([1, 2], 2, undefined, enc)).toEqual({ rows: [1, 2], nextCursor: null, prevCursor: null });
    expect(keysetPage([3, 4], 2, { direction: "after", value: "2", id: 2n }, enc)).toEqual({ rows: [3, 4], nextCursor: null, prevCursor: "3" });
    // Backwards pages arrive in reverse order and are flipped.
    expect(keysetPage([4, 3, 2], 2, { direction: "before", value: "5", id: 5n }, enc)).toEqual({ rows: [3, 4], nextCursor: "4", prevCursor: "3" });
    expect(keysetPage([2, 1], 2, { direction: "before", value: "3", id: 3n }, enc)).toEqual({ rows: [1, 2], nextCursor: "2", prevCursor: null });
  });
});
