// The separate job worker (`npm run worker` = scripts/worker.ts; the app instances run with
// JOBS_IN_APP=0 and leave every job to it), started as its own process against the same database. It
// is a fault target like an app instance: faults.ts SIGKILLs it mid-run and restarts it, and the
// checker (check-jobs.ts) demands that scheduled jobs ran again after the last restart and that no
// job took effect twice for one cron slot.
//
// npm runs the script through a shell and tsx, which starts its own node: the worker is spawned as
// the leader of a new process group and a kill signals the whole group, so no orphaned worker
// keeps running jobs behind the test's back.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync, type WriteStream } from "node:fs";
import path from "node:path";

/** The package.json script that runs the job worker, if there is one. */
export function workerScript(root: string): string | undefined {
  const scripts = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
  return ["worker", "jobs:worker"].find((name) => scripts[name]);
}

/** What lib/jobs/worker.ts logs once its queues, schedules and handlers are set up. */
const READY_LINE = "worker started";

export class WorkerProcess {
  readonly name = "worker";
  private child: ChildProcess | undefined;
  private readonly log: WriteStream;
  /** False from a kill until the restarted worker says it is ready. */
  up = false;
  starts = 0;
  /** Wall-clock time the latest start became ready: jobs filed after it were scheduled by this process. */
  readyAt: Date | undefined;
  /** Why the latest start needed more than one attempt (empty when it came up at once). */
  failedStarts: string[] = [];

  constructor(
    private readonly root: string,
    private readonly script: string,
    private readonly env: NodeJS.ProcessEnv,
    logDir: string,
  ) {
    this.log = createWriteStream(path.join(logDir, "worker.log"), { flags: "a" });
  }

  /** The worker of this branch, or undefined when package.json has no worker script. */
  static create(root: string, env: NodeJS.ProcessEnv, logDir: string): WorkerProcess | undefined {
    const script = workerScript(root);
    return script ? new WorkerProcess(root, script, env, logDir) : undefined;
  }

  /**
   * Starts the worker and waits for its ready line; returns the seconds it took. Like a process
   * supervisor, starts it again when it exits before it is ready: scripts/worker.ts exits when the
   * database refuses connections during its start (it may be restarting); failedStarts says why.
   */
  async start(timeoutMs = 90_000): Promise<number> {
    const started = performance.now();
    this.failedStarts = [];
    for (;;) {
      const failure = await this.startOnce(started + timeoutMs - performance.now());
      if (!failure) break;
      this.failedStarts.push(failure);
      if (performance.now() - started > timeoutMs || this.failedStarts.length >= 10) {
        throw new Error(`the worker did not start (${this.failedStarts.join("; ")}; log: ${this.log.path})`);
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    this.up = true;
    this.readyAt = new Date();
    return (performance.now() - started) / 1000;
  }

  /** One start: undefined once ready, or why the process exited before. */
  private async startOnce(timeoutMs: number): Promise<string | undefined> {
    const child = spawn("npm", ["run", "--silent", this.script], { cwd: this.root, env: this.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    this.child = child;
    this.starts++;
    let errorLine = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      errorLine ||= /^\S*error\S*:? .*$/im.exec(chunk.toString())?.[0]?.slice(0, 160) ?? "";
    });
    const outcome = new Promise<string | undefined>((resolve) => {
      let seen = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        seen = (seen + chunk.toString()).slice(-4096);
        if (seen.includes(READY_LINE)) resolve(undefined);
      });
      child.once("exit", (code, signal) => resolve(`exited with ${signal ?? code} while starting${errorLine ? `: ${errorLine}` : ""}`));
    });
    child.stdout!.pipe(this.log, { end: false });
    child.stderr!.pipe(this.log, { end: false });
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        outcome,
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the worker was not ready within ${(timeoutMs / 1000).toFixed(0)} s (log: ${this.log.path})`)), Math.max(0, timeoutMs)))),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL to the whole process group: jobs in flight are cut off mid-way. */
  async kill(): Promise<void> {
    await this.signal("SIGKILL");
  }

  /** SIGTERM (the worker stops gracefully), SIGKILL after 10 s. */
  async stop(): Promise<void> {
    await Promise.race([this.signal("SIGTERM"), new Promise((r) => setTimeout(r, 10_000))]);
    await this.kill();
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    this.up = false;
    if (!child?.pid) return;
    // The group, even when its leader (npm) has exited already: the node running the worker may not have.
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid, signal);
    } catch {
      return; // nobody is left in the group
    }
    await exited;
  }
}
