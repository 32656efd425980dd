import { describe, expect, it } from "vitest";
import { authRedirect, isSafeRedirectPath, safeRedirectPath } from "./safe-redirect";

describe("safeRedirectPath", () => {
  it("keeps same-origin paths", () => {
    for (const path of ["/accounts?x=1", "/accounts/42?type=transfer&from=2026-01-01", "/settings#tokens", "/a%20b"]) {
      expect(safeRedirectPath(path)).toBe(path);
    }
  });

  it("refuses other origins and junk", () => {
    for (const value of ["//evil.example", "/\\evil.example", "https://evil.example", "", null, 42, "evil.example", "javascript:alert(1)"]) {
      expect(safeRedirectPath(value)).toBe("/dashboard");
    }
  });

  it("refuses control characters, whitespace and backslashes anywhere", () => {
    for (const value of ["/\t/evil.example", "/\n/evil.example", "/\r\n/evil.example", "/ /evil.example", "/x\\y", "/\u0000", "/a\u007f"]) {
      expect(isSafeRedirectPath(value), JSON.stringify(value)).toBe(false);
    }
  });

  it("refuses percent-encoded escapes", () => {
    for (const value of ["/%2F%2Fevil.example", "/%2fevil.example", "/%5Cevil.example", "/%5cevil.example", "/%252F%252Fevil.example", "/%09/evil.example", "/%E0%A4%A"]) {
      expect(isSafeRedirectPath(value), value).toBe(false);
    }
  });
});

describe("authRedirect", () => {
  const base = "http://localhost:3000";
  it("keeps same-origin destinations", () => {
    expect(authRedirect("/accounts?x=1", base)).toBe(`${base}/accounts?x=1`);
    expect(authRedirect(`${base}/settings`, base)).toBe(`${base}/settings`);
  });
  it("sends anything else to the dashboard", () => {
    for (const url of ["https://evil.example/", "//evil.example", "/\\evil.example", "/\t/evil.example", "/%2F%2Fevil.example", "javascript:alert(1)"]) {
      expect(authRedirect(url, base), url).toBe(`${base}/dashboard`);
    }
  });
});
