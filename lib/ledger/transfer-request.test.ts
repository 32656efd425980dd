import { describe, expect, it } from "vitest";
import { canonicalAmount } from "./transfer";

describe("canonicalAmount", () => {
  it.each([
    ["10", "10"],
    ["10.00", "10"],
    ["10.", "10"],
    ["010.50", "10.5"],
    [".5", "0.5"],
    ["0.00", "0"],
    [" 7 ", "7"],
    ["1,000.00", "1,000.00"],
    ["abc", "abc"],
    ["1e3", "1e3"],
  ])("%j → %j", (text, expected) => {
    expect(canonicalAmount(text)).toBe(expected);
  });
});
