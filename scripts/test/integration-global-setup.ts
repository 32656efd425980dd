// Once per integration run: find or start a PostgreSQL server and build a migrated template database.
// DATABASE_URL_TEST (any database on the server, e.g. postgresql://postgres@127.0.0.1:5432/postgres)
// names an existing server; without it a throwaway cluster is started and removed afterwards.
import type { TestProject } from "vitest/node";
import pg from "pg";
import { migrate } from "../../lib/db/migrate";
import { startPgCluster, type PgCluster } from "../lib/pg-cluster";
import { assertLocalDatabase, withDatabase } from "./database-urls";

declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplateDb: string;
  }
}

export default async function setup(project: TestProject) {
  let cluster: PgCluster | undefined;
  let serverUrl = process.env.DATABASE_URL_TEST;
  if (!serverUrl) {
    cluster = await startPgCluster({ log: (line) => console.log(`[integration] ${line}`) });
    serverUrl = cluster.url("postgres");
  }
  assertLocalDatabase(serverUrl);
  const templateDb = `ch_template_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${templateDb}"`);
  await migrate({ connectionString: withDatabase(serverUrl, templateDb) });
  project.provide("pgServerUrl", serverUrl);
  project.provide("pgTemplateDb", templateDb);

  return async () => {
    try {
      // Test files drop their own copies; drop leftovers of crashed files too.
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
        [templateDb, `${templateDb}_f%`],
      );
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    } finally {
      await admin.end();
      cluster?.stop();
    }
  };
}
