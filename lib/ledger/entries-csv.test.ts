import { describe, expect, it } from "vitest";
import { csvCell } from "./entries-csv";

describe("csvCell", () => {
  it("quotes separators, quotes and newlines", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
  });

  it("defuses spreadsheet formulas but leaves negative numbers alone", () => {
    expect(csvCell("=HYPERLINK(\"x\")")).toBe("\"'=HYPERLINK(\"\"x\"\")\"");
    expect(csvCell("+cmd")).toBe("'+cmd");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("-25.00")).toBe("-25.00");
  });
});

describe("csvCell formula guard", () => {
  it("exempts only cells that are entirely a number", () => {
    for (const number of ["-25.00", "-1", "-0.5", "1234"]) expect(csvCell(number)).toBe(number);
    expect(csvCell("-1+HYPERLINK(\"http://evil.example\",\"x\")")).toBe("\"'-1+HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"");
    expect(csvCell("-2-3")).toBe("'-2-3");
    expect(csvCell("-1e5")).toBe("'-1e5");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("\t-1")).toBe("'\t-1");
  });
});
