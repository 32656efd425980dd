import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it("keeps same-origin paths", () => {
    expect(safeRedirectPath("/accounts?x=1")).toBe("/accounts?x=1");
  });
  it("refuses other origins and junk", () => {
    for (const value of ["//evil.example", "/\\evil.example", "https://evil.example", "", null, 42]) {
      expect(safeRedirectPath(value)).toBe("/dashboard");
    }
  });
});
