// The app under test: `next start` processes on their own ports, all serving the same build against
// the same database with the same AUTH_SECRET — stateless instances, so any of them can answer any
// request (a session cookie or an idempotency key issued by one is honoured by the other). Output
// goes to a log file per instance; the bank test's own output stays readable.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, type WriteStream } from "node:fs";
import path from "node:path";
import { freePort } from "../lib/pg-cluster";

export class AppInstance {
  private child: ChildProcess | undefined;
  private readonly log: WriteStream;
  readonly baseUrl: string;
  /** False from a kill until the restarted process answers its health check. */
  up = false;
  starts = 0;

  private constructor(
    readonly name: string,
    readonly port: number,
    private readonly root: string,
    private readonly env: NodeJS.ProcessEnv,
    logDir: string,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.log = createWriteStream(path.join(logDir, `${name}.log`), { flags: "a" });
  }

  static async create(name: string, root: string, env: NodeJS.ProcessEnv, logDir: string): Promise<AppInstance> {
    return new AppInstance(name, await freePort(), root, env, logDir);
  }

  /** Starts `next start` and waits until /api/health answers 200; returns the seconds it took. */
  async start(timeoutMs = 90_000): Promise<number> {
    const started = performance.now();
    const bin = path.join(this.root, "node_modules", "next", "dist", "bin", "next");
    const child = spawn(process.execPath, [bin, "start", "--port", String(this.port), "--hostname", "127.0.0.1"], {
      cwd: this.root,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.pipe(this.log, { end: false });
    child.stderr!.pipe(this.log, { end: false });
    this.child = child;
    this.starts++;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode} while starting (log: ${this.log.path})`);
      try {
        if ((await fetch(`${this.baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) })).ok) {
          this.up = true;
          return (performance.now() - started) / 1000;
        }
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`${this.name} did not become healthy within ${timeoutMs / 1000} s (log: ${this.log.path})`);
  }

  /** SIGKILL: no graceful shutdown, in-flight requests are cut off mid-way. */
  async kill(): Promise<void> {
    const child = this.child;
    this.up = false;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.up = false;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) await this.kill();
  }
}
