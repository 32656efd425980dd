// Playwright against a production build (`next build` + `next start`) that scripts/test/run-e2e.ts
// starts on a fresh, seeded database and passes in as E2E_BASE_URL. Chromium is the system's
// (Debian's package): `npx playwright install` cannot download browsers on a closed network.
import { defineConfig, devices } from "@playwright/test";

const jsonReport = process.env.E2E_JSON_REPORT;

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  forbidOnly: true,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  outputDir: "../test-results",
  reporter: jsonReport ? [["list"], ["json", { outputFile: jsonReport }]] : [["list"]],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? "http://localhost:3000",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          // --no-sandbox: CI runs as root. The rest stop Chromium phoning home, which on a closed
          // network means floods of refused connections and slow starts.
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        },
      },
    },
  ],
});
