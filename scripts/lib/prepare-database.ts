// The database half of `npm start` / `npm run dev`: DATABASE_URL, or the default PostgreSQL server
// in .data/postgres started here; pending migrations applied; the demo data seeded when
// demoSeedDecision says so. The load test of the default database calls exactly this.
import pg from "pg";
import { migrate } from "../../lib/db/migrate";
import { DEMO_ALICE } from "../../lib/seed/demo-users";
import { databaseIsEmpty } from "./database-is-empty";
import { demoSeedDecision } from "./demo-seed-decision";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";

export interface PreparedDatabase {
  url: string;
  /** The default server when this call started it; the caller stops it on exit. */
  embedded?: EmbeddedPostgres;
  /** Whether the demo users exist, i.e. whether the start banner may offer their passwords. */
  demoUsers: boolean;
}

async function demoUsersPresent(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query(`SELECT 1 FROM "users" WHERE "email" = $1`, [DEMO_ALICE.email]);
    return (rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

export async function prepareDatabase(options: {
  env: NodeJS.ProcessEnv;
  dataRoot: string;
  log: (line: string) => void;
  onServerStarted?: (server: EmbeddedPostgres) => void;
}): Promise<PreparedDatabase> {
  const { env, log } = options;
  // Checked before anything starts: a typo in the flag must not cost a server start.
  demoSeedDecision({ defaultDatabase: !env.DATABASE_URL, empty: true, seedDemo: env.SEED_DEMO });
  let embedded: EmbeddedPostgres | undefined;
  let url = env.DATABASE_URL;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataRoot: options.dataRoot, log });
    options.onServerStarted?.(embedded);
    url = embedded.url;
  } else {
    log(`Using DATABASE_URL (${new URL(url).host})`);
  }
  try {
    const { applied, latest } = await migrate({ connectionString: url, log });
    log(applied.length ? `Applied ${applied.length} migration(s); schema at ${latest}` : `Schema up to date (${latest})`);

    const decision = demoSeedDecision({ defaultDatabase: embedded !== undefined, empty: await databaseIsEmpty(url), seedDemo: env.SEED_DEMO });
    if (decision.note) log(decision.note);
    if (decision.seed) {
      // The seed runs in this process through lib/db/client, which reads DATABASE_URL.
      process.env.DATABASE_URL = url;
      const { seedWithProgress } = await import("./seed-with-progress");
      await seedWithProgress();
    }
    return { url, embedded, demoUsers: await demoUsersPresent(url) };
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}
