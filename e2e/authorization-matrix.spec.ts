// The authorization matrix over HTTP against the production build (issue 9 part 5): every page and
// route handler found in app/ × {anonymous, alice, bob, manager of Alice's company, admin} answers what
// scripts/test/authz/matrix.ts says. Denials look exactly like a nonexistent object. Server actions:
// app/_tests/server-actions-authz.integration.test.ts.
import path from "node:path";
import pg from "pg";
import { request as playwrightRequest, test, expect, type APIRequestContext } from "@playwright/test";
import { DEMO_ADMIN, DEMO_ALICE, DEMO_BOB } from "../lib/seed/demo-users";
import { listAppEndpoints } from "../scripts/test/authz/app-endpoints";
import { HTTP_MATRIX, ROLES, type Ids, type Role } from "../scripts/test/authz/matrix";
import { randomClientIp, uniqueEmail } from "./fixtures";

const root = path.resolve(import.meta.dirname, "..");
const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3000";
const NONEXISTENT = "987654321";
const MANAGER_PASSWORD = "manager-correct-horse";

async function signedIn(email?: string, password?: string): Promise<APIRequestContext> {
  // Its own client address (the e2e server trusts loopback as a proxy), so its sign-ins and sign-ups count against nobody else.
  const context = await playwrightRequest.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": randomClientIp() } });
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
  const contexts = {} as Record<Role, APIRequestContext>;
  let ids: Ids = { aliceAccount: "", bobEmail: DEMO_BOB.email, listed: "" };
  /** Each placeholder's value for Alice's object, and for one that does not exist. */
  let objects: Record<string, { alice: string; missing: string }> = {};

  test.beforeAll(async () => {
    const managerEmail = uniqueEmail("manager");
    contexts.anonymous = await signedIn();
    contexts.alice = await signedIn(DEMO_ALICE.email, DEMO_ALICE.password);
    contexts.bob = await signedIn(DEMO_BOB.email, DEMO_BOB.password);
    contexts.admin = await signedIn(DEMO_ADMIN.email, DEMO_ADMIN.password);
    // The manager: a new person, made a manager of Alice's company ALDR (as Alice would on its members page).
    const signUp = await contexts.anonymous.post("/api/auth/sign-up", { data: { name: "Manny Manager", email: managerEmail, password: MANAGER_PASSWORD } });
    expect(signUp.status(), await signUp.text()).toBe(201);
    const db = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
    try {
      const one = async (sql: string, params: unknown[] = []) => {
        const { rows } = await db.query(sql, params);
        expect(rows.length, sql).toBeGreaterThan(0);
        return rows[0] as Record<string, string>;
      };
      await db.query(
        `INSERT INTO company_members (company_id, user_id, role)
         SELECT c.id, u.id, 'manager' FROM companies c, users u WHERE c.ticker = 'ALDR' AND u.email = $1`,
        [managerEmail],
      );
      const product = await one(`SELECT p.id FROM products p JOIN companies c ON c.id = p.company_id WHERE c.ticker = 'ALDR' AND p.active ORDER BY p.id LIMIT 1`);
      // Alice's seeded order from Bob's shop: she is its buyer, Bob the seller's owner.
      const order = await one(
        `SELECT t.id AS transaction_id, i.id AS invoice_id FROM transactions t JOIN invoices i ON i.transaction_id = t.id
           JOIN users u ON u.id = t.buyer_user_id JOIN companies c ON c.id = t.seller_company_id
          WHERE u.email = $1 AND c.ticker = 'HRBR' ORDER BY t.created_at LIMIT 1`,
        [DEMO_ALICE.email],
      );
      const email = await one(`SELECT id FROM email_outbox ORDER BY created_at LIMIT 1`);
      const listed = await one(
        `SELECT c.ticker FROM companies c WHERE c.is_public
            AND NOT EXISTS (SELECT 1 FROM company_members m JOIN users u ON u.id = m.user_id WHERE m.company_id = c.id AND u.email = ANY($1))
          ORDER BY c.ticker LIMIT 1`,
        [[DEMO_ALICE.email, DEMO_BOB.email, DEMO_ADMIN.email, managerEmail]],
      );
      const accounts = (await (await contexts.alice.get("/api/v1/accounts")).json()) as { data: { id: string; kind: string }[] };
      ids = { ...ids, aliceAccount: accounts.data.find((a) => a.kind === "PERSONAL")!.id, listed: listed.ticker! };
      objects = {
        "[id]": { alice: ids.aliceAccount, missing: NONEXISTENT },
        "[ticker]": { alice: "ALDR", missing: "QQQQQ" },
        "[productId]": { alice: product.id!, missing: "cmissingproduct0000000000" },
        "[transactionId]": { alice: order.transaction_id!, missing: "cmissingorder000000000000" },
        "[invoiceId]": { alice: order.invoice_id!, missing: "cmissinginvoice0000000000" },
        "[emailId]": { alice: email.id!, missing: "cmissingemail000000000000" },
        "[listed]": { alice: ids.listed, missing: "QQQQQ" },
      };
    } finally {
      await db.end();
    }
    contexts.manager = await signedIn(managerEmail, MANAGER_PASSWORD);
  });
  test.afterAll(async () => Promise.all(Object.values(contexts).map((c) => c.dispose())));

  /** The entry's url with every placeholder replaced by Alice's object (or a nonexistent one). */
  function urlOf(key: string, which: "alice" | "missing"): { method: string; url: string } {
    const entry = HTTP_MATRIX[key]!;
    const [method, pattern] = key.startsWith("page ") ? ["GET", key.slice(5)] : key.split(" ");
    let url = entry.url ?? pattern!;
    for (const [placeholder, values] of Object.entries(objects)) url = url.replaceAll(placeholder, values[which]);
    return { method: method!, url };
  }

  async function ask(context: APIRequestContext, key: string, which: "alice" | "missing") {
    const entry = HTTP_MATRIX[key]!;
    const { method, url } = urlOf(key, which);
    const body = entry.body?.(which === "alice" ? ids : { ...ids, aliceAccount: NONEXISTENT });
    const response = await context.fetch(url, {
      method,
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
        const entry = HTTP_MATRIX[key]!;
        const expected = entry.expect[role];
        const answer = await ask(contexts[role], key, "alice");
        expect(answer.status, `${key} as ${role}: ${answer.text.slice(0, 200)}`).toBe(expected);
        // Anonymous visitors are sent to sign in; signed-in people away from the auth pages (or wherever the row says).
        if (answer.status === 307) expect(answer.location).toContain(role === "anonymous" ? "/sign-in" : (entry.redirectsTo ?? "/dashboard"));
        const hasObject = Object.keys(objects).some((placeholder) => (entry.url ?? key).includes(placeholder));
        if (hasObject && role !== "anonymous" && [403, 404].includes(answer.status)) {
          // Someone else's object and a nonexistent one are indistinguishable.
          const missing = await ask(contexts[role], key, "missing");
          expect(missing.status).toBe(answer.status);
          const mask = (text: string, which: "alice" | "missing") => Object.values(objects).reduce((t, v) => t.replaceAll(v[which], "ID"), text);
          if (!key.startsWith("page ")) expect(mask(missing.text, "missing")).toBe(mask(answer.text, "alice"));
          else expect(pageTitle(missing.text)).toBe(pageTitle(answer.text));
        }
      });
    }
  }
});

function pageTitle(html: string): string {
  return /<title>([^<]*)<\/title>/.exec(html)?.[1] ?? "";
}
