// /admin/emails shows delivery failures and retries: the provider (the fake, told to fail every
// request to one recipient) refuses a password-reset email; the list shows it pending with its
// attempts, the last error and when it is tried next; the message's page lists each attempt with
// its error and who sent it. Once the provider works again an admin's Resend delivers it, and the
// timeline ends with the sent attempt and the provider's id.
import { expect, randomClientIp, signUpViaApi, test, uniqueEmail } from "./fixtures";

async function failRequestsTo(to: string, count: number): Promise<void> {
  const url = process.env.FAKE_RESEND_URL;
  if (!url) throw new Error("FAKE_RESEND_URL is not set: run through npm run test:e2e");
  const response = await fetch(`${url}/__fail`, { method: "POST", body: JSON.stringify({ to, count, status: 500 }) });
  expect(response.status).toBe(200);
}

test("failed attempts, the last error and the next attempt show in /admin/emails; the timeline shows each attempt; Resend delivers", async ({ page, admin, browser, baseURL }) => {
  void admin;
  test.setTimeout(60_000);
  const email = uniqueEmail("mail-retry");
  const user = await browser.newContext({ baseURL, extraHTTPHeaders: { "x-forwarded-for": randomClientIp() } });
  const userPage = await user.newPage();
  await signUpViaApi(userPage, { name: "Mail Retry", email, password: "correct-horse-battery" });
  await failRequestsTo(email, 1000);
  await userPage.goto("/forgot-password");
  await userPage.getByLabel("Email").fill(email);
  await userPage.getByRole("button", { name: "Send reset link" }).click();
  await expect(userPage.getByRole("status")).toContainText("If an account exists for that address");
  await user.close();

  // The list: pending, at least one attempt, the provider's error, a next attempt.
  const row = page.getByRole("row").filter({ hasText: email });
  await expect(async () => {
    await page.goto(`/admin/emails?q=${encodeURIComponent(email)}`);
    await expect(row).toContainText("Simulated provider outage (HTTP 500)", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(row).toContainText("pending");
  const attempts = Number(await row.getByRole("cell").nth(4).innerText());
  expect(attempts).toBeGreaterThanOrEqual(1);
  await expect(row.getByRole("cell").nth(5)).toContainText(/\d{4}, \d{1,2}:\d{2}/);

  // The message's page: one row per attempt, each failed with the error and who sent it; the first
  // by the request itself (right after answering), later ones by the worker's sweep.
  await row.getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const timeline = page.getByTestId("email-attempt");
  await expect(timeline.first()).toContainText("#1");
  await expect(timeline.first()).toContainText("failed");
  await expect(timeline.first()).toContainText("Simulated provider outage (HTTP 500)");
  await expect(timeline.first()).toContainText(/after-reset-request@.+:\d+/);
  const failedSoFar = await timeline.count();
  expect(failedSoFar).toBeGreaterThanOrEqual(1);

  // The provider recovers; Resend delivers at once (or the sweep gets there first).
  await failRequestsTo(email, 0);
  await page.getByRole("button", { name: "Resend" }).click();
  await expect(async () => {
    await page.reload();
    await expect(timeline.last()).toContainText("sent", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(timeline.last()).toContainText(/provider id fake_/);
  const all = await timeline.allInnerTexts();
  expect(all.length).toBeGreaterThan(failedSoFar - 1);
  expect(all.filter((t) => t.includes("Simulated provider outage (HTTP 500)")).length).toBeGreaterThanOrEqual(failedSoFar);
  expect(all.filter((t) => /\bsent\b/.test(t)).length).toBeGreaterThanOrEqual(1);
  // However many attempts it took, the provider delivered it once.
  const { delivered } = (await (await fetch(`${process.env.FAKE_RESEND_URL}/__requests`)).json()) as { delivered: { body: { to: string[] } }[] };
  expect(delivered.filter((d) => d.body.to.includes(email))).toHaveLength(1);
  await expect(page.getByText(/· sent ·/)).toBeVisible();

  await page.goto(`/admin/emails?q=${encodeURIComponent(email)}`);
  await expect(row).toContainText("sent");
  await expect(row).not.toContainText("Simulated provider outage");
});
