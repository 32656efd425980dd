// The market journey: alice founds a company and adds a product; an admin runs the marketplace
// until the company lists; the company dashboard shows revenue and its chart; bob buys 10 shares,
// sees them in his portfolio, and the price has moved. Desktop and phone widths; no page overflows.
import type { Browser, Page } from "@playwright/test";
import { DEMO_ADMIN } from "../lib/seed/demo-users";
import { expect, signInViaApi, signUpViaApi, test, uniqueEmail } from "./fixtures";

const WIDTHS = [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

async function signedIn(browser: Browser, viewport: { width: number; height: number }, who: { name: string } | { admin: true }): Promise<Page> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  if ("admin" in who) {
    await signInViaApi(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  } else {
    const user = await signUpViaApi(page, { name: who.name, email: uniqueEmail(who.name.toLowerCase()), password: "correct-horse-battery" });
    await signInViaApi(page, user.email, user.password);
  }
  return page;
}

async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `page ${page.url()} overflows horizontally`).toBeLessThanOrEqual(0);
}

function randomTicker(): string {
  return Array.from({ length: 5 }, () => String.fromCharCode(65 + Math.floor(Math.random() * 26))).join("");
}

for (const { name, viewport } of WIDTHS) {
  test(`market journey (${name}): found, sell, list, trade`, async ({ browser }) => {
    test.setTimeout(180_000);
    const alice = await signedIn(browser, viewport, { name: "Alice" });
    const ticker = randomTicker();

    await alice.goto("/companies/new");
    await alice.getByLabel("Company name").fill(`Alice ${ticker} Works`);
    await alice.getByLabel("Ticker").fill(ticker.toLowerCase());
    await alice.getByRole("button", { name: "Found company" }).click();
    await expect(alice).toHaveURL(new RegExp(`/companies/${ticker}$`));
    await expect(alice.getByTestId("company-status")).toHaveText("Private");
    await expectNoHorizontalOverflow(alice);

    await alice.goto(`/companies/${ticker}/products`);
    await alice.getByLabel("Name").first().fill("Grand piano");
    await alice.getByLabel(/^Price/).first().fill("2000.00");
    await alice.getByRole("button", { name: "Add product" }).click();
    await expect(alice.getByRole("status").filter({ hasText: "Added Grand piano" })).toBeVisible();
    await expectNoHorizontalOverflow(alice);

    // The admin runs the marketplace until the company lists. Another test's runs (or the
    // scheduled job) may be the one that lifts it over $50,000, so ask the company page.
    const admin = await signedIn(browser, viewport, { admin: true });
    await admin.goto("/admin/market");
    let listed = false;
    for (let i = 0; i < 15 && !listed; i++) {
      const result = admin.getByTestId("run-result");
      const previous = (await result.count()) ? await result.textContent() : null;
      await admin.getByRole("button", { name: "Run now" }).click();
      await expect(result).toContainText(/Run #\d+/);
      if (previous) await expect(result).not.toHaveText(previous);
      await alice.goto(`/companies/${ticker}`);
      listed = (await alice.getByTestId("company-status").textContent()) === "Public";
    }
    expect(listed, "the company should list within 15 runs").toBe(true);
    await expectNoHorizontalOverflow(admin);

    await alice.goto(`/companies/${ticker}`);
    await expect(alice.getByTestId("company-status")).toHaveText("Public");
    await expect(alice.getByTestId("revenue-30d")).not.toHaveText("$0.00");
    await expect(alice.getByTestId("pnl-chart").locator("canvas").first()).toBeVisible();
    await expect(alice.getByTestId("units-sold").first()).not.toHaveText("0");
    await expectNoHorizontalOverflow(alice);

    const bob = await signedIn(browser, viewport, { name: "Bob" });
    await bob.goto(`/stocks/${ticker}`);
    const before = await bob.getByTestId("share-price").textContent();
    await expect(bob.getByTestId("candle-chart").locator("canvas").first()).toBeVisible();
    await expectNoHorizontalOverflow(bob);
    await bob.getByLabel("Shares").fill("10");
    await bob.getByRole("button", { name: "Place order" }).click();
    await expect(bob.getByTestId("trade-result")).toContainText(`Bought 10 ${ticker}`);
    await expect(bob.getByTestId("holding")).toHaveText("10");
    await expect(bob.getByTestId("share-price")).not.toHaveText(before!);

    await bob.goto("/portfolio");
    const row = bob.getByTestId("holding-row").filter({ hasText: ticker });
    await expect(row.getByTestId("holding-quantity")).toHaveText("10 shares");
    await expectNoHorizontalOverflow(bob);

    for (const path of ["/market", "/stocks", "/leaderboard", `/companies/${ticker}/members`]) {
      await bob.goto(path);
      await expectNoHorizontalOverflow(bob);
    }
    await admin.goto("/admin/jobs");
    await expect(admin.getByText("Marketplace", { exact: true }).first()).toBeVisible();
    await expectNoHorizontalOverflow(admin);
  });
}

test("a user who is not a member cannot open a company's product management", async ({ page, user }) => {
  void user;
  await page.goto("/companies/ALDR/products");
  await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
});
