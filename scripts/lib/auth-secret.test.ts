import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { ensureAuthSecret } from "./auth-secret";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ch-secret-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

it("generates a secret once, owner-only, and returns the same one afterwards", () => {
  const dir = tempDir();
  const first = ensureAuthSecret(dir);
  expect(first.created).toBe(true);
  expect(first.secret.length).toBeGreaterThanOrEqual(32);
  expect(statSync(first.file).mode & 0o777).toBe(0o600);
  const second = ensureAuthSecret(dir);
  expect(second).toEqual({ ...first, created: false });
});

it("replaces a truncated secret file instead of using it", () => {
  const dir = tempDir();
  writeFileSync(path.join(dir, "auth-secret"), "short\n", { mode: 0o644 });
  const result = ensureAuthSecret(dir);
  expect(result.created).toBe(true);
  expect(result.secret).not.toBe("short");
  expect(statSync(result.file).mode & 0o777).toBe(0o600);
});
