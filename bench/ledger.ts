// `npm run bench:ledger`: the ledger's three benchmarks in one run on one fresh database.
//   1. balance read at a small vs a large ledger, and the naive ledger sum;
//   2. transfer throughput through the posting service vs the same SQL run by pgbench;
//   3. recalculate-all wall time and peak memory at two ledger sizes.
// Timings go to stdout (and bench/results/*.json, git-ignored), never into tests.
// Knobs: see bench/bench-config.ts (BENCH_SECONDS, BENCH_STEPS, BENCH_DATABASE_URL, …).
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { disconnectDb } from "../lib/db/client";
import { verifyLedger } from "../lib/ledger/verify";
import { readBenchConfig } from "./bench-config";
import { openBenchDatabase } from "./bench-database";
import { createBenchAccounts, growLedger } from "./generate-ledger";
import { measureBalanceReads, measureNaiveSums, type BalanceReadFigures, type NaiveFigures } from "./measure-reads";
import { measureRecalculate, type RecalculateFigures } from "./measure-recalculate";
import { measureTransfers, type ThroughputRow } from "./measure-transfers";
import { measureTransferLatency, type LatencyRow } from "./measure-transfer-latency";
import { findPgbench } from "./run-pgbench";
import { balanceReadReport, recalculateReport, transferLatencyReport, transferReport } from "./print-report";

const config = readBenchConfig();
const log = (line: string) => console.log(line);
if (config.steps.has("transfers")) {
  // Say it before minutes of ledger generation, not after.
  try {
    findPgbench();
  } catch (error) {
    console.error(`${(error as Error).message}\nOr skip the transfer benchmark: BENCH_STEPS=reads,recalculate npm run bench:ledger`);
    process.exit(2);
  }
}
const database = await openBenchDatabase({ serverUrl: config.databaseUrl, keep: config.keepDatabase, log });
// The app's own client (db()) is what the service benchmarks go through.
process.env.DATABASE_URL = database.url;
process.env.DATABASE_POOL_SIZE = String(config.poolSize);

const stop = async () => {
  await disconnectDb().catch(() => undefined);
  await database.close().catch(() => undefined);
};
process.once("SIGINT", () => void stop().then(() => process.exit(130)));

const reads: BalanceReadFigures[] = [];
let naive: NaiveFigures[] = [];
const recalcs: RecalculateFigures[] = [];
let transfers: ThroughputRow[] = [];
let latency: LatencyRow[] = [];
let verification = "not run";
const sections: string[] = [];
const section = (text: string) => {
  sections.push(text);
  console.log(`\n${text}\n`);
};

try {
  const header = [
    `Countinghouse ledger benchmark — ${new Date().toISOString()}`,
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load avg ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`,
    `database: ${database.description}`,
    `accounts: ${config.accounts.toLocaleString("en-US")} personal + mint; ledger sizes ${[config.entriesSmall, config.entriesMid, config.entriesLarge].map((n) => n.toLocaleString("en-US")).join(" / ")}`,
  ].join("\n");
  console.log(header);
  const accounts = await createBenchAccounts(database.url, config.accounts);

  const wantReads = config.steps.has("reads");
  const wantRecalc = config.steps.has("recalculate");
  let small: { url: string; entries: number } | undefined;
  if (wantReads) {
    // Keep a copy at the small size; it is read side by side with the large ledger later.
    const entries = await growLedger(database.url, accounts, config.entriesSmall, config.chunkSize);
    small = { url: await database.snapshot("small"), entries };
  }
  if (wantRecalc) {
    const n = await growLedger(database.url, accounts, config.entriesMid, config.chunkSize);
    recalcs.push(await measureRecalculate(database.url, accounts, n));
  }
  const n = await growLedger(database.url, accounts, config.entriesLarge, config.chunkSize);
  if (small) {
    console.log(`Timing balance reads at ${small.entries.toLocaleString("en-US")} and ${n.toLocaleString("en-US")} entries (interleaved)…`);
    reads.push(...(await measureBalanceReads([small, { url: database.url, entries: n }], accounts, config.readSamples, config.readWarmup)));
    console.log("Timing the naive ledger sums…");
    naive = await measureNaiveSums(database.url, accounts, config.naiveSamples);
    section(balanceReadReport(reads, naive));
  }
  if (wantRecalc) {
    recalcs.push(await measureRecalculate(database.url, accounts, n));
    section(recalculateReport(recalcs));
  }
  if (config.steps.has("transfers")) {
    console.log(`\nTransfers (${config.rounds} round(s) × ${config.seconds} s per run):`);
    transfers = await measureTransfers({
      url: database.url,
      accounts,
      workers: config.workers,
      poolSize: config.poolSize,
      seconds: config.seconds,
      rounds: config.rounds,
      profile: config.profile,
      poolSweep: config.poolSweep,
      statementsAvailable: database.hasStatements,
      log,
    });
    section(transferReport(transfers, config.seconds, config.rounds, config.workers, config.poolSize));
    if (config.profile) {
      console.log("Timing single transfers (no contention)…");
      latency = await measureTransferLatency(database.url, accounts, config.latencySamples);
      section(transferLatencyReport(latency));
    }
  }
  if (process.env.BENCH_VERIFY !== "0") {
    console.log("Verifying the ledger the benchmark produced (the app's verifyLedger)…");
    const report = await verifyLedger();
    verification = `${report.violations.length} violation(s) over ${report.accountsChecked.toLocaleString("en-US")} accounts and ${report.entriesChecked.toLocaleString("en-US")} entries (${report.durationMs} ms)`;
    for (const v of report.violations.slice(0, 10)) console.log(`  ${JSON.stringify(v, (_, value) => (typeof value === "bigint" ? String(value) : value))}`);
  }

  console.log(`\n${"=".repeat(100)}\nSUMMARY\n${header}\n`);
  console.log(sections.join("\n\n"));
  console.log(`\nLedger verification after the run: ${verification}`);
  if (config.resultsFile) {
    const dir = path.join(import.meta.dirname, "results");
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `ledger-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    const json = JSON.stringify({ config: { ...config, steps: [...config.steps] }, database: database.description, reads, naive, recalcs, transfers, latency, verification }, (_, v) => (typeof v === "bigint" ? String(v) : v), 2);
    writeFileSync(file, json);
    console.log(`Figures saved to ${path.relative(process.cwd(), file)}`);
  }
} finally {
  await stop();
}
