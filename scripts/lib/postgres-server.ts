// A PostgreSQL server's life cycle with initdb and pg_ctl: create a cluster, start it on a loopback
// port, stop it. Shared by the zero-setup default database (scripts/lib/embedded-postgres.ts) and
// the throwaway clusters of tests and benchmarks (scripts/lib/pg-cluster.ts).
//
// pg_ctl starts the server in its own session, so a Ctrl-C in the terminal reaches `npm start`
// (which then stops the server with a clean "fast" shutdown) and never the server directly.
import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PostgresSetupError, reachableBy, type PgBinaries, type ServerUser } from "./postgres-binaries";

export interface ServerLocation {
  bin: PgBinaries;
  /** Who runs the server (as root: `postgres`); undefined = this process's user. */
  user: ServerUser | undefined;
  dataDir: string;
}

function run(location: ServerLocation, command: string, args: string[]): string {
  const { bin, user } = location;
  try {
    return execFileSync(path.join(bin.binDir, command), args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      // Messages in English whatever the machine's locale; the server's own locale is set by initdb.
      env: { ...process.env, LC_ALL: "C", LANG: "C" },
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
  } catch (error) {
    const { stderr, stdout, message } = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${command} failed: ${(stderr || stdout || message).trim()}`);
  }
}

/** Creates the directory for `user` (PostgreSQL wants it 0700 and its own). */
function makeOwnedDir(dir: string, user: ServerUser | undefined): void {
  mkdirSync(dir, { recursive: true });
  if (user) chownSync(dir, user.uid, user.gid);
  chmodSync(dir, 0o700);
}

export function clusterExists(dataDir: string): boolean {
  return existsSync(path.join(dataDir, "PG_VERSION"));
}

/**
 * initdb: UTF-8, C locale (the same sort order on every machine), superuser `postgres`. With a
 * password, TCP logins need it (SCRAM); without, loopback logins are trusted.
 */
export function initCluster(location: ServerLocation, options: { password?: string; sync: boolean }): void {
  const { dataDir, user } = location;
  makeOwnedDir(dataDir, user);
  if (user && !reachableBy(dataDir, user)) {
    throw new PostgresSetupError(
      `PostgreSQL refuses to run as root, so it runs as the \`${user.name}\` OS user, which cannot reach ${dataDir} ` +
        "(a parent directory is private). Put the project where other users can enter it, run it as a normal user, or set DATABASE_URL.",
    );
  }
  const args = ["-D", dataDir, "-U", "postgres", "-E", "UTF8", "--locale=C"];
  if (!options.sync) args.push("--no-sync");
  let pwDir: string | undefined;
  try {
    if (options.password) {
      pwDir = mkdtempSync(path.join(tmpdir(), "countinghouse-pw-"));
      const pwFile = path.join(pwDir, "pw");
      writeFileSync(pwFile, `${options.password}\n`, { mode: 0o600 });
      if (user) {
        chownSync(pwDir, user.uid, user.gid);
        chownSync(pwFile, user.uid, user.gid);
      }
      args.push("-A", "scram-sha-256", `--pwfile=${pwFile}`);
    } else {
      args.push("-A", "trust");
    }
    run(location, "initdb", args);
  } finally {
    if (pwDir) rmSync(pwDir, { recursive: true, force: true });
  }
}

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

export function logTail(logFile: string, lines = 15): string {
  try {
    return readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no server log)";
  }
}

/** Starts the server and waits (≤ 60 s) until it accepts connections. */
export function startServer(location: ServerLocation, options: { port: number; logFile: string; settings: Record<string, string> }): void {
  const settings: Record<string, string> = {
    listen_addresses: "127.0.0.1",
    // No Unix socket: its default directory may not exist, and long paths exceed the socket limit.
    unix_socket_directories: "",
    ...options.settings,
  };
  const serverArgs = [`-p ${options.port}`, ...Object.entries(settings).map(([k, v]) => `-c ${shellQuote(`${k}=${v}`)}`)].join(" ");
  try {
    run(location, "pg_ctl", ["-D", location.dataDir, "-l", options.logFile, "-o", serverArgs, "-w", "-t", "60", "start"]);
  } catch (error) {
    throw new Error(`${(error as Error).message}\nServer log (${options.logFile}):\n${logTail(options.logFile)}`);
  }
}

/** "fast": sessions are disconnected, then a clean shutdown checkpoint. "immediate": no checkpoint. */
export function stopServer(location: ServerLocation, mode: "fast" | "immediate" = "fast"): void {
  run(location, "pg_ctl", ["-D", location.dataDir, "-m", mode, "-w", "-t", "60", "stop"]);
}

/** The postmaster's pid when a server is running on this data directory. */
export function runningServerPid(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number.parseInt(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0] ?? "", 10);
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : undefined;
  }
}
