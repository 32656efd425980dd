// `npm run import:legacy -- file.jsonl`: imports legacy per-product transactions (see
// lib/legacy/import-legacy.ts). Exit 0 when every line imported or was already there, 1 otherwise.
import { readFile } from "node:fs/promises";
import { db } from "../lib/db/client";
import { importLegacy } from "../lib/legacy/import-legacy";
import { EXIT, requireDatabaseUrl, runCli, UsageError } from "./lib/ledger-cli";
import { progressBar } from "./lib/progress";

const USAGE = `Usage: npm run import:legacy -- FILE.jsonl

Imports the original app's per-product transactions (one JSON object per line; a sample ships as
data/legacy-transactions.sample.jsonl) as legacy transactions with one line item each. Idempotent:
rows already imported (same id) are skipped. Then run \`npm run transactions:consolidate\`.
Reads DATABASE_URL.`;

await runCli(USAGE, async (argv) => {
  const file = argv.find((a) => !a.startsWith("-"));
  if (!file) throw new UsageError("Name the JSONL file to import.");
  requireDatabaseUrl();
  const bar = progressBar("Importing", "rows");
  const report = await importLegacy(db(), await readFile(file, "utf8"), bar.onProgress).finally(bar.stop);
  for (const e of report.errors) console.log(`line ${e.line}: ${e.message}`);
  console.log(`${report.imported} imported, ${report.skipped} already present, ${report.errors.length} refused.`);
  return report.errors.length === 0 ? EXIT.ok : EXIT.failed;
});
