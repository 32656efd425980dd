// `npm run ledger:archive -- --before 2026-01-01 [--dry-run]`: moves ledger entries created before
// the date to ledger_entries_archive, writing per-account checkpoints in the same statements so
// balances, recalculation and verification are unchanged. Prints the counts first ("review count
// first", as the original guide said); --dry-run stops there. Take a backup before a real run.
import { archiveEntries, planArchive } from "../lib/ledger/archive";
import { EXIT, parseCliArgs, parseDateArg, parsePositiveIntArg, requireDatabaseUrl, runCli } from "./lib/ledger-cli";
import { progressBar } from "./lib/progress";

const USAGE = `Usage: npm run ledger:archive -- --before DATE [--dry-run] [--chunk-size N]

  --before DATE   required: archive entries created before DATE (2026-01-01 = UTC midnight,
                  or a timestamp such as 2026-01-01T12:00:00Z)
  --dry-run       print what would move and change nothing
  --chunk-size N  entries per transaction (default 5000)
Reads DATABASE_URL.`;

await runCli(USAGE, async (argv) => {
  const args = parseCliArgs(argv, { before: { type: "string" }, "dry-run": { type: "boolean" }, "chunk-size": { type: "string" } });
  const before = parseDateArg(args.before);
  const chunkSize = parsePositiveIntArg(args["chunk-size"], "--chunk-size", 5000);
  requireDatabaseUrl();

  const plan = await planArchive(before);
  if (plan.cutoffEntryId === null) {
    console.log(`No ledger entries were created before ${before.toISOString()}. Nothing to archive.`);
    return EXIT.ok;
  }
  console.log(
    `Entries created before ${before.toISOString()}: ${plan.entries} (ids up to #${plan.cutoffEntryId}), touching ${plan.accounts} accounts, ` +
      `from ${plan.oldest?.toISOString()} to ${plan.newest?.toISOString()}.`,
  );
  if (args["dry-run"]) {
    console.log("Dry run: nothing changed.");
    return EXIT.ok;
  }
  const bar = progressBar("Archiving", "entries");
  const result = await archiveEntries({ before, chunkSize, onProgress: bar.onProgress }).finally(bar.stop);
  console.log(`Archived ${result.archived} entries (${result.checkpointWrites} checkpoint writes) in ${result.durationMs} ms.`);
  return EXIT.ok;
});
