// The bank test's report: operations/s and latency per kind, the faults with their outcomes, what
// the checker verified, and every violation (there must be none).
import type { InvoiceCounts, TicketCounts } from "./check-commerce";
import type { JobCounts } from "./check-jobs";
import type { MarketplaceCounts } from "./check-marketplace";
import type { BankEmailFigures } from "./email-check";
import type { FaultRecord } from "./faults";
import type { History } from "./history";

export interface BankReport {
  seed: number;
  clients: number;
  seconds: number;
  kinds: ReturnType<History["summary"]>;
  totalPerSecond: number;
  maxInFlight: number;
  faults: FaultRecord[];
  writes: { acked: number; refused: number; unresolved: number; unresolvedApplied: number };
  checkouts: { acked: number; refused: number; unresolved: number; lateApplied: number; invoices: number };
  trades: { acked: number; refused: number; unresolved: number; unresolvedApplied: number; positions: number };
  marketplace: MarketplaceCounts;
  invoices: InvoiceCounts;
  tickets: TicketCounts;
  jobs: JobCounts;
  email: BankEmailFigures;
  checks: { quick: number; verifications: number; skipped: number };
  violations: string[];
}

export function printReport(r: BankReport): void {
  const pad = (v: string | number, n: number) => String(v).padStart(n);
  console.log(`\n── Bank test: ${r.clients} clients, ${r.seconds.toFixed(1)} s, seed ${r.seed} ${"─".repeat(20)}`);
  console.log(`${"kind".padEnd(24)}${pad("ops", 7)}${pad("ops/s", 8)}${pad("p50 ms", 9)}${pad("p99 ms", 9)}${pad("ok", 6)}${pad("refused", 9)}${pad("409", 6)}${pad("unres.", 8)}${pad("retries", 9)}`);
  for (const k of r.kinds) {
    console.log(
      `${k.kind.padEnd(24)}${pad(k.count, 7)}${pad(k.perSecond.toFixed(1), 8)}${pad(k.p50.toFixed(0), 9)}${pad(k.p99.toFixed(0), 9)}${pad(k.ok, 6)}${pad(k.refused, 9)}${pad(k.conflict, 6)}${pad(k.unresolved, 8)}${pad(k.retries, 9)}`,
    );
  }
  console.log(`all kinds: ${r.totalPerSecond.toFixed(1)} operations/s; up to ${r.maxInFlight} operations in flight at once`);
  if (r.faults.length) {
    console.log(`\nFaults (${r.faults.length}):`);
    for (const f of r.faults) console.log(`  ${f.atSeconds.toFixed(1).padStart(6)} s  ${f.kind.padEnd(18)} ${f.target.padEnd(10)} ${f.ok ? "ok  " : "FAIL"} ${f.outcome}`);
  }
  const w = r.writes;
  console.log(`\nWrites: ${w.acked} acknowledged (each in the ledger exactly once), ${w.refused} refused (none in the ledger), ${w.unresolved} unanswered at the end (${w.unresolvedApplied} applied, none twice)`);
  const t = r.trades;
  console.log(`Trades: ${t.acked} acknowledged (each in stock_trades exactly once), ${t.refused} refused (none recorded), ${t.unresolved} unanswered (${t.unresolvedApplied} applied); ${t.positions} positions equal to their trades`);
  const c = r.checkouts;
  console.log(`Checkouts: ${c.acked} completed (each one transaction, one invoice, one email), ${c.refused} refused (${c.lateApplied} completed anyway by an earlier attempt of unknown outcome), ${c.unresolved} unanswered; ${c.invoices} invoice numbers gapless per seller and year`);
  const e = r.email;
  console.log(
    `Email: ${e.sent}/${e.messages} invoice emails sent, each delivered once (${e.secondsToDrain === null ? "NOT drained" : `drained ${e.secondsToDrain.toFixed(1)} s after the run`}); ` +
      `${e.providerRequests} provider requests, failures injected ${Object.entries(e.failuresByKind).map(([k, n]) => `${k} ${n}`).join(", ")}; ` +
      `${e.attempts} attempts (${Object.entries(e.attemptOutcomes).map(([k, n]) => `${k} ${n}`).join(", ")}); ${e.duplicatesSuppressed} duplicates suppressed by the idempotency key`,
  );
  printCommerceAndJobs(r);
  console.log(`Checks: ${r.checks.quick} Σ/negative checks, ${r.checks.verifications} full ledger verifications, ${r.checks.skipped} skipped while the database was restarting`);
  console.log(r.violations.length ? `\n${r.violations.length} VIOLATION(S):\n  ${r.violations.slice(0, 50).join("\n  ")}` : "\nViolations: 0");
}

/** Marketplace runs, invoices, tickets and the job worker (check-marketplace.ts, check-commerce.ts, check-jobs.ts). */
function printCommerceAndJobs(r: BankReport): void {
  const m = r.marketplace;
  console.log(
    `Marketplace: ${m.runs} runs (${m.manual} Run now, ${m.scheduled} scheduled), ${m.entries} marketplace_batch entries, each run exactly one revenue and one cost entry per company for its recorded totals; ` +
      `Run now ${m.acked} acknowledged (each run once), ${m.refused} refused, ${m.unresolved} unanswered, ${m.unacknowledged} runs from attempts with an unknown outcome; ${m.slotted ? "the form carries its slot" : "the form carries no slot"}`,
  );
  const i = r.invoices;
  console.log(
    `Invoices: ${i.invoices} (${i.paid} paid, each with one payment for its total; ${i.open} open, none); ${i.paidLater} pay-by-invoice orders paid later; ` +
      `payments ${i.payments.acked} acknowledged, ${i.payments.refused} refused, ${i.payments.unresolved} unanswered`,
  );
  const t = r.tickets;
  console.log(`Tickets: ${t.tickets} issued for ${t.events} events (${t.capacity} seats, ${t.soldOut} sold out; ${t.refusedSeats} checkouts refused seats), codes unique, none over capacity, each in a completed checkout and matching its line items`);
  const j = r.jobs;
  const perJob = Object.entries(j.perJob).map(([name, c]) => `${name} ${c.completed} done${c.failed ? `/${c.failed} failed` : ""}${c.interrupted ? `/${c.interrupted} cut off` : ""}`);
  const resumed = j.afterLastRestart === null ? "the worker was not killed" : `${j.afterLastRestart} runs of jobs the restarted worker scheduled after its last kill (waited ${j.waitedSeconds.toFixed(0)} s after the clients)`;
  console.log(`Jobs: ${perJob.join(", ") || "none ran"}; ${resumed}; no (job, slot) took effect twice (${j.repeats} repeats of one job, ${j.duplicateJobs.length} slots filed as two pg-boss jobs${j.duplicateJobs.length ? `: ${j.duplicateJobs.join("; ")}` : ""})`);
}
