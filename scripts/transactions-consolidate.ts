// `npm run transactions:consolidate -- --dry-run|--apply`: merges legacy per-product transactions
// into one transaction per checkout session (see lib/legacy/consolidate.ts).
import { db } from "../lib/db/client";
import { consolidate } from "../lib/legacy/consolidate";
import { formatMoney } from "../lib/money/amount";
import { EXIT, parseCliArgs, requireDatabaseUrl, runCli, UsageError } from "./lib/ledger-cli";
import { progressBar } from "./lib/progress";

const USAGE = `Usage: npm run transactions:consolidate -- --dry-run | --apply

Groups legacy transactions by checkout session and merges each group into one transaction with its
line items and summed totals, repointing invoices, tickets and credit notes; keeps an audit record
of the merged ids. --dry-run only reports the plan. Idempotent. Groups with mixed currencies (or
sellers, or several invoices) are refused and reported. Exits 1 if any group was refused.`;

await runCli(USAGE, async (argv) => {
  const args = parseCliArgs(argv, { "dry-run": { type: "boolean" }, apply: { type: "boolean" } });
  if (Boolean(args["dry-run"]) === Boolean(args.apply)) throw new UsageError("Pass exactly one of --dry-run or --apply.");
  requireDatabaseUrl();
  const bar = progressBar(args.apply ? "Consolidating" : "Planning", "groups");
  const report = await consolidate(db(), { apply: Boolean(args.apply), onProgress: bar.onProgress }).finally(bar.stop);
  for (const g of report.groups) {
    console.log(`${g.refused ? "REFUSED" : args.apply ? "merged " : "would merge"} ${g.sessionKey}: ${g.ids.length} transactions, ${g.lines} lines, ${formatMoney(g.total, g.currency)}${g.refused ? ` — ${g.refused}` : ""}`);
  }
  console.log(`${report.groups.length} groups: ${args.apply ? `${report.merged} merged` : `${report.groups.length - report.refused} to merge`}, ${report.refused} refused.`);
  return report.refused === 0 ? EXIT.ok : EXIT.failed;
});
