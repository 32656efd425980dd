import { describe, expect, it } from "vitest";
import { isoDateProblem } from "./iso-date";

describe("isoDateProblem", () => {
  it("accepts real dates, leap days included", () => {
    for (const d of ["2026-11-21", "2024-02-29", "1900-01-01", "2999-12-31"]) expect(isoDateProblem(d), d).toBeNull();
  });
  it("refuses dates that do not exist instead of rolling them over", () => {
    for (const d of ["2026-02-30", "2026-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00"]) expect(isoDateProblem(d), d).toBe("missing");
  });
  it("refuses year 0 and other dates out of range", () => {
    for (const d of ["0000-01-01", "0001-01-01", "1899-12-31", "3000-01-01", "9999-12-31"]) expect(isoDateProblem(d), d).not.toBeNull();
  });
  it("refuses other shapes", () => {
    for (const d of ["2026-1-1", "21-11-2026", "2026-11-21T00:00", "", "２０２６-11-21"]) expect(isoDateProblem(d), d).toBe("format");
  });
});
