import { describe, expect, it } from "vitest";
import { formatDocumentNumber } from "./document-number";

describe("formatDocumentNumber", () => {
  it.each([
    ["INV", 2026, 1, "INV-2026-0001"],
    ["INV", 2026, 42, "INV-2026-0042"],
    ["HH", 2027, 9999, "HH-2027-9999"],
    ["CN", 2026, 12345, "CN-2026-12345"],
  ])("%s %d %d → %s", (prefix, year, seq, expected) => {
    expect(formatDocumentNumber(prefix, year, seq)).toBe(expected);
  });
});
