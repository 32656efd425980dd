// Times are shown in the person's own zone (the browser's, remembered in a cookie) with the zone
// named; history date filters say which zone they use, and an inverted range lists nothing.
import { expect, test } from "./fixtures";

test.use({ timezoneId: "America/New_York" });

test("times and date filters follow the browser's zone; an inverted range shows the error and no rows", async ({ page, user }) => {
  void user;
  await page.goto("/settings");
  // The first render is UTC; the browser then reports its zone and the page re-renders.
  await expect(page.getByText("America/New_York", { exact: true })).toBeVisible();

  await page.goto("/accounts");
  await page.getByRole("link", { name: "Personal USD" }).click();
  await expect(page.getByTestId("entry-row")).toHaveCount(1);
  await expect(page.getByTestId("entry-row")).toContainText("EST");
  await expect(page.getByLabel("From (America/New_York)")).toBeVisible();

  const url = new URL(page.url());
  await page.goto(`${url.pathname}?from=2026-12-31&to=2026-01-01`);
  await expect(page.locator("#main").getByRole("alert")).toContainText("The start date must be on or before the end date");
  await expect(page.getByTestId("entry-row")).toHaveCount(0);
  await expect(page.getByLabel("To, inclusive (America/New_York)")).toHaveAttribute("aria-invalid", "true");

  // Search and amount range: the opening deposit matches "mint" and 10,000.00; not 5.00–6.00.
  await page.goto(`${url.pathname}?q=mint&min=1%2C000.00`);
  await expect(page.getByTestId("entry-row")).toHaveCount(1);
  await page.goto(`${url.pathname}?min=5&max=6`);
  await expect(page.getByText("No entries match these filters.")).toBeVisible();
  await page.goto(`${url.pathname}?min=6&max=5`);
  await expect(page.locator("#main").getByRole("alert")).toContainText("The smallest amount must not be larger than the largest.");
});
