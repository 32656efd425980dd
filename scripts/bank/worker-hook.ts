// The separate job worker of issue 9 part 2. This branch has none; main gained `npm run worker`
// (scripts/worker.ts, with JOBS_IN_APP=0 telling the app instances to leave the jobs to it) while
// this was written. When package.json has a `worker` script (or `jobs:worker`), the bank test starts
// it as its own process against the same database and the app instances run with JOBS_IN_APP=0.
//
// TODO(checkout/market, after merging): let faults.ts SIGKILL and restart the worker like an app
// instance, and check after the run: every outbox email sent exactly once per invoice, scheduled
// jobs ran without double runs (issue 9 parts 3 and 6).
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import path from "node:path";

/** The package.json script that runs the job worker, if there is one. */
export function workerScript(root: string): string | undefined {
  const scripts = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
  return ["worker", "jobs:worker"].find((name) => scripts[name]);
}

export function startWorkerIfAny(root: string, env: NodeJS.ProcessEnv, logDir: string): ChildProcess | undefined {
  const script = workerScript(root);
  if (!script) return undefined;
  const log = createWriteStream(path.join(logDir, "worker.log"), { flags: "a" });
  const child = spawn("npm", ["run", "--silent", script], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return child;
}
