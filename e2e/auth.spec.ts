// The sign-up → sign-out → sign-in journey through the real forms, the form errors, and role checks.
// Other specs sign in through the API (fixtures.ts); this one is about the forms themselves.
import { expect, test, uniqueEmail } from "./fixtures";

const PASSWORD = "correct-horse-battery";

// Sign-in failures are also limited per client IP, and every browser here connects from the same
// loopback address. A made-up forwarded IP per test keeps one test's failures (or an earlier run's
// against the same server) from locking out another.
test.beforeEach(async ({ page }) => {
  const octet = () => Math.floor(Math.random() * 250) + 1;
  await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.${octet()}.${octet()}` });
});

test("sign up, sign out, sign in, and see the dashboard", async ({ page }) => {
  const email = uniqueEmail("journey");

  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Journey Tester");
  await page.getByLabel("Email").fill(`  ${email.toUpperCase()} `);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page).toHaveURL(/\/dashboard$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Admin" })).toHaveCount(0);
  // A new member's chart is a sentence, not an empty box.
  await expect(page.getByText("Your balance chart starts with your first transfer")).toBeVisible();
  // The email was stored trimmed and lower-cased.
  await expect(page.getByRole("complementary").getByText(email, { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await page.request.get("/api/auth/session").then((r) => r.json()))?.user).toBeUndefined();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Dashboard" })).toHaveAttribute(
    "aria-current",
    "page",
  );
});

test("sign-up errors appear next to their fields and keep what was typed", async ({ page }) => {
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Form Tester");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByText("Enter a valid email address")).toBeVisible();
  await expect(page.getByText("Password must be at least 12 characters")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name")).toHaveValue("Form Tester");
  await expect(page.getByLabel("Email")).toHaveValue("not-an-email");
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("sign-up refuses an email that is already taken", async ({ page, user }) => {
  // `user` signed this browser in; sign out through the API so the sign-up page is reachable.
  await page.context().clearCookies();
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Someone Else");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this email already exists")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up$/);
});

test("a wrong password is refused with one message, then the account locks after five failures", async ({ page, user }) => {
  await page.context().clearCookies();
  await page.goto("/sign-in");
  const formAlert = page.locator("form").getByRole("alert");
  const submit = async (password: string) => {
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(password);
    const response = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/sign-in");
    await page.getByRole("button", { name: "Sign in" }).click();
    await response;
    // React resets the form after the action; wait for that before typing again, or the reset
    // wipes what we type. The email survives the reset (it comes back as the default value).
    await expect(page.getByLabel("Password")).toHaveValue("");
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  };
  for (let attempt = 1; attempt <= 5; attempt++) {
    await submit(`wrong password ${attempt}`);
    await expect(formAlert).toHaveText("Email or password is incorrect");
    await expect(page.getByLabel("Email")).toHaveValue(user.email);
  }
  // Now even the right password is refused.
  await submit(user.password);
  await expect(formAlert).toHaveText(/^Too many failed sign-in attempts\. Try again in \d+ minutes?\.$/);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a USER gets 403 on the admin pages and sees no Admin link", async ({ page, user }) => {
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  // The 403 sits inside the app shell (their own email is in the sidebar), but shows no one else's data.
  await expect(page.locator("#main").getByText(user.email)).toHaveCount(0);
  await expect(page.locator("#main").getByRole("table")).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).first()).toBeAttached();
});

test("an ADMIN sees the members list and the Admin link", async ({ page, admin }) => {
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { name: "Members" })).toBeVisible();
  // Newest first: the list starts with recent sign-ups, so look for a row, not the admin's.
  await expect(page.getByRole("table", { name: "Members" }).getByRole("row").nth(1)).toBeVisible();
  await expect(page.getByRole("complementary").getByText(admin.email, { exact: true })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveAttribute("aria-current", "page");
});

test("API tokens: create (shown once), use, and revoke", async ({ page, user }) => {
  await page.goto("/settings");
  await expect(page.locator("#main").getByText(user.email, { exact: true })).toBeVisible();
  await page.getByLabel("Token name").fill("E2E script");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = page.getByLabel("New API token");
  await expect(secret).toHaveValue(/^ch_[A-Za-z0-9_-]{43}$/);
  const token = await secret.inputValue();

  const row = page.getByRole("row", { name: /E2E script/ });
  await expect(row).toContainText(token.slice(0, 9));

  // The token authenticates on its own, without the browser's session cookie.
  const anonymous = await page.context().browser()!.newContext();
  try {
    const viaToken = await anonymous.request.get(new URL("/api/v1/accounts", page.url()).toString(), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(viaToken.status()).toBe(200);

    // Revoking asks first; Cancel leaves the token alone, confirming revokes it and says so.
    await row.getByRole("button", { name: "Revoke token E2E script" }).click();
    await expect(row).toContainText("Scripts using it stop working at once");
    await row.getByRole("button", { name: "Cancel" }).click();
    await row.getByRole("button", { name: "Revoke token E2E script" }).click();
    await row.getByRole("button", { name: "Yes, revoke it" }).click();
    await expect(page.getByRole("status").filter({ hasText: "revoked" })).toContainText("Token “E2E script” revoked");
    await expect(page.getByRole("row", { name: /E2E script/ })).toHaveCount(0);

    const afterRevoke = await anonymous.request.get(new URL("/api/v1/accounts", page.url()).toString(), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(afterRevoke.status()).toBe(401);
  } finally {
    await anonymous.close();
  }
});
