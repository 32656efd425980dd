// The zero-setup database: PGlite (PostgreSQL compiled to WebAssembly) persisted in .data/pglite and
// served on a loopback port by pglite-socket, so the app, the migration runner and the seed talk to
// it through an ordinary connection string exactly as they would to a real server.
//
// PGlite executes one query at a time; pglite-socket queues queries from many connections (and
// keeps a connection's transaction together), so a pool of ~10 works, just without parallelism.
// Concurrency tests therefore run against the real PostgreSQL server, never this one.
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { acquireInstanceLock } from "./instance-lock";
import { freePort } from "./pg-cluster";

/** Fixed so that a restarted app keeps its URL; any free port when something else holds it. */
export const PREFERRED_PORT = 54329;
/** Pool size (DATABASE_POOL_SIZE, default 10) plus the migration runner, seed and a psql session. */
const MAX_CONNECTIONS = 40;

export interface EmbeddedPostgres {
  url: string;
  port: number;
  dataDir: string;
  stop: () => Promise<void>;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}

export async function startEmbeddedPostgres(options: { dataRoot: string; log?: (line: string) => void }): Promise<EmbeddedPostgres> {
  const dataDir = path.join(options.dataRoot, "pglite");
  // Taken before PGlite touches the directory: a second start must not even open it.
  const lock = acquireInstanceLock(options.dataRoot, dataDir);
  try {
    mkdirSync(dataDir, { recursive: true });
    const pglite = await PGlite.create({ dataDir });
    const port = (await portIsFree(PREFERRED_PORT)) ? PREFERRED_PORT : await freePort();
    const server = new PGLiteSocketServer({ db: pglite, host: "127.0.0.1", port, maxConnections: MAX_CONNECTIONS });
    await server.start();
    options.log?.(`Embedded PostgreSQL (PGlite) on 127.0.0.1:${port}, data in ${dataDir}`);
    let stopped = false;
    return {
      url: `postgresql://postgres:postgres@127.0.0.1:${port}/postgres?sslmode=disable`,
      port,
      dataDir,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        try {
          await server.stop();
          // close() checkpoints and flushes the WebAssembly file system to dataDir.
          await pglite.close();
        } finally {
          lock.release();
        }
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
