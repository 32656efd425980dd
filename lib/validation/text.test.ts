import { describe, expect, it } from "vitest";
import { hasControlCharacters, plainText } from "./text";

describe("control characters in text fields", () => {
  it("finds NUL and other control characters", () => {
    for (const value of ["a\u0000b", "\u0007", "tab\tinside", "line\nbreak", "\u007f", "\u009b"]) expect(hasControlCharacters(value), JSON.stringify(value)).toBe(true);
    for (const value of ["plain", "Zoë & Søren — “quoted”", "emoji 🙂", ""]) expect(hasControlCharacters(value)).toBe(false);
  });

  it("allows tabs and line breaks only in multi-line text", () => {
    expect(hasControlCharacters("two\nlines\tand a tab", { multiline: true })).toBe(false);
    expect(hasControlCharacters("nul\u0000", { multiline: true })).toBe(true);
  });

  it("refuses with the given message", () => {
    const result = plainText("No control characters, please.").safeParse("a\u0000");
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe("No control characters, please.");
  });
});
