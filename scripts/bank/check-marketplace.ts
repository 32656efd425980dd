// After the run: every marketplace run against its ledger entries and the clients' Run now answers.
//
// A run (lib/market/run-marketplace.ts) claims its marketplace_runs row, posts two marketplace_batch
// entries per selling company and records its totals, all in ONE database transaction; the entries
// carry no run id. So a run's entries are the marketplace_batch rows written by the same transaction
// as its row: equal xmin (ledger entries are never updated; the run row's final UPDATE is in that same
// transaction, and ledger_post has no exception block, so no subtransaction has another xid). Per run:
//   - exactly one revenue entry (marketplace → the company's operating account) and one cost entry
//     (back) per company its results name, with that company's revenue, cost and units, and the
//     descriptions picking.ts gives them; no other entry; entries_written = 2 × companies;
//   - Σ revenue = spent_minor, Σ cost = cost_minor, Σ units = units; created by whoever triggered it;
//   - every marketplace_batch entry belongs to a run; slots are unique; a scheduled run's slot is
//     "scheduled:<minute>" (so a cron occurrence runs at most once).
// Against the clients: an acknowledged Run now names a manual run of the administrator (by id, or by
// its slot when it was found again after an ambiguous attempt), each once. Runs nobody acknowledged
// are allowed only from attempts whose outcome was unknown: with slots in the form, only those
// slots; without, at most one per such attempt.
import type pg from "pg";
import { batchDescription } from "../../lib/market/picking";
import type { History } from "./history";

export interface MarketplaceCounts {
  runs: number;
  manual: number;
  scheduled: number;
  entries: number;
  acked: number;
  refused: number;
  unresolved: number;
  /** Manual runs no answer acknowledged (from ambiguous attempts). */
  unacknowledged: number;
  /** Whether Run now's form carried a slot. */
  slotted: boolean;
}

interface RunRow {
  id: string;
  slot: string;
  trigger: string;
  xid: string;
  spent: string;
  cost: string;
  units: number;
  companies: number;
  entries_written: number;
  results: { companies?: { ticker: string; companyId: string; products: number; units: number; revenue: string; cost: string }[] };
  triggered_by_id: string | null;
}

interface EntryRow {
  id: string;
  xid: string;
  from_account_id: string;
  to_account_id: string;
  amount: string;
  description: string;
  batch_count: number | null;
  company_id: string | null;
  created_by_user_id: string | null;
}

/** Whether a run's slot is the one a Run now form posted: as posted, or as the action records it ("manual:<token>"). */
function slotMatches(runSlot: string, formSlot: string): boolean {
  return runSlot === formSlot || runSlot.toLowerCase() === `manual:${formSlot.toLowerCase()}`;
}

export async function checkMarketplace(db: pg.ClientBase, history: History, adminId: string): Promise<MarketplaceCounts> {
  const violation = (message: string) => history.violation(`marketplace: ${message}`);
  const runs = (
    await db.query<RunRow>(
      `SELECT id::text, slot, trigger::text, xmin::text AS xid, spent_minor::text AS spent, cost_minor::text AS cost, units, companies,
              entries_written, results, triggered_by_id FROM marketplace_runs ORDER BY id`,
    )
  ).rows;
  const entries = (
    await db.query<EntryRow>(
      `SELECT id::text, xmin::text AS xid, from_account_id::text, to_account_id::text, amount::text, description, batch_count, company_id, created_by_user_id
         FROM ledger_entries WHERE type = 'marketplace_batch'`,
    )
  ).rows;
  const marketplace = (await db.query<{ id: string }>(`SELECT id::text FROM accounts WHERE system_key = 'marketplace:USD'`)).rows[0]?.id;
  const operating = new Map((await db.query<{ id: string; account: string }>(`SELECT id, operating_account_id::text AS account FROM companies`)).rows.map((r) => [r.id, r.account]));

  const byXid = new Map<string, EntryRow[]>();
  for (const e of entries) byXid.set(e.xid, [...(byXid.get(e.xid) ?? []), e]);
  const runXids = new Set<string>();
  const slots = new Map<string, number>();
  for (const run of runs) {
    slots.set(run.slot, (slots.get(run.slot) ?? 0) + 1);
    if (runXids.has(run.xid)) violation(`run #${run.id} shares its transaction with another run`);
    runXids.add(run.xid);
    if (run.trigger === "scheduled" && !/^scheduled:\d{4}-\d\d-\d\dT\d\d:\d\d:00\.000Z$/.test(run.slot)) violation(`scheduled run #${run.id} has slot ${run.slot}`);
    const own = byXid.get(run.xid) ?? [];
    const companies = run.results.companies ?? [];
    if (companies.length !== run.companies || own.length !== 2 * run.companies || run.entries_written !== own.length) {
      violation(`run #${run.id} (${run.slot}) names ${companies.length} companies (recorded ${run.companies}, ${run.entries_written} entries written), the ledger has ${own.length} entries of its transaction`);
    }
    let revenue = 0n;
    let cost = 0n;
    let units = 0;
    for (const c of companies) {
      const account = operating.get(c.companyId);
      const sides = [
        { side: "revenue" as const, from: marketplace, to: account, amount: c.revenue },
        { side: "cost" as const, from: account, to: marketplace, amount: c.cost },
      ];
      for (const s of sides) {
        const found = own.filter((e) => e.company_id === c.companyId && e.from_account_id === s.from && e.to_account_id === s.to);
        if (found.length !== 1) {
          violation(`run #${run.id}: ${found.length} ${s.side} entries for ${c.ticker}, not 1`);
          continue;
        }
        const e = found[0]!;
        if (e.amount !== s.amount) violation(`run #${run.id}: ${c.ticker}'s ${s.side} entry #${e.id} is ${e.amount}, the run recorded ${s.amount}`);
        if (e.batch_count !== c.units) violation(`run #${run.id}: ${c.ticker}'s ${s.side} entry #${e.id} counts ${e.batch_count} units, the run recorded ${c.units}`);
        if (e.description !== batchDescription(c, s.side)) violation(`run #${run.id}: ${c.ticker}'s ${s.side} entry #${e.id} reads "${e.description}"`);
        if (e.created_by_user_id !== run.triggered_by_id) violation(`run #${run.id}: entry #${e.id} was created by ${e.created_by_user_id}, the run by ${run.triggered_by_id}`);
      }
      revenue += BigInt(c.revenue);
      cost += BigInt(c.cost);
      units += c.units;
    }
    if (String(revenue) !== run.spent || String(cost) !== run.cost || units !== run.units) {
      violation(`run #${run.id}: its companies add up to revenue ${revenue}, cost ${cost}, ${units} units; the run recorded ${run.spent}, ${run.cost}, ${run.units}`);
    }
  }
  for (const [xid, own] of byXid) if (!runXids.has(xid)) violation(`entries ${own.map((e) => `#${e.id}`).join(", ")} belong to no run`);
  for (const [slot, n] of slots) if (n > 1) violation(`slot ${slot} ran ${n} times`);

  // The clients' answers.
  const manual = runs.filter((r) => r.trigger === "manual");
  const byId = new Map(runs.map((r) => [r.id, r]));
  const records = history.marketRuns;
  const slotted = records.some((r) => r.slots.length > 0);
  const counts: MarketplaceCounts = { runs: runs.length, manual: manual.length, scheduled: runs.length - manual.length, entries: entries.length, acked: 0, refused: 0, unresolved: 0, unacknowledged: 0, slotted };
  const acknowledged = new Set<string>();
  for (const r of records) {
    counts[r.status]++;
    if (r.status !== "acked") continue;
    const run = r.runId ? byId.get(r.runId) : runs.find((x) => r.slots.some((s) => slotMatches(x.slot, s)));
    if (!run) {
      violation(`acknowledged Run now ${r.runId ? `#${r.runId}` : `of slot ${r.slots.join("/")}`} is not in marketplace_runs`);
      continue;
    }
    if (acknowledged.has(run.id)) violation(`run #${run.id} was acknowledged twice`);
    acknowledged.add(run.id);
    if (run.trigger !== "manual" || run.triggered_by_id !== adminId) violation(`acknowledged run #${run.id} is ${run.trigger}, by ${run.triggered_by_id}`);
    if (r.slots.length > 0 && !r.slots.some((s) => slotMatches(run.slot, s))) violation(`acknowledged run #${run.id} has slot ${run.slot}, the form posted ${r.slots.join("/")}`);
  }
  const unacknowledged = manual.filter((run) => !acknowledged.has(run.id));
  counts.unacknowledged = unacknowledged.length;
  if (slotted) {
    // Each posted slot names one operation; a run of a slot nobody posted, or of a refused one, came from nowhere.
    for (const run of unacknowledged) {
      const r = records.find((x) => x.slots.some((s) => slotMatches(run.slot, s)));
      if (!r || r.status === "refused" || (r.status === "acked" && r.ambiguous === 0)) violation(`manual run #${run.id} (${run.slot}) matches no posted Run now that could have made it`);
    }
  } else {
    const ambiguous = records.reduce((n, r) => n + r.ambiguous + (r.status === "unresolved" ? 1 : 0), 0);
    if (unacknowledged.length > ambiguous) violation(`${unacknowledged.length} manual runs nobody acknowledged, but only ${ambiguous} Run now attempts had an unknown outcome`);
  }
  return counts;
}
