// Property-based hostile input for the admin ledger tools, POST /api/v1/admin/balances/verify and
// /recalculate (issue 9 part 4): Authorization headers in every shape (an admin's token, an ordinary
// user's, a revoked one, malformed bearer values, other schemes, junk session cookies, none), with
// query parameters, bodies and content types the routes do not take. Only an admin gets the NDJSON
// stream, and it ends in a result (never an error line); everyone else gets a 401 or 403 JSON error
// naming the token or the permission, never a 500; a consistent ledger is left exactly as it was.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { dbState } from "@/scripts/test/fuzz/db-state";
import { apiAnswer, expectNamesField } from "@/scripts/test/fuzz/expect-rejection";
import { fuzzParams, hostileString } from "@/scripts/test/fuzz/hostile";
import { createTestUser } from "@/scripts/test/ledger-fixtures";
import { POST as recalculate } from "./recalculate/route";
import { POST as verify } from "./verify/route";

let tokens: { admin: string; user: string; revoked: string };

beforeAll(async () => {
  const [admin, user] = [await createTestUser({ role: "ADMIN" }), await createTestUser()];
  const revoked = await createApiToken({ userId: admin.id, name: "old" });
  await revokeApiToken({ userId: admin.id, tokenId: revoked.apiToken.id });
  tokens = { admin: (await createApiToken({ userId: admin.id, name: "fuzz" })).token, user: (await createApiToken({ userId: user.id, name: "fuzz" })).token, revoked: revoked.token };
});

/** Printable ASCII only: a header value must be a ByteString, so a client cannot send anything else. */
const headerText = hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, "").trim());
const authorization = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom("admin", "user", "revoked", "none") },
  { weight: 1, arbitrary: fc.constantFrom("Bearer", "Bearer ", "bearer ADMIN", "Basic YWRtaW46YWRtaW4=", "Bearer ch_", "Bearer ch_" + "a".repeat(200), "Token admin") },
  { weight: 2, arbitrary: headerText.map((t) => `Bearer ${t}`) },
  { weight: 1, arbitrary: headerText },
);
const body = fc.oneof(fc.constant(""), fc.constantFrom("{}", "[]", "null", '{"accountId":"1"}', "{", "recalculate=1"), hostileString);

async function readStream(response: Response): Promise<Record<string, unknown>[]> {
  const text = await response.text();
  const lines = text.split("\n").filter((l) => l !== "");
  expect(lines.length).toBeGreaterThan(0);
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("admin ledger tools under hostile input", () => {
  for (const [name, route] of [["verify", verify], ["recalculate", recalculate]] as const) {
    it(`POST /api/v1/admin/balances/${name}: the stream for admins, a 401 or 403 naming the token or permission for everyone else`, async () => {
      const before = await dbState();
      let streams = 0;
      await fc.assert(
        fc.asyncProperty(
          authorization,
          fc.option(headerText.map((t) => `authjs.session-token=${encodeURIComponent(t)}`), { nil: undefined }),
          fc.dictionary(fc.constantFrom("accountId", "dryRun", "limit", "cursor", "force"), hostileString, { maxKeys: 3 }),
          body,
          fc.constantFrom("application/json", "text/plain", "", "application/x-ndjson"),
          async (auth, cookie, query, text, contentType) => {
            const headers: Record<string, string> = { "content-type": contentType };
            const token = (tokens as Record<string, string>)[auth];
            if (token) headers.authorization = `Bearer ${token}`;
            else if (auth !== "none") headers.authorization = auth;
            if (cookie) headers.cookie = cookie;
            const url = `http://localhost/api/v1/admin/balances/${name}?${new URLSearchParams(query)}`;
            const response = await route(new Request(url, { method: "POST", headers, body: text }), undefined);
            if (auth === "admin") {
              expect(response.status).toBe(200);
              expect(response.headers.get("content-type")).toMatch(/^application\/x-ndjson/);
              const lines = await readStream(response);
              const last = lines.at(-1)!;
              expect(last.type, JSON.stringify(last)).toBe("result");
              if (name === "verify") expect(last.violations).toEqual([]);
              else expect(last.corrected).toEqual([]);
              streams++;
              return;
            }
            const answer = await apiAnswer(response);
            expect([401, 403]).toContain(answer.status);
            expectNamesField(answer.body, ["token", "permission", "Sign in"]);
          },
        ),
        fuzzParams(200),
      );
      expect(streams).toBeGreaterThan(0);
      expect(await dbState()).toEqual(before);
    });
  }
});
