// Before each integration test file: a fresh database copied from the migrated template, exposed as
// DATABASE_URL so the app's one Prisma client (lib/db/client.ts) connects to it unchanged.
import { afterAll, inject } from "vitest";
import pg from "pg";
import { disconnectDb } from "../../lib/db/client";
import { withDatabase } from "./database-urls";

const serverUrl = inject("pgServerUrl");
const template = inject("pgTemplateDb");
const database = `${template}_f${Math.random().toString(36).slice(2, 10)}`;

const admin = new pg.Client({ connectionString: serverUrl });
await admin.connect();
await admin.query(`CREATE DATABASE "${database}" TEMPLATE "${template}"`);
await admin.end();

process.env.DATABASE_URL = withDatabase(serverUrl, database);
process.env.AUTH_SECRET ??= "integration-test-secret-integration-test-secret";

afterAll(async () => {
  await disconnectDb();
  const cleanup = new pg.Client({ connectionString: serverUrl });
  await cleanup.connect();
  await cleanup.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await cleanup.end();
});
