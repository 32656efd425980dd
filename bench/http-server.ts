// The app under test for `npm run bench:http`: a production build (rebuilt when stale), served by
// `next start` on a free port against the bench database, with its CPU time read from /proc.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { buildStaleness } from "../scripts/lib/needs-build";
import { runNext, spawnNext } from "../scripts/lib/next-cli";
import { freePort } from "../scripts/lib/pg-cluster";

const root = path.resolve(import.meta.dirname, "..");

export async function ensureProductionBuild(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const { stale, reason } = buildStaleness(root);
  if (!stale && existsSync(path.join(root, ".next", "BUILD_ID"))) {
    log("production build is up to date");
    return;
  }
  log(`next build (${reason})…`);
  const started = performance.now();
  await runNext(root, ["build"], env);
  log(`built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

export interface AppServer {
  baseUrl: string;
  /** CPU time (user + system) of the server process and its children so far, in ms. */
  cpuMs: () => number;
  stop: () => Promise<void>;
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

function processTreeCpuMs(rootPid: number): number {
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may contain spaces) start after the last ")".
      const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  let ticks = 0;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop()!;
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const [child, s] of stats) if (s.ppid === pid) queue.push(child);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

async function waitForHealthy(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The app did not become healthy at ${baseUrl} within ${timeoutMs / 1000} s`);
}

export async function startAppServer(env: NodeJS.ProcessEnv): Promise<AppServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawnNext(root, ["start", "--port", String(port), "--hostname", "127.0.0.1"], env);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  try {
    await waitForHealthy(baseUrl, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, cpuMs: () => processTreeCpuMs(child.pid!), stop };
}
