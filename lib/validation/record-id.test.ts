import { describe, expect, it } from "vitest";
import { isRecordId } from "./record-id";

describe("record ids from forms and URLs", () => {
  it("accepts the ids the app makes (cuid, UUID)", () => {
    for (const id of ["cmissing0000000000000000", "clx2v1k8a0000qz8h3b1c2d3e", "655a4326-8ee4-4027-8c27-dcbb419bc52b", "bulkp-bulk-1-0cc175b9c0f1b6a831c399e269772661"]) expect(isRecordId(id), id).toBe(true);
  });

  it("refuses what no row can have: NUL and other control characters, spaces, nothing, oversized", () => {
    for (const id of ["\u0000", "abc\u0000", "a\tb", "a b", " abc", "", "x".repeat(101), "ünïcode", "\ud800"]) expect(isRecordId(id), JSON.stringify(id)).toBe(false);
    for (const value of [null, undefined, 42, ["abc"]]) expect(isRecordId(value)).toBe(false);
  });
});
