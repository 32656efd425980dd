// `npm run db:migrate`: applies pending prisma/migrations to DATABASE_URL with the project's runner
// (Prisma's bookkeeping, advisory lock, refusal of edited migrations). `npm start` does the same.
import { MigrationError, migrate } from "../lib/db/migrate";

const connectionString = process.env.DATABASE_URL;
if (!connectionString) {
  console.error("DATABASE_URL is not set. `npm start` migrates the default database itself; set DATABASE_URL to migrate another server.");
  process.exit(1);
}
try {
  const result = await migrate({ connectionString, log: (line) => console.log(line) });
  console.log(
    result.applied.length === 0
      ? `Database is up to date (${result.alreadyApplied} migration(s), latest ${result.latest}).`
      : `Applied ${result.applied.length} migration(s); latest ${result.latest}.`,
  );
} catch (error) {
  console.error(error instanceof MigrationError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
