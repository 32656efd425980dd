// The default database's life cycle, as `npm start` lives it: the cluster is created once in
// .data/postgres and keeps its data across clean stops; a second start on the same data is refused
// while the first runs (and allowed after a crash left a stale lock); a server left running by a
// killed start is stopped and started again; data from the PGlite era is refused with instructions.
// (Concurrency under load: default-database-load.integration.test.ts.)
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { LegacyDataError, startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { AlreadyRunningError, acquireInstanceLock } from "./instance-lock";
import { logTail, runningServerPid } from "./postgres-server";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), "countinghouse-embedded-"));
  // Like a project folder (mkdtemp makes 0700): as root the server's `postgres` user must enter it.
  chmodSync(root, 0o755);
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  return root;
}

async function start(dataRoot: string): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedPostgres({ dataRoot });
  cleanups.push(() => server.stop().catch(() => undefined));
  return server;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("the default database (a PostgreSQL server in .data/postgres)", () => {
  it("is a real PostgreSQL server whose data survives a clean stop and a restart", async () => {
    const dataRoot = tempRoot();
    const first = await start(dataRoot);
    expect(first.dataDir).toBe(path.join(dataRoot, "postgres"));
    expect(first.url).toMatch(/^postgresql:\/\/postgres:postgres@127\.0\.0\.1:\d+\/countinghouse$/);
    const [{ version }] = await query<{ version: string }>(first.url, "SELECT current_setting('server_version_num') AS version");
    expect(Number(version)).toBeGreaterThanOrEqual(180000);
    await query(first.url, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (42)");
    await first.stop();
    expect(runningServerPid(first.dataDir)).toBeUndefined();
    expect(logTail(path.join(first.dataDir, "server.log"), 3)).toMatch(/database system is shut down/);
    expect(existsSync(path.join(dataRoot, "countinghouse.lock"))).toBe(false);

    const second = await start(dataRoot);
    expect(await query<{ n: number }>(second.url, "SELECT n FROM kept")).toEqual([{ n: 42 }]);
  });

  it("refuses a second start while another live process holds the data directory, touching nothing", async () => {
    const dataRoot = tempRoot();
    // The parent process (vitest's) is alive and is not us: exactly a running first instance.
    writeFileSync(path.join(dataRoot, "countinghouse.lock"), `${process.ppid}\n`);
    const second = startEmbeddedPostgres({ dataRoot });
    await expect(second).rejects.toBeInstanceOf(AlreadyRunningError);
    await expect(second).rejects.toThrow(`Countinghouse is already running (pid ${process.ppid}) with data in ${path.join(dataRoot, "postgres")}`);
    expect(existsSync(path.join(dataRoot, "postgres"))).toBe(false);
  });

  it("reclaims a stale lock left by a crashed process", () => {
    const dataRoot = tempRoot();
    // No process has pid 2^22 + 1 on Linux (pid_max is at most 2^22).
    writeFileSync(path.join(dataRoot, "countinghouse.lock"), "4194305\n");
    const lock = acquireInstanceLock(dataRoot, dataRoot);
    lock.release();
  });

  it("stops and restarts a server that a killed start left running, keeping its data", async () => {
    const dataRoot = tempRoot();
    const crashed = await start(dataRoot);
    await query(crashed.url, "CREATE TABLE kept (n int); INSERT INTO kept VALUES (7)");
    const orphanPid = runningServerPid(crashed.dataDir);
    expect(orphanPid).toBeDefined();
    // The lock names this very process, which reads as "left by an earlier run": as after kill -9.
    const lines: string[] = [];
    const next = await startEmbeddedPostgres({ dataRoot, log: (line) => lines.push(line) });
    cleanups.push(() => next.stop());
    expect(lines).toContain(`Stopping the PostgreSQL server an earlier start left running (pid ${orphanPid})`);
    expect(runningServerPid(next.dataDir)).not.toBe(orphanPid);
    expect(await query<{ n: number }>(next.url, "SELECT n FROM kept")).toEqual([{ n: 7 }]);
  });

  it("refuses the PGlite data of earlier versions and says what to do, changing nothing", async () => {
    const dataRoot = tempRoot();
    mkdirSync(path.join(dataRoot, "pglite"));
    const attempt = startEmbeddedPostgres({ dataRoot });
    await expect(attempt).rejects.toBeInstanceOf(LegacyDataError);
    await expect(attempt).rejects.toThrow(`rm -rf ${path.join(dataRoot, "pglite")}`);
    expect(existsSync(path.join(dataRoot, "postgres"))).toBe(false);
    expect(existsSync(path.join(dataRoot, "countinghouse.lock"))).toBe(false);
  });
});
