import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generateResetToken, hashResetToken, isWellFormedResetToken, resetPasswordPath } from "./reset-token";

describe("password-reset tokens", () => {
  it("are 256 random bits, base64url, and only their SHA-256 hex is kept", () => {
    const { token, tokenHash } = generateResetToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).not.toContain(token);
  });

  it("differ every time", () => {
    const tokens = new Set(Array.from({ length: 100 }, () => generateResetToken().token));
    expect(tokens.size).toBe(100);
  });

  it("hash deterministically (the lookup key) and known-answer", () => {
    expect(hashResetToken("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashResetToken("abc")).toBe(hashResetToken("abc"));
  });

  it("refuses anything that is not the shape we issue", () => {
    expect(isWellFormedResetToken(generateResetToken().token)).toBe(true);
    for (const bad of [undefined, null, 42, "", "short", "a".repeat(44), `${"a".repeat(42)}=`, `${"a".repeat(42)}/`, `${"a".repeat(42)}\n`]) {
      expect(isWellFormedResetToken(bad)).toBe(false);
    }
  });

  it("builds the link path with the token in the query", () => {
    expect(resetPasswordPath("abc_-9")).toBe("/reset-password?token=abc_-9");
  });
});
