// The figures of one run, as printed tables with ratios and targets.
import { formatTable } from "./format-table";
import type { ThroughputRow } from "./measure-transfers";
import type { LatencyRow } from "./measure-transfer-latency";
import type { BalanceReadFigures, NaiveFigures } from "./measure-reads";
import type { RecalculateFigures } from "./measure-recalculate";
import { int, mib, ms, pct, ratio } from "./stats";

const verdict = (ok: boolean): string => (ok ? "meets target" : "MISSES target");

export function balanceReadReport(reads: BalanceReadFigures[], naive: NaiveFigures[]): string {
  const out: string[] = ["1. Balance read (single client, sequential, warmed up)"];
  out.push(
    formatTable(
      ["ledger entries", "samples", "getBalance p50", "p95", "raw SQL row p50", "p95"],
      reads.map((r) => [int(r.entries), int(r.service.samples), ms(r.service.p50), ms(r.service.p95), ms(r.rawRow.p50), ms(r.rawRow.p95)]),
    ),
  );
  const small = reads[0];
  const large = reads.at(-1);
  if (small && large && small !== large) {
    const r = large.service.p50 / small.service.p50;
    out.push(`p50(${int(large.entries)}) / p50(${int(small.entries)}) through getBalance = ${ratio(r)} (target ≤ 1.2: ${verdict(r <= 1.2)})`);
  }
  if (naive.length > 0 && large) {
    out.push("", `Naive balance = credits − debits summed over the ledger at ${int(large.entries)} entries`);
    out.push(
      formatTable(
        ["account", "its entries", "account indexes", "p50", "p95", "÷ raw row p50", "÷ getBalance p50"],
        naive.map((n) => [
          n.label,
          int(n.entriesOfAccount),
          n.indexes ? "used" : "disabled",
          ms(n.summary.p50),
          ms(n.summary.p95),
          ratio(n.summary.p50 / large.rawRow.p50),
          ratio(n.summary.p50 / large.service.p50),
        ]),
      ),
    );
  }
  return out.join("\n");
}

export function transferReport(rows: ThroughputRow[], seconds: number, rounds: number, workers: number, poolSize: number): string {
  const out: string[] = [
    `2. Transfers: ${workers} concurrent workers (pgbench -c ${workers} -j 2), ${rounds} round(s) × ${seconds} s per variant, interleaved; ` +
      `Prisma/pg pool ${poolSize}; amount 1 minor unit`,
  ];
  const reference = (w: string) => rows.find((r) => r.workload === w && r.variant.startsWith("pgbench"))?.perSecond ?? Number.NaN;
  out.push(
    formatTable(
      ["workload", "variant", "transfers/s", "per round", "of pgbench", "node CPU", "node CPU ms/transfer", "machine busy", "stmts/transfer", "server ms/transfer", "errors"],
      rows.map((r) => [
        r.workload,
        r.variant,
        int(r.perSecond),
        r.perRound.map(int).join(" / "),
        pct(r.perSecond / reference(r.workload)),
        Number.isNaN(r.nodeCpu) ? "-" : pct(r.nodeCpu),
        Number.isNaN(r.nodeCpuMsPerTransfer) ? "-" : r.nodeCpuMsPerTransfer.toFixed(3),
        Number.isNaN(r.machineBusy) ? "-" : pct(r.machineBusy),
        Number.isNaN(r.statementsPerTransfer) ? "-" : r.statementsPerTransfer.toFixed(2),
        Number.isNaN(r.serverMsPerTransfer) ? "-" : r.serverMsPerTransfer.toFixed(3),
        String(r.errors),
      ]),
    ),
  );
  // Targets: one transfer per statement (issue 6) ≥ 60% / 50% of pgbench; through the coalescing
  // poster (issue 11) ≥ 1.5× / 3× pgbench. Reported here, never asserted in tests.
  const targets: [string, (variant: string) => boolean, number, number][] = [
    ["one call each", (v) => v.startsWith("service:") || v.includes("one call each"), 0.6, 0.5],
    ["coalescing", (v) => v.includes("coalescing"), 1.5, 3],
  ];
  for (const [, matches, uniform, hot] of targets) {
    for (const [workload, target] of [["uniform", uniform], ["hot", hot]] as const) {
      for (const service of rows.filter((r) => r.workload === workload && matches(r.variant))) {
        const share = service.perSecond / reference(workload);
        out.push(`${service.variant} / pgbench, ${workload}: ${ratio(share)} (target ≥ ${ratio(target)}: ${verdict(share >= target)})`);
      }
    }
  }
  out.push(
    "node CPU = this process's CPU time / wall time (100% = its one JavaScript thread saturated); machine busy = all cores, anyone's work;",
    "stmts/transfer and server ms/transfer from pg_stat_statements (server time includes waiting for row locks).",
  );
  return out.join("\n");
}

export function recalculateReport(figures: RecalculateFigures[]): string {
  const out: string[] = ["3. Recalculate all balances (own process; RSS/heap sampled every 10 ms and at each progress callback)"];
  out.push(
    formatTable(
      ["ledger entries", "accounts", "wall", "peak RSS", "RSS over baseline", "peak heap used", "heap over baseline", "corrected"],
      figures.map((f) => [
        int(f.entries),
        int(f.accountsChecked),
        ms(f.wallMs),
        mib(f.peakRssBytes),
        mib(f.peakRssBytes - f.baselineRssBytes),
        mib(f.peakHeapBytes),
        mib(f.peakHeapBytes - f.baselineHeapBytes),
        `${f.corrected} of ${f.corruptedBefore}`,
      ]),
    ),
  );
  const [small, large] = [figures[0], figures.at(-1)];
  if (small && large && small !== large) {
    out.push(
      `${int(large.entries)} vs ${int(small.entries)}: wall ${ratio(large.wallMs / small.wallMs)}, peak RSS ${ratio(large.peakRssBytes / small.peakRssBytes)}, ` +
        `peak heap ${ratio(large.peakHeapBytes / small.peakHeapBytes)} (memory must stay flat: ${verdict(large.peakRssBytes / small.peakRssBytes <= 1.2)})`,
    );
  }
  return out.join("\n");
}

export function transferLatencyReport(rows: LatencyRow[]): string {
  return [
    "2b. Profile: one transfer at a time (no contention), variants interleaved; commit waits for the WAL flush",
    formatTable(
      ["variant", "samples", "p50", "p95", "mean"],
      rows.map((r) => [r.variant, int(r.summary.samples), ms(r.summary.p50), ms(r.summary.p95), ms(r.summary.mean)]),
    ),
  ].join("\n");
}
