// The authorization matrix over HTTP against the production build (issue 9 part 5): every page and
// route handler found in app/ × {anonymous, alice, bob, manager of Alice's company, admin} answers what
// scripts/test/authz/matrix.ts says. Denials look exactly like a nonexistent object. Server actions:
// app/_tests/server-actions-authz.integration.test.ts.
import path from "node:path";
import { request as playwrightRequest, test, expect, type APIRequestContext } from "@playwright/test";
import { DEMO_ADMIN, DEMO_ALICE, DEMO_BOB } from "../lib/seed/demo-users";
import { listAppEndpoints } from "../scripts/test/authz/app-endpoints";
import { HTTP_MATRIX, ROLES, type Role } from "../scripts/test/authz/matrix";

const root = path.resolve(import.meta.dirname, "..");
const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3000";
const NONEXISTENT = "987654321";

async function signedIn(email?: string, password?: string): Promise<APIRequestContext> {
  const context = await playwrightRequest.newContext({ baseURL });
  if (!email) return context;
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await context.post("/api/auth/callback/credentials", { form: { csrfToken, email, password: password!, callbackUrl: "/dashboard" }, maxRedirects: 0 });
  expect(response.headers().location ?? "").not.toContain("error=");
  return context;
}

test("every page and route handler has a row in the matrix, and every row exists", () => {
  const found = listAppEndpoints(root).filter((e) => e.kind !== "action").map((e) => e.key);
  expect(found.length).toBeGreaterThan(10);
  expect(found.filter((k) => !(k in HTTP_MATRIX)), "endpoints without a matrix entry").toEqual([]);
  expect(Object.keys(HTTP_MATRIX).filter((k) => !found.includes(k)), "matrix entries for endpoints that no longer exist").toEqual([]);
});

test.describe("authorization matrix", () => {
  test.describe.configure({ timeout: 180_000 });
  const contexts = {} as Record<Exclude<Role, "manager">, APIRequestContext>;
  let ids = { aliceAccount: "", bobEmail: DEMO_BOB.email };

  test.beforeAll(async () => {
    contexts.anonymous = await signedIn();
    contexts.alice = await signedIn(DEMO_ALICE.email, DEMO_ALICE.password);
    contexts.bob = await signedIn(DEMO_BOB.email, DEMO_BOB.password);
    contexts.admin = await signedIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
    const accounts = (await (await contexts.alice.get("/api/v1/accounts")).json()) as { data: { id: string; kind: string }[] };
    ids = { ...ids, aliceAccount: accounts.data.find((a) => a.kind === "PERSONAL")!.id };
  });
  test.afterAll(async () => Promise.all(Object.values(contexts).map((c) => c.dispose())));

  async function ask(context: APIRequestContext, key: string, id: string) {
    const entry = HTTP_MATRIX[key]!;
    const [method, pattern] = key.startsWith("page ") ? ["GET", key.slice(5)] : key.split(" ");
    const url = (entry.url ?? pattern!).replace("[id]", id);
    const body = entry.body?.({ ...ids, aliceAccount: id });
    const response = await context.fetch(url, {
      method: method!,
      maxRedirects: 0,
      headers: { ...(body ? { "idempotency-key": `authz-${Math.random()}` } : {}), ...(method === "POST" && !body ? { origin: baseURL } : {}) },
      ...(body ? { data: body } : {}),
    });
    const text = await response.text();
    return { status: response.status(), text, location: response.headers().location ?? "" };
  }

  for (const key of Object.keys(HTTP_MATRIX)) {
    for (const role of ROLES) {
      test(`${key} as ${role}`, async () => {
        const expected = HTTP_MATRIX[key]!.expect[role];
        test.skip(expected === "pending", "company managers arrive with company_members (branch market)");
        const answer = await ask(contexts[role as Exclude<Role, "manager">], key, ids.aliceAccount);
        expect(answer.status, `${key} as ${role}: ${answer.text.slice(0, 200)}`).toBe(expected);
        // Anonymous visitors are sent to sign in; signed-in people away from the auth pages.
        if (answer.status === 307) expect(answer.location).toContain(role === "anonymous" ? "/sign-in" : "/dashboard");
        if (key.includes("[id]") && [403, 404].includes(answer.status)) {
          // Someone else's object and a nonexistent one are indistinguishable.
          const missing = await ask(contexts[role as Exclude<Role, "manager">], key, NONEXISTENT);
          expect(missing.status).toBe(answer.status);
          if (!key.startsWith("page ")) expect(missing.text.replaceAll(NONEXISTENT, "ID")).toBe(answer.text.replaceAll(ids.aliceAccount, "ID"));
          else expect(pageTitle(missing.text)).toBe(pageTitle(answer.text));
        }
      });
    }
  }
});

function pageTitle(html: string): string {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
}
