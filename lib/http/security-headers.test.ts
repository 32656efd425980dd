import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, generateNonce, securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("allows scripts only with the request's nonce, and no framing", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", dev: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(contentSecurityPolicy({ nonce: "x", dev: true })).toContain("'unsafe-eval'");
  });

  it("sends HSTS only in production", () => {
    expect(securityHeaders({ nonce: "n", dev: false, production: true })["strict-transport-security"]).toMatch(/^max-age=31536000/);
    expect(securityHeaders({ nonce: "n", dev: true, production: false })).not.toHaveProperty("strict-transport-security");
  });

  it("sets the rest everywhere", () => {
    expect(securityHeaders({ nonce: "n", dev: false, production: false })).toMatchObject({
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
      "permissions-policy": expect.stringContaining("camera=()"),
    });
  });

  it("makes a fresh, unguessable nonce every time", () => {
    const nonces = new Set(Array.from({ length: 100 }, generateNonce));
    expect(nonces.size).toBe(100);
    expect([...nonces][0]).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
