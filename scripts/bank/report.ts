// The bank test's report: operations/s and latency per kind, the faults with their outcomes, what
// the checker verified, and every violation (there must be none).
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
  checkouts: { acked: number; refused: number; unresolved: number; invoices: number };
  trades: { acked: number; refused: number; unresolved: number; unresolvedApplied: number; positions: number };
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
  console.log(`Checkouts: ${c.acked} completed (each one transaction, one invoice, one email), ${c.refused} refused, ${c.unresolved} unanswered; ${c.invoices} invoice numbers gapless per seller and year`);
  const e = r.email;
  console.log(
    `Email: ${e.sent}/${e.messages} invoice emails sent, each delivered once (${e.secondsToDrain === null ? "NOT drained" : `drained ${e.secondsToDrain.toFixed(1)} s after the run`}); ` +
      `${e.providerRequests} provider requests, failures injected ${Object.entries(e.failuresByKind).map(([k, n]) => `${k} ${n}`).join(", ")}; ` +
      `${e.attempts} attempts (${Object.entries(e.attemptOutcomes).map(([k, n]) => `${k} ${n}`).join(", ")}); ${e.duplicatesSuppressed} duplicates suppressed by the idempotency key`,
  );
  console.log(`Checks: ${r.checks.quick} Σ/negative checks, ${r.checks.verifications} full ledger verifications, ${r.checks.skipped} skipped while the database was restarting`);
  console.log(r.violations.length ? `\n${r.violations.length} VIOLATION(S):\n  ${r.violations.slice(0, 50).join("\n  ")}` : "\nViolations: 0");
}
