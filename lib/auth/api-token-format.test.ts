import { describe, expect, it } from "vitest";
import { apiTokenDisplayPrefix, bearerToken, generateApiToken, hashApiToken, looksLikeApiToken } from "./api-token-format";

describe("API token format", () => {
  it("generates ch_ + 43 base64url characters, different every time", () => {
    const a = generateApiToken();
    const b = generateApiToken();
    expect(a).toMatch(/^ch_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(looksLikeApiToken(a)).toBe(true);
  });

  it("hashes with SHA-256 hex, deterministically", () => {
    expect(hashApiToken("ch_abc")).toBe(hashApiToken("ch_abc"));
    expect(hashApiToken("ch_abc")).toMatch(/^[0-9a-f]{64}$/);
    expect(hashApiToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("shows only a short prefix", () => {
    expect(apiTokenDisplayPrefix("ch_abcdefghijk")).toBe("ch_abcdef");
  });

  it("rejects strings that are not tokens", () => {
    for (const value of ["", "ch_", "ch_short", "xx_" + "a".repeat(43), "ch_" + "a".repeat(42) + "!"]) {
      expect(looksLikeApiToken(value)).toBe(false);
    }
  });

  it("reads Bearer tokens from the Authorization header", () => {
    expect(bearerToken(new Headers())).toBeNull();
    expect(bearerToken(new Headers({ authorization: "Bearer ch_x" }))).toBe("ch_x");
    expect(bearerToken(new Headers({ authorization: "bearer   ch_x " }))).toBe("ch_x");
    // Present but not a Bearer credential: "" so the caller refuses instead of trying the cookie.
    expect(bearerToken(new Headers({ authorization: "Basic dXNlcjpwYXNz" }))).toBe("");
  });
});
