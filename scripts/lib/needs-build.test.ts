import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { buildStaleness } from "./needs-build";

const root = mkdtempSync(path.join(tmpdir(), "ch-build-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const at = (file: string, seconds: number) => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, "x");
  utimesSync(file, seconds, seconds);
};

it("builds when there is no build, not when sources are older, and again when one changes", () => {
  at(path.join(root, "app", "page.tsx"), 1_000);
  utimesSync(path.join(root, "app"), 1_000, 1_000);
  expect(buildStaleness(root)).toEqual({ stale: true, reason: "no production build yet" });

  at(path.join(root, ".next", "BUILD_ID"), 2_000);
  expect(buildStaleness(root).stale).toBe(false);

  at(path.join(root, "app", "page.test.tsx"), 3_000); // tests are not build inputs
  utimesSync(path.join(root, "app"), 1_000, 1_000);
  expect(buildStaleness(root).stale).toBe(false);

  at(path.join(root, "lib", "x.ts"), 3_000);
  expect(buildStaleness(root)).toEqual({ stale: true, reason: "lib changed since the last build" });
});
