// `npm start` builds only when the production build is missing or older than what it was built
// from, so a restart takes seconds and an edited file is never served stale.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/** What `next build` reads. Tests and the data directory are deliberately not among them. */
export const BUILD_INPUTS = ["app", "lib", "emails", "prisma", "public", "package.json", "next.config.ts", "tsconfig.json"];

function isTestFile(name: string): boolean {
  return /\.(test|spec)\.[cm]?[jt]sx?$/.test(name);
}

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file shows up as a newer directory mtime
  for (const entry of readdirSync(target, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".") || isTestFile(entry.name)) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

export function buildStaleness(root: string): { stale: boolean; reason: string } {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return { stale: true, reason: "no production build yet" };
  const builtAt = statSync(buildId).mtimeMs;
  for (const input of BUILD_INPUTS) {
    if (newestMtime(path.join(root, input)) > builtAt) return { stale: true, reason: `${input} changed since the last build` };
  }
  return { stale: false, reason: "build is up to date" };
}
