// One Countinghouse per data directory. The running `npm start` owns the PostgreSQL server on it; a
// second start would stop, restart or re-create that server under the first. The lock file holds
// the owner's pid; a lock whose pid is no longer alive (a crash, kill -9) is stale and reclaimed.
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import path from "node:path";

export class AlreadyRunningError extends Error {
  override name = "AlreadyRunningError";
  constructor(
    readonly pid: number,
    readonly dataDir: string,
  ) {
    super(`Countinghouse is already running (pid ${pid}) with data in ${dataDir}. Stop it first, or set DATABASE_URL to use another PostgreSQL.`);
  }
}

export interface InstanceLock {
  path: string;
  release: () => void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else; still alive.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function readPid(lockPath: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(lockPath, "utf8").trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock or throws AlreadyRunningError. `O_EXCL` creation makes the check-and-take atomic
 * between two starts racing each other; only a stale lock is ever removed.
 */
export function acquireInstanceLock(dataRoot: string, protectedDir: string): InstanceLock {
  mkdirSync(dataRoot, { recursive: true });
  const lockPath = path.join(dataRoot, "countinghouse.lock");
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(lockPath, "wx", 0o644);
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return {
        path: lockPath,
        release: () => {
          if (released) return;
          released = true;
          if (readPid(lockPath) === process.pid) rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = readPid(lockPath);
      if (pid !== null && pid !== process.pid && isAlive(pid)) throw new AlreadyRunningError(pid, protectedDir);
      // Stale (owner gone) or unreadable half-written file from a crash: reclaim it.
      rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not take ${lockPath}; another start keeps racing for it.`);
}
