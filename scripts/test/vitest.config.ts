// Vitest runs two projects:
// - unit: `*.test.ts` beside the code, no database.
// - integration: `*.integration.test.ts` against a real PostgreSQL server. globalSetup provides a
//   migrated template database; every test file gets its own copy (CREATE DATABASE … TEMPLATE), so
//   files run in parallel without sharing rows and nothing needs truncating.
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "../..");
const alias = { "@": root };

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    allowOnly: false,
    passWithNoTests: false,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          root,
          include: ["{lib,app,emails,scripts}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.integration.test.ts", "**/node_modules/**"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          root,
          include: ["{lib,app,emails,scripts}/**/*.integration.test.{ts,tsx}"],
          exclude: ["**/node_modules/**"],
          environment: "node",
          globalSetup: [path.join(root, "scripts/test/integration-global-setup.ts")],
          setupFiles: [path.join(root, "scripts/test/integration-setup.ts")],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
