// The separate job worker of issue 9 part 2. There is none yet: outbox delivery (invoice emails)
// and scheduled jobs (idempotency cleanup) arrive with the checkout branch. When package.json gains
// a `jobs:worker` script, the bank test starts it as its own process against the same database and
// the fault injector may SIGKILL it like an app instance (see faults.ts).
//
// TODO(checkout): once the worker exists, also check here after the run: every outbox email sent
// exactly once per invoice, scheduled jobs ran without double runs (issue 9 parts 3 and 6).
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import path from "node:path";

export function startWorkerIfAny(root: string, env: NodeJS.ProcessEnv, logDir: string): ChildProcess | undefined {
  const scripts = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
  const command = scripts["jobs:worker"];
  if (!command) return undefined;
  const log = createWriteStream(path.join(logDir, "worker.log"), { flags: "a" });
  const child = spawn("npm", ["run", "--silent", "jobs:worker"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  return child;
}
