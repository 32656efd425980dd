// `npm run idempotency:cleanup`: removes idempotency keys older than the retention (at least 24 h;
// IDEMPOTENCY_RETENTION_HOURS). The scheduled job runs the same function.
import { db } from "../lib/db/client";
import { deleteExpiredIdempotencyKeys, IDEMPOTENCY_RETENTION_HOURS } from "../lib/ledger/idempotency-cleanup";
import { EXIT, parseCliArgs, requireDatabaseUrl, runCli } from "./lib/ledger-cli";

const USAGE = `Usage: npm run idempotency:cleanup

Deletes idempotency keys older than IDEMPOTENCY_RETENTION_HOURS (default and minimum 24).
A retry after that starts a new request. Reads DATABASE_URL.`;

await runCli(USAGE, async (argv) => {
  parseCliArgs(argv, {});
  requireDatabaseUrl();
  const deleted = await deleteExpiredIdempotencyKeys(db());
  console.log(`Deleted ${deleted} idempotency key${deleted === 1 ? "" : "s"} older than ${Math.max(24, IDEMPOTENCY_RETENTION_HOURS)} hours.`);
  return EXIT.ok;
});
