// The zero-setup database: a real PostgreSQL server (the binaries `npm install` brings, see
// postgres-binaries.ts) with its cluster in .data/postgres, listening on a loopback port. The app,
// the migration runner and the seed reach it through an ordinary connection string, exactly as they
// would an external server, with any number of concurrent connections.
//
// `npm start` owns the server: it starts it (creating the cluster the first time), and stops it
// with a clean shutdown when it exits. A server left running by a start that was killed is stopped
// and started again by the next one.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import pg from "pg";
import { acquireInstanceLock } from "./instance-lock";
import { freePort } from "./pg-cluster";
import { binariesFor, serverUser } from "./postgres-binaries";
import { clusterExists, initCluster, runningServerPid, startServer, stopServer, type ServerLocation } from "./postgres-server";

/** Fixed so that a restarted app keeps its URL; any free port when something else holds it. */
export const PREFERRED_PORT = 54329;
export const DATABASE_NAME = "countinghouse";
/** Loopback only; the password is documented (README) because the URL is for the ledger CLIs too. */
const PASSWORD = "postgres";
/** A personal sandbox: PostgreSQL's defaults (durable commits, 100 connections) minus some idle WAL. */
const SETTINGS: Record<string, string> = { min_wal_size: "32MB", max_wal_size: "256MB" };

export interface EmbeddedPostgres {
  url: string;
  port: number;
  dataDir: string;
  stop: () => Promise<void>;
}

export class LegacyDataError extends Error {
  override name = "LegacyDataError";
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

/** Versions before this one kept the database in .data/pglite (PGlite); its files cannot be read by a server. */
function refuseOldPglite(dataRoot: string): void {
  const old = path.join(dataRoot, "pglite");
  if (!existsSync(old)) return;
  throw new LegacyDataError(
    `Found ${old}: the database of an earlier Countinghouse, which ran PGlite. The default database is now a real ` +
      `PostgreSQL server in ${path.join(dataRoot, "postgres")}, and it cannot read PGlite's files.\n` +
      `To start over with fresh demo data, delete the old folder:  rm -rf ${old}\n` +
      `(or keep it elsewhere: mv ${old} <somewhere outside .data>). Nothing was changed.`,
  );
}

function serverMajor(location: ServerLocation): number {
  const out = execFileSync(path.join(location.bin.binDir, "postgres"), ["--version"], { encoding: "utf8" });
  return Number(/(\d+)(?:\.\d+)?/.exec(out)?.[1]);
}

/** A cluster is readable only by the major version that wrote it. */
function checkClusterVersion(location: ServerLocation): void {
  const major = Number(readFileSync(path.join(location.dataDir, "PG_VERSION"), "utf8").trim());
  const binaryMajor = serverMajor(location);
  if (major !== binaryMajor) {
    throw new LegacyDataError(
      `${location.dataDir} was created by PostgreSQL ${major}, but this install runs PostgreSQL ${binaryMajor} (${location.bin.source}). ` +
        `Delete it to start over (rm -rf ${location.dataDir}), or set PG_BIN_DIR to PostgreSQL ${major}'s binaries to keep using it.`,
    );
  }
}

async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres(options: { dataRoot: string; log?: (line: string) => void }): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const dataDir = path.join(options.dataRoot, "postgres");
  // Taken before anything touches the directory: a second start must not stop or start the server.
  const lock = acquireInstanceLock(options.dataRoot, dataDir);
  let location: ServerLocation | undefined;
  let started = false;
  try {
    refuseOldPglite(options.dataRoot);
    const user = serverUser();
    location = { bin: binariesFor(user), user, dataDir };
    if (clusterExists(dataDir)) {
      checkClusterVersion(location);
    } else {
      log(`Creating the PostgreSQL cluster in ${dataDir} (${location.bin.source})`);
      initCluster(location, { password: PASSWORD, sync: true });
    }
    const orphan = runningServerPid(dataDir);
    if (orphan !== undefined) {
      // Our instance lock was free, so no Countinghouse owns this server: a killed start left it.
      log(`Stopping the PostgreSQL server an earlier start left running (pid ${orphan})`);
      stopServer(location, "fast");
    }
    const logFile = path.join(dataDir, "server.log");
    let port = (await portIsFree(PREFERRED_PORT)) ? PREFERRED_PORT : await freePort();
    try {
      startServer(location, { port, logFile, settings: SETTINGS });
    } catch (error) {
      // Another program took the port between the probe and the bind: once more on any free port.
      if (!/already in use/i.test((error as Error).message)) throw error;
      port = await freePort();
      startServer(location, { port, logFile, settings: SETTINGS });
    }
    started = true;
    const base = `postgresql://postgres:${PASSWORD}@127.0.0.1:${port}`;
    await ensureDatabase(`${base}/postgres`, DATABASE_NAME);
    log(`PostgreSQL ${serverMajor(location)} on 127.0.0.1:${port}, data in ${dataDir}`);
    let stopped = false;
    const running = location;
    return {
      url: `${base}/${DATABASE_NAME}`,
      port,
      dataDir,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        try {
          stopServer(running, "fast");
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    try {
      if (started && location) stopServer(location, "fast");
    } finally {
      lock.release();
    }
    throw error;
  }
}
