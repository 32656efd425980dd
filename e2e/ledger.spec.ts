// The ledger as people use it: alice pays bob by email, both see it; bad input moves nothing;
// bob can neither see nor spend from alice's account.
import type { Browser, Page } from "@playwright/test";
import { expect, signInViaApi, signUpViaApi, test, uniqueEmail } from "./fixtures";

async function signedInUser(browser: Browser, name: string): Promise<{ page: Page; email: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = await signUpViaApi(page, { name, email: uniqueEmail(name.toLowerCase()), password: "correct-horse-battery" });
  await signInViaApi(page, user.email, user.password);
  return { page, email: user.email };
}

async function personalAccountUrl(page: Page): Promise<string> {
  await page.goto("/accounts");
  const link = page.getByRole("link", { name: "Personal USD" });
  return (await link.getAttribute("href"))!;
}

test("alice transfers $25.00 to bob by email and both histories show it", async ({ browser }) => {
  const alice = await signedInUser(browser, "Alice");
  const bob = await signedInUser(browser, "Bob");

  await alice.page.goto("/transfer");
  await alice.page.getByLabel("To", { exact: true }).fill(bob.email);
  await alice.page.getByLabel(/^Amount/).fill("25.00");
  await alice.page.getByLabel("Description (optional)").fill("Concert tickets");
  await alice.page.getByRole("button", { name: "Review transfer" }).click();
  // The review names the person and the balance after; nothing has moved yet.
  await expect(alice.page.getByTestId("review-recipient")).toContainText("Bob");
  await expect(alice.page.getByTestId("review-recipient")).toContainText("Person");
  await expect(alice.page.getByTestId("review-amount")).toHaveText("$25.00");
  await expect(alice.page.getByTestId("review-balance-after")).toHaveText("$9,975.00");
  await alice.page.getByRole("button", { name: "Confirm and send" }).click();
  await expect(alice.page.getByRole("status")).toContainText("Sent $25.00 to Bob");
  await expect(alice.page.getByTestId("new-balance")).toHaveText("$9,975.00");

  // The dashboard chart now has two points, labelled axes and its range.
  await alice.page.goto("/dashboard");
  await expect(alice.page.getByRole("img", { name: /Balance after each of the last 2 entries/ })).toBeVisible();
  await expect(alice.page.getByText("Balance (USD)")).toBeVisible();
  await expect(alice.page.getByText(/^(Time|Date) of entry/)).toBeVisible();
  await expect(alice.page.getByText("Last 2 entries")).toBeVisible();

  await alice.page.goto(await personalAccountUrl(alice.page));
  await expect(alice.page.getByTestId("account-balance")).toHaveText("$9,975.00");
  const aliceRow = alice.page.getByTestId("entry-row").first();
  await expect(aliceRow).toContainText("Concert tickets");
  await expect(aliceRow).toContainText("-$25.00");
  await expect(aliceRow).toContainText("Bob");

  await bob.page.goto(await personalAccountUrl(bob.page));
  await expect(bob.page.getByTestId("account-balance")).toHaveText("$10,025.00");
  const bobRow = bob.page.getByTestId("entry-row").first();
  await expect(bobRow).toContainText("+$25.00");
  await expect(bobRow).toContainText("Alice");
  await expect(bobRow).toContainText("$10,025.00");
});

test("a malformed amount shows an inline error and moves nothing", async ({ browser }) => {
  const alice = await signedInUser(browser, "Alice");
  const bob = await signedInUser(browser, "Bob");
  await alice.page.goto("/transfer");
  await alice.page.getByLabel("To", { exact: true }).fill(bob.email);
  const amount = alice.page.getByLabel(/^Amount/);
  for (const [typed, message] of [
    ["12.345", "USD amounts have at most 2 decimal places."],
    ["1e3", "Amount must be a plain number such as 12.34."],
    ["-5", "Amount must be greater than zero."],
    ["12,34", "Use a point for decimals, not a comma: write 12.34"],
    ["10,000.01", "That's more than the $10,000.00 in account"],
  ] as const) {
    await amount.fill(typed);
    await alice.page.getByRole("button", { name: "Review transfer" }).click();
    await expect(alice.page.getByText(message, { exact: false })).toBeVisible();
    await expect(amount).toHaveAttribute("aria-invalid", "true");
    await expect(amount).toHaveValue(typed);
  }
  await alice.page.goto(await personalAccountUrl(alice.page));
  await expect(alice.page.getByTestId("account-balance")).toHaveText("$10,000.00");
  await expect(alice.page.getByTestId("entry-row")).toHaveCount(1);
});

test("bob cannot open alice's account page nor transfer from it", async ({ browser }) => {
  const alice = await signedInUser(browser, "Alice");
  const bob = await signedInUser(browser, "Bob");
  const aliceAccountUrl = await personalAccountUrl(alice.page);
  const aliceAccountId = aliceAccountUrl.split("/").at(-1)!;

  const page = await bob.page.goto(aliceAccountUrl);
  expect(page?.status()).toBe(404);
  const csv = await bob.page.request.get(`${aliceAccountUrl}/export`);
  expect(csv.status()).toBe(404);

  // The form only offers bob's own accounts; a forged request naming alice's is refused.
  await bob.page.goto(`/transfer?from=${aliceAccountId}`);
  await expect(bob.page.locator("#field-fromAccountId option")).toHaveCount(1);
  const api = await bob.page.request.post("/api/v1/transfers", {
    headers: { "idempotency-key": `forged-${Date.now()}` },
    data: { fromAccountId: aliceAccountId, to: bob.email, amount: "100" },
  });
  expect(api.status()).toBe(404);
  await alice.page.goto(aliceAccountUrl);
  await expect(alice.page.getByTestId("account-balance")).toHaveText("$10,000.00");
});

test("the review names a company with its ticker; Back keeps what was typed; a double Confirm sends once", async ({ browser }) => {
  const alice = await signedInUser(browser, "Alice");
  await alice.page.goto("/transfer");
  await alice.page.getByLabel("To", { exact: true }).fill("aldr");
  await alice.page.getByLabel(/^Amount/).fill("$1,000.5");
  await alice.page.getByRole("button", { name: "Review transfer" }).click();
  const recipient = alice.page.getByTestId("review-recipient");
  await expect(recipient).toContainText("Alder & Finch Coffee");
  await expect(recipient).toContainText("Company · ALDR");
  await expect(alice.page.getByTestId("review-amount")).toHaveText("$1,000.50");
  await expect(alice.page.getByTestId("review-balance-after")).toHaveText("$8,999.50");

  await alice.page.getByRole("button", { name: "Back" }).click();
  await expect(alice.page.getByLabel(/^Amount/)).toHaveValue("$1,000.5");
  await expect(alice.page.getByLabel("To", { exact: true })).toHaveValue("aldr");
  await alice.page.getByLabel(/^Amount/).fill(".5");
  await alice.page.getByRole("button", { name: "Review transfer" }).click();
  await expect(alice.page.getByTestId("review-amount")).toHaveText("$0.50");

  // A double click: two clicks in the same tick, before React can disable the button, so both
  // submissions reach the server. They carry the same idempotency key: one entry is posted.
  await alice.page.getByRole("button", { name: "Confirm and send" }).evaluate((button: HTMLButtonElement) => {
    button.click();
    button.click();
  });
  await expect(alice.page.getByRole("status")).toContainText("Sent $0.50 to Alder & Finch Coffee (ALDR)");
  await alice.page.goto(await personalAccountUrl(alice.page));
  await expect(alice.page.getByTestId("account-balance")).toHaveText("$9,999.50");
  await expect(alice.page.getByTestId("entry-row")).toHaveCount(2);
});
