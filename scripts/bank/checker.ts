// The bank test's checker. During the run (every couple of seconds, and right after each fault):
// per currency Σ balances = 0 and no negative non-system balance, each in one statement (one
// snapshot); periodically the full ledger verification (lib/ledger/verify.ts: every balance equals
// its ledger and its last balance-after). After the run, additionally: every acknowledged write is
// in the ledger exactly once (by entry id, by its key's description, with its amount and accounts)
// and holds its idempotency key; every refused write left no entry and no key; nothing else appeared.
//
// The checker's own connections carry application_name=bank-checker, so the fault injector never
// terminates them; a check that meets a database restart is skipped and counted, not a violation.
import pg from "pg";
import { verifyLedger } from "../../lib/ledger/verify";
import type { History } from "./history";

export const CHECKER_APPLICATION = "bank-checker";

export class Checker {
  readonly pool: pg.Pool;
  checksRun = 0;
  checksSkipped = 0;
  verifications = 0;

  constructor(
    databaseUrl: string,
    private readonly history: History,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, application_name: CHECKER_APPLICATION, max: 3 });
    this.pool.on("error", () => {}); // an idle client cut off by a database restart; the next check reconnects
  }

  /** Σ = 0 per currency, no negative non-system balance. */
  async quick(when: string): Promise<void> {
    try {
      const totals = await this.pool.query<{ currency: string; total: string }>(
        `SELECT a.currency::text, sum(b.balance)::text AS total FROM balances b JOIN accounts a ON a.id = b.account_id GROUP BY a.currency`,
      );
      if (totals.rows.length === 0) this.history.violation(`${when}: no balances at all`);
      for (const row of totals.rows) if (row.total !== "0") this.history.violation(`${when}: Σ balances in ${row.currency} = ${row.total}, not 0`);
      const negative = await this.pool.query<{ account_id: string; balance: string }>(
        `SELECT b.account_id::text, b.balance::text FROM balances b JOIN accounts a ON a.id = b.account_id WHERE a.kind <> 'SYSTEM' AND b.balance < 0`,
      );
      for (const row of negative.rows) this.history.violation(`${when}: account ${row.account_id} is negative (${row.balance})`);
      this.checksRun++;
    } catch {
      this.checksSkipped++;
    }
  }

  /** lib/ledger/verify.ts over the whole ledger (needs DATABASE_URL set to this database). */
  async verify(when: string, mustRun = false): Promise<void> {
    try {
      const report = await verifyLedger();
      if (report.accountsChecked === 0) this.history.violation(`${when}: verification checked no accounts`);
      for (const v of report.violations) this.history.violation(`${when}: ${JSON.stringify(v, (_k, x) => (typeof x === "bigint" ? x.toString() : x))}`);
      this.verifications++;
    } catch (error) {
      if (mustRun) throw error;
      this.checksSkipped++;
    }
  }

  /** After the run: every write's final answer against the ledger and the idempotency keys. */
  async writes(): Promise<{ acked: number; refused: number; unresolved: number; unresolvedApplied: number }> {
    const writes = this.history.writes;
    const entries = await this.pool.query<{ id: string; description: string; from_account_id: string; to_account_id: string; amount: string }>(
      `SELECT id::text, description, from_account_id::text, to_account_id::text, amount::text FROM ledger_entries WHERE description LIKE 'bank %'`,
    );
    const keys = await this.pool.query<{ scope: string; key: string }>(`SELECT scope, key FROM idempotency_keys WHERE operation = 'transfer'`);
    const byDescription = new Map<string, typeof entries.rows>();
    for (const e of entries.rows) byDescription.set(e.description, [...(byDescription.get(e.description) ?? []), e]);
    const keySet = new Set(keys.rows.map((k) => `${k.scope}|${k.key}`));
    const counts = { acked: 0, refused: 0, unresolved: 0, unresolvedApplied: 0 };
    const known = new Set<string>();
    for (const w of writes) {
      known.add(w.description);
      const found = byDescription.get(w.description) ?? [];
      const hasKey = keySet.has(`user:${w.userId}|${w.key}`);
      if (w.status === "acked") {
        counts.acked++;
        if (found.length !== 1) this.history.violation(`acknowledged ${w.kind} ${w.key} is in the ledger ${found.length} times`);
        const e = found[0];
        if (e && w.entryId && e.id !== w.entryId) this.history.violation(`acknowledged ${w.key} answered entry ${w.entryId}, the ledger has ${e.id}`);
        if (e && (e.amount !== String(w.amount) || e.from_account_id !== w.fromAccountId || e.to_account_id !== w.toAccountId)) {
          this.history.violation(`acknowledged ${w.key}: ledger has ${e.amount} ${e.from_account_id}→${e.to_account_id}, asked ${w.amount} ${w.fromAccountId}→${w.toAccountId}`);
        }
        if (!hasKey) this.history.violation(`acknowledged ${w.key} holds no idempotency key`);
      } else if (w.status === "refused") {
        counts.refused++;
        if (found.length !== 0) this.history.violation(`refused ${w.kind} ${w.key} is in the ledger ${found.length} times`);
        if (hasKey) this.history.violation(`refused ${w.key} left an idempotency key behind`);
      } else {
        // Never answered (the run ended while it was retried): at most once.
        counts.unresolved++;
        if (found.length > 1) this.history.violation(`unresolved ${w.key} is in the ledger ${found.length} times`);
        if (found.length === 1) counts.unresolvedApplied++;
      }
    }
    for (const description of byDescription.keys()) if (!known.has(description)) this.history.violation(`ledger entry "${description}" matches no request`);
    return counts;
  }

  /**
   * After the run: every stock trade's final answer against stock_trades (found by user and
   * idempotency key): acknowledged once, with its id, side and quantity; refused never; unanswered
   * at most once. Every player's position equals the sum of their trades.
   */
  async trades(): Promise<{ acked: number; refused: number; unresolved: number; unresolvedApplied: number; positions: number }> {
    const rows = await this.pool.query<{ id: string; user_id: string; idempotency_key: string | null; side: string; quantity: string }>(
      `SELECT id::text, user_id, idempotency_key, side::text, quantity::text FROM stock_trades`,
    );
    const byKey = new Map<string, typeof rows.rows>();
    for (const r of rows.rows) byKey.set(`${r.user_id}|${r.idempotency_key}`, [...(byKey.get(`${r.user_id}|${r.idempotency_key}`) ?? []), r]);
    const counts = { acked: 0, refused: 0, unresolved: 0, unresolvedApplied: 0, positions: 0 };
    const known = new Set<string>();
    for (const t of this.history.trades) {
      const id = `${t.userId}|${t.key}`;
      known.add(id);
      const found = byKey.get(id) ?? [];
      if (t.status === "acked") {
        counts.acked++;
        if (found.length !== 1) this.history.violation(`acknowledged trade ${t.key} is in stock_trades ${found.length} times`);
        const r = found[0];
        if (r && t.tradeId && r.id !== t.tradeId) this.history.violation(`acknowledged trade ${t.key} answered id ${t.tradeId}, stock_trades has ${r.id}`);
        if (r && (r.side !== t.side || r.quantity !== String(t.quantity))) this.history.violation(`acknowledged trade ${t.key}: recorded ${r.side} ${r.quantity}, asked ${t.side} ${t.quantity}`);
      } else if (t.status === "refused") {
        counts.refused++;
        if (found.length !== 0) this.history.violation(`refused trade ${t.key} is in stock_trades ${found.length} times`);
      } else {
        counts.unresolved++;
        if (found.length > 1) this.history.violation(`unresolved trade ${t.key} is in stock_trades ${found.length} times`);
        if (found.length === 1) counts.unresolvedApplied++;
      }
    }
    for (const id of byKey.keys()) if (!known.has(id)) this.history.violation(`stock trade ${id} matches no request`);
    const positions = await this.pool.query<{ user_id: string; held: string; traded: string }>(
      `SELECT p.user_id, p.quantity::text AS held,
              coalesce((SELECT sum(CASE t.side WHEN 'buy' THEN t.quantity ELSE -t.quantity END) FROM stock_trades t
                         WHERE t.user_id = p.user_id AND t.company_id = p.company_id), 0)::text AS traded
         FROM stock_positions p WHERE p.user_id = ANY($1::text[])`,
      [[...new Set(this.history.trades.map((t) => t.userId))]],
    );
    for (const p of positions.rows) {
      counts.positions++;
      if (p.held !== p.traded) this.history.violation(`position of ${p.user_id} is ${p.held} shares, its trades add up to ${p.traded}`);
    }
    return counts;
  }

  /**
   * After the run: every completed checkout is one transaction (for its session, of its buyer) with
   * exactly one invoice and one outbox email; a refused one left no transaction (unless the client's
   * next checkout completed the same, reopened session; or, after an attempt of unknown outcome, that
   * attempt completed it later — counted, at most once); every transaction
   * has one invoice and one email; invoice numbers run 1…n without gaps per seller and year.
   */
  async checkouts(): Promise<{ acked: number; refused: number; unresolved: number; lateApplied: number; invoices: number }> {
    const rows = await this.pool.query<{ id: string; session: string | null; buyer: string | null; invoices: string; emails: string }>(
      `SELECT t.id, t.checkout_session_id AS session, t.buyer_user_id AS buyer,
              (SELECT count(*) FROM invoices i WHERE i.transaction_id = t.id)::text AS invoices,
              (SELECT count(*) FROM invoices i JOIN email_outbox e ON e.invoice_id = i.id WHERE i.transaction_id = t.id)::text AS emails
         FROM transactions t`,
    );
    const bySession = new Map(rows.rows.filter((r) => r.session).map((r) => [r.session!, r]));
    for (const t of rows.rows) {
      if (t.invoices !== "1") this.history.violation(`transaction ${t.id} has ${t.invoices} invoices`);
      if (t.emails !== "1") this.history.violation(`transaction ${t.id} has ${t.emails} outbox emails`);
    }
    const counts = { acked: 0, refused: 0, unresolved: 0, lateApplied: 0, invoices: 0 };
    // A refused checkout leaves its session open (emptied), and the client's next checkout fills and
    // completes that same session: its transaction belongs to that later, acknowledged operation.
    const completedLater = new Map(this.history.checkouts.filter((c) => c.status === "acked" && c.sessionId).map((c) => [c.sessionId!, c.transactionId]));
    for (const c of this.history.checkouts) {
      const t = c.sessionId ? bySession.get(c.sessionId) : undefined;
      if (c.status === "acked") {
        counts.acked++;
        if (!t) this.history.violation(`completed checkout ${c.sessionId} has no transaction`);
        else if (t.id !== c.transactionId || t.buyer !== c.userId) this.history.violation(`completed checkout ${c.sessionId} answered order ${c.transactionId}, the database has ${t.id} of ${t.buyer}`);
      } else if (c.status === "refused") {
        counts.refused++;
        if (!t || completedLater.get(c.sessionId!) === t.id) continue;
        // After an attempt of unknown outcome, a refusal answers only the later attempt (CheckoutRecord.ambiguous).
        if (c.ambiguous) {
          counts.lateApplied++;
          console.log(`[bank] refused checkout ${c.sessionId} completed anyway (transaction ${t.id}); its attempts answered: ${(c.answers ?? []).join(" → ")}`);
        } else this.history.violation(`refused checkout ${c.sessionId} has transaction ${t.id}; its attempts answered: ${(c.answers ?? []).join(" → ")}`);
      } else {
        counts.unresolved++;
      }
    }
    const numbers = await this.pool.query<{ seller: string; year: number; number: string }>(
      `SELECT seller_company_id AS seller, year, number FROM invoices ORDER BY seller_company_id, year, number`,
    );
    const groups = new Map<string, number[]>();
    for (const n of numbers.rows) {
      const sequence = Number(/(\d+)$/.exec(n.number)?.[1] ?? NaN);
      groups.set(`${n.seller} ${n.year}`, [...(groups.get(`${n.seller} ${n.year}`) ?? []), sequence]);
    }
    for (const [group, sequences] of groups) {
      const sorted = [...sequences].sort((a, b) => a - b);
      counts.invoices += sorted.length;
      if (sorted.some((n, i) => n !== i + 1)) this.history.violation(`invoice numbers of ${group} are not 1…${sorted.length} without gaps: ${sorted.slice(0, 20).join(", ")}`);
    }
    return counts;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
