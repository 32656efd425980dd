// Where the benchmark runs: a throwaway cluster with PostgreSQL's default durability, or a local
// server named by BENCH_DATABASE_URL. Either way a fresh, migrated database of its own.
import pg from "pg";
import { migrate } from "../lib/db/migrate";
import { startPgCluster, type PgCluster } from "../scripts/lib/pg-cluster";
import { assertLocalDatabase, withDatabase } from "../scripts/test/database-urls";

/**
 * startPgCluster turns fsync off for fast tests; a benchmark must pay for durable commits like
 * production does, so these restore PostgreSQL's defaults explicitly. pg_stat_statements only
 * counts statements (round trips per transfer) for the profile; it is loaded for every variant alike.
 */
export const DURABLE_SETTINGS: Record<string, string> = {
  fsync: "on",
  synchronous_commit: "on",
  full_page_writes: "on",
  wal_sync_method: "fdatasync",
  shared_preload_libraries: "pg_stat_statements",
};

export interface BenchDatabase {
  url: string;
  name: string;
  host: string;
  port: number;
  /** "throwaway cluster (…)" or "BENCH_DATABASE_URL (…)", for the report header. */
  description: string;
  hasStatements: boolean;
  /** A copy of the database as it is now (nobody may be connected to it); dropped on close. */
  snapshot: (suffix: string) => Promise<string>;
  close: () => Promise<void>;
}

export async function openBenchDatabase(options: { serverUrl?: string; keep: boolean; log: (line: string) => void }): Promise<BenchDatabase> {
  let cluster: PgCluster | undefined;
  let serverUrl = options.serverUrl;
  if (serverUrl) {
    assertLocalDatabase(serverUrl);
  } else {
    cluster = await startPgCluster({ log: options.log, settings: DURABLE_SETTINGS });
    serverUrl = cluster.url("postgres");
  }
  const server: string = serverUrl;
  const name = `ch_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } catch (error) {
    await admin.end();
    cluster?.stop();
    throw error;
  }
  const url = withDatabase(serverUrl, name);
  await migrate({ connectionString: url });
  const hasStatements = await tryCreateStatementsExtension(url);
  const { rows } = await admin.query<{ settings: string }>(
    `SELECT string_agg(name || '=' || setting, ', ' ORDER BY name) AS settings FROM pg_settings
      WHERE name IN ('fsync', 'synchronous_commit', 'full_page_writes', 'wal_sync_method', 'shared_buffers', 'max_connections')`,
  );
  const parsed = new URL(url);
  const copies: string[] = [];
  return {
    url,
    name,
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    hasStatements,
    description: `${cluster ? `throwaway cluster on port ${cluster.port}` : "BENCH_DATABASE_URL"}; ${rows[0]?.settings ?? ""}`,
    snapshot: async (suffix) => {
      const copy = `${name}_${suffix}`;
      await admin.query(`CREATE DATABASE "${copy}" TEMPLATE "${name}"`);
      copies.push(copy);
      return withDatabase(server, copy);
    },
    close: async () => {
      try {
        if (!options.keep) for (const db of [name, ...copies]) await admin.query(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
        else options.log(`kept database ${url}`);
      } finally {
        await admin.end();
        if (!options.keep) cluster?.stop();
      }
    },
  };
}

async function tryCreateStatementsExtension(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    await client.query("SELECT pg_stat_statements_reset()");
    return true;
  } catch {
    return false;
  } finally {
    await client.end();
  }
}
