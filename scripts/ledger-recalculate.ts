// `npm run ledger:recalculate [-- --account ID]`: recomputes balances from the ledger (checkpoint +
// live entries) and rewrites only the rows that differ, printing each change. Safe while the app
// runs: each chunk locks its balance rows in the posting service's order.
import { formatMoney } from "../lib/money/amount";
import { recalculateAllBalances, recalculateBalance, type BalanceCorrection } from "../lib/ledger/recalculate";
import { EXIT, parseAccountIdArg, parseCliArgs, parsePositiveIntArg, requireDatabaseUrl, runCli } from "./lib/ledger-cli";
import { progressBar } from "./lib/progress";

const USAGE = `Usage: npm run ledger:recalculate [-- --account ID] [-- --chunk-size N]

Without --account, recalculates every account in chunks (default 1000 accounts each).
Reads DATABASE_URL. Prints every balance it corrected.`;

function describe(c: BalanceCorrection): string {
  const before = c.before === null ? "(no balance row)" : formatMoney(c.before, c.currency);
  return `#${c.accountId} ${c.currency}: ${before} → ${formatMoney(c.after, c.currency)}`;
}

await runCli(USAGE, async (argv) => {
  const args = parseCliArgs(argv, { account: { type: "string" }, "chunk-size": { type: "string" } });
  const accountId = args.account === undefined ? null : parseAccountIdArg(args.account);
  const chunkSize = parsePositiveIntArg(args["chunk-size"], "--chunk-size", 1000);
  requireDatabaseUrl();

  if (accountId !== null) {
    const { corrected, balance, currency } = await recalculateBalance(accountId);
    console.log(corrected ? `Corrected ${describe(corrected)}` : `Account #${accountId} was already right: ${formatMoney(balance, currency)}.`);
    return EXIT.ok;
  }
  const bar = progressBar("Recalculating", "accounts");
  const summary = await recalculateAllBalances({ chunkSize, onProgress: bar.onProgress }).finally(bar.stop);
  for (const c of summary.corrected) console.log(`Corrected ${describe(c)}`);
  console.log(`${summary.corrected.length} of ${summary.accountsChecked} accounts corrected in ${summary.durationMs} ms.`);
  return EXIT.ok;
});
