// `npm run ledger:verify`: checks the ledger against the balances without changing anything and
// prints each violation. Exit 0 when clean, 1 on any violation (usable in cron and CI).
import { formatMoney } from "../lib/money/amount";
import { verifyLedger } from "../lib/ledger/verify";
import { EXIT, parseCliArgs, parsePositiveIntArg, requireDatabaseUrl, runCli } from "./lib/ledger-cli";
import { progressBar } from "./lib/progress";
import { currencyTotals } from "../lib/ledger/currency-totals";
import { db } from "../lib/db/client";

const USAGE = `Usage: npm run ledger:verify [-- --chunk-size N]

Checks, per account: balance row = checkpoint + ledger sums; the balance-after chain; no negative
non-system balance; a balance row exists. And per currency: all balances sum to zero.
Reads DATABASE_URL. Exits 1 if anything is wrong.`;

await runCli(USAGE, async (argv) => {
  const args = parseCliArgs(argv, { "chunk-size": { type: "string" } });
  const chunkSize = parsePositiveIntArg(args["chunk-size"], "--chunk-size", 1000);
  requireDatabaseUrl();

  const bar = progressBar("Verifying", "accounts");
  const report = await verifyLedger({ chunkSize, onProgress: bar.onProgress }).finally(bar.stop);

  for (const v of report.violations) console.log(`${v.kind.padEnd(24)} ${v.accountId === null ? "-" : `#${v.accountId}`}\t${v.message}`);
  for (const t of await currencyTotals(db())) console.log(`Total ${t.currency}: ${formatMoney(t.total, t.currency)} over ${t.accounts} accounts`);
  const n = report.violations.length;
  console.log(
    `${n === 0 ? "0 violations" : `${n} violation${n === 1 ? "" : "s"}`}: ${report.accountsChecked} accounts, ${report.entriesChecked} live entries checked in ${report.durationMs} ms.`,
  );
  return n === 0 ? EXIT.ok : EXIT.failed;
});
