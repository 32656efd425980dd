// Test fixtures: `user` is a brand-new account (unique email, so parallel tests never share rows)
// and `admin` the seeded administrator. Both are signed in through HTTP, the way Auth.js's
// credentials flow works underneath the form (GET /api/auth/csrf, then POST the credentials
// callback), with page.request so the session cookie lands in the page's browser context.
// Tests about the sign-in form itself drive the form; everything else starts signed in.
import { test as base, expect, type Page } from "@playwright/test";
import { DEMO_ADMIN } from "../lib/seed/demo-users";

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

export function uniqueEmail(prefix = "e2e"): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@countinghouse.test`;
}

export async function signUpViaApi(page: Page, user: Omit<TestUser, "id">): Promise<TestUser> {
  const response = await page.request.post("/api/auth/sign-up", { data: user });
  expect(response.status(), await response.text()).toBe(201);
  const { user: created } = (await response.json()) as { user: { id: string } };
  return { ...user, id: created.id };
}

export async function signInViaApi(page: Page, email: string, password: string): Promise<void> {
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const response = await page.request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: "/dashboard" },
    maxRedirects: 0,
  });
  // Auth.js answers with a redirect either way; a refusal redirects back with ?error=.
  expect(response.status()).toBe(302);
  expect(response.headers().location ?? "").not.toContain("error=");
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user?: { id?: string } } | null;
  expect(session?.user?.id, `no session after signing in as ${email}`).toBeTruthy();
}

/** A made-up client address (the e2e server trusts loopback as a proxy, see scripts/test/e2e-session.ts). */
export function randomClientIp(): string {
  const octet = () => Math.floor(Math.random() * 250) + 1;
  return `198.51.${octet()}.${octet()}`;
}

export const test = base.extend<{ user: TestUser; admin: TestUser }>({
  // Each test is its own client address (pages and page.request alike), so one test's sign-ups and
  // failed sign-ins never count against another's throttle.
  extraHTTPHeaders: async ({}, use) => {
    await use({ "x-forwarded-for": randomClientIp() });
  },
  user: async ({ page }, use) => {
    const user = await signUpViaApi(page, { name: "E2E Tester", email: uniqueEmail(), password: "correct-horse-battery" });
    await signInViaApi(page, user.email, user.password);
    await use(user);
  },
  admin: async ({ page }, use) => {
    await signInViaApi(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
    await use({ id: "", email: DEMO_ADMIN.email, name: DEMO_ADMIN.name, password: DEMO_ADMIN.password });
  },
});

export { expect };
