// `npm test`: prerequisites first (prerequisites.ts), then unit, integration and end-to-end against
// ONE PostgreSQL server (DATABASE_URL_TEST, or a throwaway cluster of the npm-shipped PostgreSQL
// started here and removed at the end), then a short bank test with faults (scripts/bank/: its own
// cluster, because it restarts PostgreSQL mid-run; it reuses the e2e layer's production build). Every layer runs even when an
// earlier one failed, so one run shows everything; the exit code is non-zero if anything failed.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startPgCluster, type PgCluster } from "../lib/pg-cluster";
import { assertLocalDatabase } from "./database-urls";
import { runE2e } from "./e2e-session";
import { ensureTestPrerequisites, PrerequisiteError } from "./prerequisites";

interface LayerResult {
  layer: string;
  passed: number;
  failed: number;
  skipped: number;
  seconds: number;
  /** The runner itself failed (crash, setup error) even if no test was reported failing. */
  broken: boolean;
}

const root = path.resolve(import.meta.dirname, "../..");
const reports = mkdtempSync(path.join(tmpdir(), "countinghouse-test-"));

function runVitest(project: "unit" | "integration", env: NodeJS.ProcessEnv): Promise<LayerResult> {
  const started = performance.now();
  const report = path.join(reports, `${project}.json`);
  const cli = path.join(root, "node_modules", "vitest", "vitest.mjs");
  const args = ["run", "--config", "scripts/test/vitest.config.ts", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`];
  const child = spawn(process.execPath, [cli, ...args], { cwd: root, env, stdio: "inherit" });
  return new Promise((resolve) =>
    child.once("exit", (code) => {
      const counts = { passed: 0, failed: 0, skipped: 0 };
      try {
        const json = JSON.parse(readFileSync(report, "utf8")) as Record<string, number>;
        counts.passed = json.numPassedTests ?? 0;
        counts.failed = json.numFailedTests ?? 0;
        counts.skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
      } catch {
        // no report: the run broke before reporting; `broken` below says so
      }
      resolve({ layer: project, ...counts, seconds: (performance.now() - started) / 1000, broken: code !== 0 && counts.failed === 0 });
    }),
  );
}

async function runE2eLayer(serverUrl: string): Promise<LayerResult> {
  const started = performance.now();
  const report = path.join(reports, "e2e.json");
  let code = 1;
  try {
    code = await runE2e({ serverUrl, jsonReport: report });
  } catch (error) {
    console.error(error);
  }
  const counts = { passed: 0, failed: 0, skipped: 0 };
  try {
    const stats = (JSON.parse(readFileSync(report, "utf8")) as { stats: Record<string, number> }).stats;
    counts.passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
    counts.failed = stats.unexpected ?? 0;
    counts.skipped = stats.skipped ?? 0;
  } catch {
    // Playwright never reported: setup (build, server start) failed
  }
  return { layer: "e2e", ...counts, seconds: (performance.now() - started) / 1000, broken: code !== 0 && counts.failed === 0 };
}

/** The bank test with faults (BANK_TEST_DURATION, default 20s): one "test", passed when it found no violation. */
function runBankLayer(env: NodeJS.ProcessEnv): Promise<LayerResult> {
  const started = performance.now();
  const report = path.join(reports, "bank.json");
  const cli = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const args = [cli, "scripts/bank/bank.ts", "--duration", process.env.BANK_TEST_DURATION ?? "20s", "--faults", "--json", report];
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: "inherit" });
  return new Promise((resolve) =>
    child.once("exit", (code) => {
      let reported = false;
      try {
        reported = Array.isArray((JSON.parse(readFileSync(report, "utf8")) as { violations?: unknown }).violations);
      } catch {
        // no report: the harness broke before checking
      }
      resolve({ layer: "bank", passed: code === 0 ? 1 : 0, failed: code !== 0 && reported ? 1 : 0, skipped: 0, seconds: (performance.now() - started) / 1000, broken: code !== 0 && !reported });
    }),
  );
}

function printSummary(results: LayerResult[], totalSeconds: number): void {
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log("\n── Test summary " + "─".repeat(50));
  console.log(`${"layer".padEnd(12)}${pad("passed", 8)}${pad("failed", 8)}${pad("skipped", 9)}${pad("time", 9)}`);
  for (const r of results) {
    const note = r.broken ? "  (runner failed before reporting; see output above)" : "";
    console.log(`${r.layer.padEnd(12)}${pad(r.passed, 8)}${pad(r.failed, 8)}${pad(r.skipped, 9)}${pad(`${r.seconds.toFixed(0)} s`, 9)}${note}`);
  }
  const ok = results.every((r) => r.failed === 0 && !r.broken);
  console.log(`${ok ? "PASSED" : "FAILED"} in ${totalSeconds.toFixed(0)} s`);
}

const startedAt = performance.now();
try {
  ensureTestPrerequisites({ needServerBinaries: !process.env.DATABASE_URL_TEST, log: (line) => console.log(`[test] ${line}`) });
} catch (error) {
  if (!(error instanceof PrerequisiteError)) throw error;
  console.error(`\n${error.message}\n`);
  process.exit(1);
}
let cluster: PgCluster | undefined;
// Ctrl-C must not leave a throwaway cluster running (children get the signal from the terminal too).
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    cluster?.stop();
    process.exit(130);
  });
}
const results: LayerResult[] = [];
try {
  let serverUrl = process.env.DATABASE_URL_TEST;
  if (!serverUrl) {
    cluster = await startPgCluster({ log: (line) => console.log(`[test] ${line}`) });
    serverUrl = cluster.url("postgres");
  }
  assertLocalDatabase(serverUrl);
  // The integration harness and the e2e session read the server from here: one cluster for all.
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL_TEST: serverUrl, NEXT_TELEMETRY_DISABLED: "1" };
  delete env.DATABASE_URL; // never let a developer's own database leak into tests
  delete process.env.DATABASE_URL;

  results.push(await runVitest("unit", env));
  results.push(await runVitest("integration", env));
  results.push(await runE2eLayer(serverUrl));
  results.push(await runBankLayer(env));
} catch (error) {
  console.error(error);
  results.push({ layer: "harness", passed: 0, failed: 0, skipped: 0, seconds: 0, broken: true });
} finally {
  cluster?.stop();
  rmSync(reports, { recursive: true, force: true });
}
printSummary(results, (performance.now() - startedAt) / 1000);
process.exit(results.every((r) => r.failed === 0 && !r.broken) ? 0 : 1);
