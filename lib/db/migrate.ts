// Applies prisma/migrations/*/migration.sql in order, keeping Prisma Migrate's own bookkeeping
// table (_prisma_migrations: SHA-256 checksum, started/finished timestamps) so `prisma migrate status`
// agrees wherever Prisma's native engine exists. `prisma migrate deploy` cannot run on machines
// without that engine; this runner is what `npm run db:migrate` and `npm start` use everywhere.
//
// Invariants:
// - One runner at a time per database: a session-level advisory lock serializes concurrent starts.
// - An applied migration is never re-run, and a migration file edited after it was applied is
//   refused (its checksum no longer matches) instead of silently diverging.
// - Each migration runs in its own transaction together with its bookkeeping row, so a failure
//   leaves no half-applied migration behind.
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/** Arbitrary constant shared by every runner: "ch-migr" in ASCII. */
export const MIGRATION_LOCK_KEY = 0x63682d6d696772n;

export class MigrationError extends Error {
  override name = "MigrationError";
}

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrateResult {
  applied: string[];
  alreadyApplied: number;
  latest: string | null;
}

export function checksumOf(sql: string | Buffer): string {
  return createHash("sha256").update(sql).digest("hex");
}

export async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(dir, name, "migration.sql"));
      return { name, sql: bytes.toString("utf8"), checksum: checksumOf(bytes) };
    }),
  );
}

const CREATE_BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum"            VARCHAR(64) NOT NULL,
  "finished_at"         TIMESTAMPTZ,
  "migration_name"      VARCHAR(255) NOT NULL,
  "logs"                TEXT,
  "rolled_back_at"      TIMESTAMPTZ,
  "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
}

export interface MigrateOptions {
  connectionString: string;
  migrationsDir?: string;
  log?: (line: string) => void;
}

export const DEFAULT_MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

export async function migrate({ connectionString, migrationsDir = DEFAULT_MIGRATIONS_DIR, log = () => {} }: MigrateOptions): Promise<MigrateResult> {
  const files = await readMigrations(migrationsDir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY.toString()]);
    try {
      await client.query(CREATE_BOOKKEEPING);
      const { rows } = await client.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations"
         WHERE rolled_back_at IS NULL ORDER BY started_at`,
      );
      const applied = new Map(rows.map((r) => [r.migration_name, r]));
      for (const row of rows) {
        if (!row.finished_at) {
          throw new MigrationError(
            `Migration ${row.migration_name} started but never finished. Inspect the database, then mark it rolled back ` +
              `(UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE migration_name = '${row.migration_name}') and retry.`,
          );
        }
      }
      for (const file of files) {
        const row = applied.get(file.name);
        if (row && row.checksum !== file.checksum) {
          throw new MigrationError(
            `Migration ${file.name} was changed after it was applied to this database ` +
              `(checksum ${row.checksum.slice(0, 12)}… recorded, ${file.checksum.slice(0, 12)}… on disk). ` +
              `Restore the original file and put the change in a new migration.`,
          );
        }
      }
      const pending = files.filter((f) => !applied.has(f.name));
      for (const file of pending) {
        log(`applying migration ${file.name}`);
        await applyOne(client, file);
      }
      return {
        applied: pending.map((f) => f.name),
        alreadyApplied: files.length - pending.length,
        latest: files.at(-1)?.name ?? null,
      };
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY.toString()]);
    }
  } finally {
    await client.end();
  }
}

async function applyOne(client: pg.Client, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query("BEGIN");
  try {
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
      [id, file.checksum, file.name],
    );
    await client.query(file.sql);
    await client.query(
      `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
      [id],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw new MigrationError(`Migration ${file.name} failed: ${(error as Error).message}`);
  }
}

/** The newest applied migration, for /api/health. */
export async function appliedVersion(query: (sql: string) => Promise<{ migration_name: string }[]>): Promise<string | null> {
  const rows = await query(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
     ORDER BY migration_name DESC LIMIT 1`,
  );
  return rows[0]?.migration_name ?? null;
}
