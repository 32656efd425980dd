// Smoke: the production server answers, talks to its migrated database, and renders sign-in.
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";

const latestMigration = readdirSync(path.join(import.meta.dirname, "..", "prisma", "migrations"), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort()
  .at(-1);

test("GET /api/health reports the database and the latest migration", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: { reachable: true, migration: latestMigration } });
});

test("the sign-in page renders its form", async ({ page }) => {
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/sign in/i);
  await expect(page.getByLabel(/email/i)).toBeVisible();
  await expect(page.getByLabel(/password/i)).toBeVisible();
});

test("the user fixture signs a new user in", async ({ page, user }) => {
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(session.user.id).toBe(user.id);
});

test("the admin fixture signs the seeded admin in", async ({ page, admin }) => {
  expect(admin.email).toBe("admin@countinghouse.test");
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/admin/);
});
