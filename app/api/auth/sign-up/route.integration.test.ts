// POST /api/auth/sign-up through its real handler: the per-address throttle (checked before the
// password is hashed), strict JSON, and field-naming refusals.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";

const hashCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...original,
    hashPassword: (password: string) => {
      hashCalls.count += 1;
      return original.hashPassword(password);
    },
  };
});

const { POST } = await import("./route");

let n = 0;
function signUpRequest(forwardedFor: string, body: unknown = nextUser(), contentType = "application/json") {
  return new Request("http://localhost/api/auth/sign-up", {
    method: "POST",
    headers: { "content-type": contentType, "x-forwarded-for": forwardedFor },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
function nextUser() {
  n += 1;
  return { name: `Throttled ${n}`, email: `throttled${n}@example.com`, password: "a long password!" };
}

const previous = process.env.SIGN_UPS_PER_HOUR;
beforeAll(() => {
  process.env.SIGN_UPS_PER_HOUR = "3";
});
afterAll(() => {
  process.env.SIGN_UPS_PER_HOUR = previous;
});

describe("sign-up throttle", () => {
  it("refuses the fourth sign-up from one address within the hour with 429 and Retry-After, without hashing", async () => {
    const peer = "192.0.2.10";
    for (let i = 0; i < 3; i++) expect((await POST(signUpRequest(peer), undefined)).status).toBe(201);
    const hashesBefore = hashCalls.count;
    const usersBefore = await db().user.count();

    const refused = await POST(signUpRequest(peer), undefined);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3500);
    const body = await refused.json();
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toMatch(/^Too many accounts were created from your network recently\. Try again in \d+ minutes\.$/);
    expect(hashCalls.count).toBe(hashesBefore);
    expect(await db().user.count()).toBe(usersBefore);
    // Refused attempts are not kept, so they do not extend the wait.
    expect(await db().signUpAttempt.count({ where: { ip: peer } })).toBe(3);
  });

  it("counts the direct peer, not an X-Forwarded-For the client wrote itself", async () => {
    // The server appends the TCP peer to the client's header; without TRUSTED_PROXIES only that counts.
    const peer = "192.0.2.20";
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await POST(signUpRequest(`203.0.113.${i}, ${peer}`), undefined)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
    // Another address is unaffected.
    expect((await POST(signUpRequest("192.0.2.21"), undefined)).status).toBe(201);
  });

  it("lets at most the limit through when one address signs up in parallel", async () => {
    const peer = "192.0.2.30";
    const spans: { start: number; end: number }[] = [];
    const statuses = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const start = performance.now();
        const response = await POST(signUpRequest(peer), undefined);
        spans.push({ start, end: performance.now() });
        return response.status;
      }),
    );
    expect(Math.max(...spans.map((s) => s.start))).toBeLessThan(Math.min(...spans.map((s) => s.end)));
    const created = statuses.filter((s) => s === 201).length;
    expect(created).toBeLessThanOrEqual(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(8 - created);
    expect(await db().signUpAttempt.count({ where: { ip: peer } })).toBe(created);
  });
});

describe("sign-up request format", () => {
  it("requires Content-Type: application/json (415)", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", ""]) {
      const response = await POST(signUpRequest("192.0.2.40", JSON.stringify(nextUser()), type), undefined);
      expect(response.status, type).toBe(415);
      expect((await response.json()).error.code).toBe("unsupported_media_type");
    }
  });

  it("refuses wrong types and control characters with a 422 naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...nextUser(), name: ["Ada"] }, "name"],
      [{ ...nextUser(), name: { first: "Ada" } }, "name"],
      [{ ...nextUser(), name: "Ada\u0000Lovelace" }, "name"],
      [{ ...nextUser(), email: 42 }, "email"],
      [{ ...nextUser(), password: "aaaaaaaaaaaa" }, "password"],
    ];
    for (const [body, field] of cases) {
      const response = await POST(signUpRequest("192.0.2.41", body), undefined);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys((await response.json()).error.fields)).toEqual([field]);
    }
  });
});
