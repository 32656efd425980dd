// Password reset by email, at desktop and phone widths: ask on /forgot-password (reached from
// /sign-in), read the link from what the (fake) email provider received, choose a new password,
// sign in with it. Every other session ended; the link works once.
import type { Page } from "@playwright/test";
import { expect, randomClientIp, signInViaApi, signUpViaApi, test, uniqueEmail } from "./fixtures";

const OLD_PASSWORD = "correct-horse-battery";
const NEW_PASSWORD = "violet-tugboat-harvest-9";
const SAME_ANSWER = "If an account exists for that address, we sent a link to reset its password.";
const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
];

interface Delivered {
  headers: Record<string, string>;
  body: { to: string[]; subject: string; text: string; html: string };
}

async function resetEmailTo(email: string): Promise<Delivered> {
  const url = process.env.FAKE_RESEND_URL;
  if (!url) throw new Error("FAKE_RESEND_URL is not set: run through npm run test:e2e");
  let found: Delivered | undefined;
  // The app sends after answering (next/server `after`), so the email may arrive a moment later.
  await expect
    .poll(async () => {
      const { delivered } = (await (await fetch(`${url}/__requests`)).json()) as { delivered: Delivered[] };
      found = delivered.find((d) => d.body.to.includes(email) && d.headers["idempotency-key"]?.startsWith("password-reset/"));
      return Boolean(found);
    })
    .toBe(true);
  return found!;
}

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `page ${page.url()} overflows horizontally`).toBeLessThanOrEqual(0);
}

for (const { name, viewport } of VIEWPORTS) {
  test.describe(`at ${name} width`, () => {
    test.use({ viewport });

    test("request a reset link, set a new password with it, sign in with the new password", async ({ page, browser, baseURL }) => {
      const email = uniqueEmail("reset");
      await signUpViaApi(page, { name: "Reset Tester", email, password: OLD_PASSWORD });
      // Another browser signed in with the old password: the reset must end its session.
      const other = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": randomClientIp() } });
      const otherPage = await other.newPage();
      await signInViaApi(otherPage, email, OLD_PASSWORD);
      expect((await otherPage.request.get("/api/v1/accounts")).status()).toBe(200);

      await page.goto("/sign-in");
      await page.getByRole("link", { name: "Forgot your password?" }).click();
      await expect(page).toHaveURL(/\/forgot-password$/);
      await expectNoHorizontalOverflow(page);
      // An address with no account gets exactly the same answer.
      await page.getByLabel("Email").fill(uniqueEmail("nobody"));
      await page.getByRole("button", { name: "Send reset link" }).click();
      await expect(page.getByRole("status")).toContainText(SAME_ANSWER);
      await page.getByLabel("Email").fill(email);
      await page.getByRole("button", { name: "Send reset link" }).click();
      await expect(page.getByRole("status")).toContainText(SAME_ANSWER);

      const sent = await resetEmailTo(email);
      expect(sent.body.subject).toBe("Reset your Countinghouse password");
      const link = /(https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]{43})/.exec(sent.body.text)?.[1];
      expect(link, sent.body.text).toBeTruthy();
      expect(link!.startsWith(`${baseURL}/reset-password?token=`)).toBe(true);

      await page.goto(link!);
      await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
      await expectNoHorizontalOverflow(page);
      // The policy applies: a repeated pattern is refused inline and nothing changes.
      await page.getByLabel("New password", { exact: true }).fill("abcabcabcabc");
      await page.getByLabel("Repeat the new password").fill("abcabcabcabc");
      await page.getByRole("button", { name: "Set new password" }).click();
      await expect(page.getByText("This password repeats the same characters.")).toBeVisible();
      await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel("Repeat the new password").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Set new password" }).click();

      await expect(page).toHaveURL(/\/sign-in\?reset=1/);
      await expect(page.getByRole("status")).toContainText("Your password was changed and you were signed out everywhere.");
      expect((await otherPage.request.get("/api/v1/accounts")).status()).toBe(401);
      await expect(page.getByLabel("Email")).toHaveValue(email);
      await page.getByLabel("Password").fill(NEW_PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL(/\/dashboard$/);

      // The link worked once.
      await page.goto(link!);
      await expect(page.getByText("This password reset link was already used.")).toBeVisible();
      await expect(page.getByRole("button", { name: "Set new password" })).toHaveCount(0);
      await other.close();
    });
  });
}
