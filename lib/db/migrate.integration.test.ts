import { mkdtempSync, cpSync, writeFileSync, appendFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it, inject } from "vitest";
import { DEFAULT_MIGRATIONS_DIR, migrate, MigrationError } from "./migrate";
import { withDatabase } from "../../scripts/test/database-urls";

const serverUrl = inject("pgServerUrl");

async function freshDatabase(): Promise<string> {
  const name = `${inject("pgTemplateDb")}_fm${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return withDatabase(serverUrl, name);
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

function copyOfMigrations(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ch-migrations-"));
  cpSync(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

describe("migration runner", () => {
  it("applies every migration once, with Prisma's bookkeeping, and is idempotent", async () => {
    const url = await freshDatabase();
    const first = await migrate({ connectionString: url });
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.alreadyApplied).toBe(0);

    const rows = await query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(first.applied);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
    const tables = await query<{ table_name: string }>(url, `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`);
    expect(tables.map((t) => t.table_name)).toEqual(expect.arrayContaining(["accounts", "balances", "ledger_entries"]));

    const second = await migrate({ connectionString: url });
    expect(second.applied).toEqual([]);
    expect(second.alreadyApplied).toBe(first.applied.length);
    const count = await query<{ n: string }>(url, `SELECT count(*)::text AS n FROM "_prisma_migrations"`);
    expect(Number(count[0]!.n)).toBe(first.applied.length);
  });

  it("refuses to run when an applied migration file was changed", async () => {
    const url = await freshDatabase();
    const dir = copyOfMigrations();
    await migrate({ connectionString: url, migrationsDir: dir });
    const [firstMigration] = (await import("node:fs")).readdirSync(dir).filter((n) => !n.endsWith(".toml")).sort();
    appendFileSync(path.join(dir, firstMigration!, "migration.sql"), "\n-- edited later\n");
    await expect(migrate({ connectionString: url, migrationsDir: dir })).rejects.toThrow(MigrationError);
    await expect(migrate({ connectionString: url, migrationsDir: dir })).rejects.toThrow(/was changed after it was applied/);
  });

  it("applies a new migration and rolls back a failing one completely", async () => {
    const url = await freshDatabase();
    const dir = copyOfMigrations();
    await migrate({ connectionString: url, migrationsDir: dir });
    mkdirSync(path.join(dir, "29990101000000_add_notes"));
    writeFileSync(path.join(dir, "29990101000000_add_notes", "migration.sql"), `CREATE TABLE "notes" ("id" INT PRIMARY KEY);`);
    expect((await migrate({ connectionString: url, migrationsDir: dir })).applied).toEqual(["29990101000000_add_notes"]);

    mkdirSync(path.join(dir, "29990102000000_broken"));
    writeFileSync(path.join(dir, "29990102000000_broken", "migration.sql"), `CREATE TABLE "half" ("id" INT); SELECT * FROM no_such_table;`);
    await expect(migrate({ connectionString: url, migrationsDir: dir })).rejects.toThrow(/29990102000000_broken failed/);
    const half = await query(url, `SELECT 1 FROM information_schema.tables WHERE table_name = 'half'`);
    expect(half).toEqual([]);
    const bookkeeping = await query(url, `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29990102000000_broken'`);
    expect(bookkeeping).toEqual([]);
  });

  it("serializes concurrent runners with an advisory lock: each migration is applied exactly once", async () => {
    const url = await freshDatabase();
    const results = await Promise.all([1, 2, 3, 4].map(() => migrate({ connectionString: url })));
    const appliedCounts = results.map((r) => r.applied.length).sort();
    const total = results[0]!.applied.length + results[0]!.alreadyApplied;
    // Exactly one runner applied everything; the others waited for the lock and found nothing to do.
    expect(appliedCounts).toEqual([0, 0, 0, total]);
    const rows = await query<{ n: string }>(url, `SELECT count(*)::text AS n FROM "_prisma_migrations"`);
    expect(Number(rows[0]!.n)).toBe(total);
  });
});
