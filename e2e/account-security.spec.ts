// Returning where you were after signing in, account settings, and sessions that end on the
// server — at a desktop and at a phone's width.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, randomClientIp, signInViaApi, signUpViaApi, test, uniqueEmail } from "./fixtures";

const PASSWORD = "correct-horse-battery";
const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
];

/** Another browser: its own cookies and client address. */
async function otherBrowser(browser: Browser, baseURL: string, email: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": randomClientIp() } });
  const page = await context.newPage();
  await signInViaApi(page, email, password);
  return { context, page };
}

async function apiStatus(page: Page): Promise<number> {
  return (await page.request.get("/api/v1/accounts")).status();
}

for (const { name, viewport } of VIEWPORTS) {
  test.describe(`at ${name} width`, () => {
    test.use({ viewport });

    test("a protected page opened signed out comes back after sign-in", async ({ page }) => {
      const email = uniqueEmail("return");
      await signUpViaApi(page, { name: "Return Tester", email, password: PASSWORD });
      await page.goto("/settings?tab=tokens");
      await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsettings%3Ftab%3Dtokens$/);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/settings\?tab=tokens$/);
      await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
    });

    test("creating an account from that sign-in page also comes back", async ({ page }) => {
      await page.goto("/transfer");
      await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Ftransfer$/);
      await page.getByRole("link", { name: "Create an account" }).click();
      await expect(page).toHaveURL(/\/sign-up\?callbackUrl=%2Ftransfer$/);
      await page.getByLabel("Name").fill("Deep Link Tester");
      await page.getByLabel("Email").fill(uniqueEmail("deeplink"));
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page).toHaveURL(/\/transfer$/);
    });

    test("a callbackUrl pointing off-site lands on the dashboard instead", async ({ page }) => {
      const email = uniqueEmail("offsite");
      await signUpViaApi(page, { name: "Offsite Tester", email, password: PASSWORD });
      await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/\t/evil.example/")}`);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/dashboard$/);
    });

    test("change password: other browsers are signed out at once, this one stays", async ({ page, user, browser, baseURL }) => {
      const elsewhere = await otherBrowser(browser, baseURL!, user.email, user.password);
      try {
        expect(await apiStatus(elsewhere.page)).toBe(200);
        await page.goto("/settings");
        await page.getByLabel("Current password").fill(user.password);
        await page.getByLabel("New password").fill("aaaaaaaaaaaa");
        await page.getByRole("button", { name: "Change password" }).click();
        await expect(page.getByText("This password repeats the same characters.", { exact: false })).toBeVisible();
        expect(await apiStatus(elsewhere.page)).toBe(200);

        await page.getByLabel("Current password").fill(user.password);
        await page.getByLabel("New password").fill("a different long passphrase");
        await page.getByRole("button", { name: "Change password" }).click();
        await expect(page.getByText("Your password was changed. 1 other session was signed out.")).toBeVisible();

        expect(await apiStatus(elsewhere.page)).toBe(401);
        expect(await (await elsewhere.page.request.get("/api/auth/session")).json()).toBeNull();
        await elsewhere.page.goto("/accounts");
        await expect(elsewhere.page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccounts$/);
        expect(await apiStatus(page)).toBe(200);
      } finally {
        await elsewhere.context.close();
      }
    });

    test("a cookie copied before signing out stops working, and sign out everywhere ends every session", async ({ page, user, browser, baseURL }) => {
      const copied = await page.context().cookies();
      const elsewhere = await otherBrowser(browser, baseURL!, user.email, user.password);
      const thief = await browser.newContext({ baseURL });
      try {
        await thief.addCookies(copied);
        const thiefPage = await thief.newPage();
        expect(await apiStatus(thiefPage)).toBe(200);

        await page.goto("/settings");
        await expect(page.getByText("in 2 browsers or devices")).toBeVisible();
        await page.getByRole("button", { name: "Sign out everywhere" }).click();
        await expect(page).toHaveURL(/\/sign-in\?signedOut=everywhere$/);
        await expect(page.getByText("You were signed out in every browser and device.")).toBeVisible();

        expect(await apiStatus(thiefPage)).toBe(401);
        expect(await apiStatus(elsewhere.page)).toBe(401);
        await thiefPage.goto("/dashboard");
        await expect(thiefPage).toHaveURL(/\/sign-in/);
      } finally {
        await elsewhere.context.close();
        await thief.close();
      }
    });

    test("change name shows everywhere", async ({ page }) => {
      await signUpViaApi(page, { name: "Before Rename", email: uniqueEmail("rename"), password: PASSWORD }).then((u) =>
        signInViaApi(page, u.email, PASSWORD),
      );
      await page.goto("/settings");
      await page.getByLabel("Name", { exact: true }).fill("  After Rename ");
      await page.getByRole("button", { name: "Save name" }).click();
      await expect(page.getByText("Your name was saved.")).toBeVisible();
      await page.goto("/dashboard");
      await expect(page.getByText("After Rename").first()).toBeAttached();
    });
  });
}

test("a copied cookie stops working after signing out", async ({ page, user, browser, baseURL }) => {
  const copied = await page.context().cookies();
  const thief = await browser.newContext({ baseURL });
  try {
    await thief.addCookies(copied);
    const thiefPage = await thief.newPage();
    expect(await apiStatus(thiefPage)).toBe(200);
    await page.goto("/dashboard");
    await page.getByRole("button", { name: "Sign out" }).filter({ visible: true }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect(await apiStatus(thiefPage)).toBe(401);
    expect(user.email).toContain("@");
  } finally {
    await thief.close();
  }
});

test("pages carry security headers and a script nonce, and still work", async ({ page, user }) => {
  const response = await page.goto("/settings");
  const headers = response!.headers();
  const csp = headers["content-security-policy"]!;
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  expect(headers["strict-transport-security"]).toContain("max-age=");
  // Every script tag carries this response's nonce (the browser drops the attribute's value from
  // the DOM, so read it as a property).
  const scriptNonces = await page.locator("script").evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
  expect(scriptNonces.length).toBeGreaterThan(0);
  expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
  // Hydrated: a client-side form works.
  await page.getByLabel("Token name").fill("nonce check");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByLabel("New API token")).toHaveValue(/^ch_/);
  expect(user.id).toBeTruthy();
});

test("the sign-up form says so when an address has created too many accounts", async ({ page }) => {
  // SIGN_UPS_PER_HOUR is 10 by default; this test's client address (fixtures.ts) uses them up.
  for (let i = 0; i < 10; i++) await signUpViaApi(page, { name: `Burst ${i}`, email: uniqueEmail("burst"), password: PASSWORD });
  const refused = await page.request.post("/api/auth/sign-up", { data: { name: "One more", email: uniqueEmail("burst"), password: PASSWORD } });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);

  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Form Burst");
  await page.getByLabel("Email").fill(uniqueEmail("burst"));
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    /^Too many accounts were created from your network recently\. Try again in \d+ minutes?\.$/,
  );
  await expect(page).toHaveURL(/\/sign-up$/);
});
