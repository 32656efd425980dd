// A throwaway PostgreSQL cluster for tests and benchmarks on machines that have no server to point
// at: the same npm-shipped binaries as the default database (or PG_BIN_DIR), loopback only, trust
// auth, a free port, removed on stop. As root it runs as the `postgres` OS user.
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { binariesFor, serverUser } from "./postgres-binaries";
import { initCluster, startServer, stopServer, type ServerLocation } from "./postgres-server";

export interface PgCluster {
  url: (database: string) => string;
  port: number;
  stop: () => void;
  /** `pg_ctl stop -m fast` then start again on the same port and data (the bank test's fault). */
  restart: () => void;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function startPgCluster(options: { log?: (line: string) => void; settings?: Record<string, string> } = {}): Promise<PgCluster> {
  const user = serverUser();
  const bin = binariesFor(user);
  const dir = mkdtempSync(path.join(tmpdir(), "countinghouse-pg-"));
  if (user) chownSync(dir, user.uid, user.gid);
  const location: ServerLocation = { bin, user, dataDir: path.join(dir, "data") };
  let started = false;
  try {
    initCluster(location, { sync: false });
    const port = await freePort();
    const serverOptions = {
      port,
      logFile: path.join(dir, "log"),
      settings: { max_connections: "200", fsync: "off", ...options.settings },
    };
    startServer(location, serverOptions);
    started = true;
    options.log?.(`throwaway PostgreSQL cluster on 127.0.0.1:${port} (${location.dataDir}; ${bin.source})`);
    let stopped = false;
    return {
      port,
      url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
      restart: () => {
        stopServer(location, "fast");
        startServer(location, serverOptions);
      },
      stop: () => {
        if (stopped) return;
        stopped = true;
        try {
          stopServer(location, "immediate");
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    if (!started) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
