// /admin/balances: the admin's Verify and Recalculate all buttons stream progress and end in a
// result. Other specs post transfers in parallel, which is the point: both tools must stay exact
// while money moves.
import { expect, test } from "./fixtures";

test("admin verifies the ledger and sees 0 violations, then recalculates and nothing needs correcting", async ({ page, admin }) => {
  void admin;
  await page.goto("/admin/balances");
  await expect(page.getByRole("heading", { name: "Balances", level: 1 })).toBeVisible();
  for (const row of await page.getByTestId("currency-total").all()) await expect(row).toContainText(/[$€£¥]0(\.00)?$/);

  await page.getByRole("button", { name: "Verify" }).click();
  const verified = page.getByRole("status").filter({ hasText: "violations" });
  await expect(verified).toContainText("0 violations.");
  await expect(verified).toContainText(/[\d,]+ accounts and [\d,]+ live entries checked/);
  await expect(page.getByRole("button", { name: "Verify" })).toBeEnabled();

  // Recalculate all asks first; Cancel runs nothing.
  await page.getByRole("button", { name: "Recalculate all" }).click();
  await expect(page.getByText("Recalculate every balance from the ledger?")).toBeVisible();
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("status").filter({ hasText: "correcting" })).toHaveCount(0);
  await page.getByRole("button", { name: "Recalculate all" }).click();
  await page.getByRole("button", { name: "Yes, recalculate" }).click();
  await expect(page.getByRole("status").filter({ hasText: "correcting" })).toContainText("No balances needed correcting.");
});

test("a user who is not an admin gets 403 from the page and from the verify route", async ({ page, user }) => {
  void user;
  const response = await page.goto("/admin/balances");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  const api = await page.request.post("/api/v1/admin/balances/verify");
  expect(api.status()).toBe(403);
  expect(await api.json()).toMatchObject({ error: { code: "forbidden" } });
});
