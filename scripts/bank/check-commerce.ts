// After the run: invoices against their payments in the ledger, and event tickets against capacity
// and line items.
//
// Payments. A payment is ONE posting (postCheckoutPayment: buyer → seller net, buyer → tax authority
// tax, each entry carrying the transaction id), made by a balance checkout or by paying an open
// invoice later; its entries are the checkout_payment/checkout_tax rows of that transaction written
// by one database transaction (equal xmin). Nobody in the test marks invoices paid outside the
// ledger, voids or refunds, so:
//   - a paid invoice with a total above zero has exactly one payment, adding up to the total, from the
//     account the transaction names as payer; a free one (total 0) none; an open or void one none;
//   - invoice status and the transaction's payment status agree;
//   - an acknowledged invoice payment left its invoice paid from that client's account; an invoice
//     whose every payment attempt was refused is still open without entries.
// Tickets: codes unique; per event tickets issued = tickets_sold ≤ capacity; every ticket belongs to a
// completed checkout's transaction and to a ticket line item whose quantity equals its tickets, each
// with an attendee; an acknowledged checkout has as many tickets as attendees it named.
import type pg from "pg";
import type { History } from "./history";

export interface InvoiceCounts {
  invoices: number;
  paid: number;
  open: number;
  /** Pay-by-invoice orders settled later from a balance. */
  paidLater: number;
  payments: { acked: number; refused: number; unresolved: number };
}

export interface TicketCounts {
  tickets: number;
  events: number;
  soldOut: number;
  capacity: number;
  /** Checkouts whose tickets were refused for want of seats (at the cart or at completion). */
  refusedSeats: number;
}

export async function checkInvoices(db: pg.ClientBase, history: History): Promise<InvoiceCounts> {
  const violation = (message: string) => history.violation(`invoices: ${message}`);
  const invoices = (
    await db.query<{ tid: string; method: string; payment_status: string; total: string; payer: string | null; invoice: string; status: string; paid_at: Date | null }>(
      `SELECT t.id AS tid, t.payment_method::text AS method, t.payment_status::text, t.total::text, t.payer_account_id::text AS payer,
              i.id AS invoice, i.status::text, i.paid_at
         FROM transactions t JOIN invoices i ON i.transaction_id = t.id`,
    )
  ).rows;
  const entries = (
    await db.query<{ tid: string; xid: string; amount: string; from_account_id: string }>(
      `SELECT transaction_id AS tid, xmin::text AS xid, amount::text, from_account_id::text FROM ledger_entries
        WHERE type IN ('checkout_payment', 'checkout_tax') AND transaction_id IS NOT NULL`,
    )
  ).rows;
  const payments = new Map<string, Map<string, { total: bigint; from: Set<string> }>>();
  for (const e of entries) {
    const sets = payments.get(e.tid) ?? new Map<string, { total: bigint; from: Set<string> }>();
    const set = sets.get(e.xid) ?? { total: 0n, from: new Set<string>() };
    set.total += BigInt(e.amount);
    set.from.add(e.from_account_id);
    sets.set(e.xid, set);
    payments.set(e.tid, sets);
  }
  const counts: InvoiceCounts = { invoices: invoices.length, paid: 0, open: 0, paidLater: 0, payments: { acked: 0, refused: 0, unresolved: 0 } };
  const byTransaction = new Map(invoices.map((i) => [i.tid, i]));
  for (const i of invoices) {
    const sets = [...(payments.get(i.tid)?.values() ?? [])];
    if (i.status === "paid") {
      counts.paid++;
      if (i.method === "invoice") counts.paidLater++;
      const expected = BigInt(i.total) > 0n ? 1 : 0;
      if (sets.length !== expected) violation(`paid invoice ${i.invoice} (total ${i.total}) has ${sets.length} payments in the ledger, not ${expected}`);
      for (const s of sets) {
        if (String(s.total) !== i.total) violation(`invoice ${i.invoice}: a payment of ${s.total}, the total is ${i.total}`);
        if (s.from.size !== 1 || !s.from.has(i.payer ?? "")) violation(`invoice ${i.invoice}: paid from ${[...s.from].join(", ")}, the transaction names ${i.payer}`);
      }
      if (i.payment_status !== "paid" || !i.paid_at) violation(`paid invoice ${i.invoice}: the transaction is ${i.payment_status}, paid at ${i.paid_at?.toISOString()}`);
    } else {
      if (i.status === "open") counts.open++;
      if (sets.length !== 0) violation(`${i.status} invoice ${i.invoice} has ${sets.length} payments in the ledger`);
      if (i.payment_status !== "pending" || i.method !== "invoice") violation(`${i.status} invoice ${i.invoice}: a ${i.method} transaction, ${i.payment_status}`);
    }
  }
  const attempts = new Map<string, { acked: boolean; unresolved: boolean; userId: string }>();
  for (const p of history.invoicePayments) {
    counts.payments[p.status]++;
    const a = attempts.get(p.transactionId) ?? { acked: false, unresolved: false, userId: p.userId };
    a.acked ||= p.status === "acked";
    // A refusal after an attempt of unknown outcome settles nothing: that attempt may still pay (once).
    a.unresolved ||= p.status === "unresolved" || (p.status === "refused" && p.ambiguous === true);
    attempts.set(p.transactionId, a);
  }
  const buyerOf = new Map(history.checkouts.map((c) => [c.transactionId, c.userId]));
  const userAccounts = new Map((await db.query<{ user_id: string; id: string }>(`SELECT user_id, id::text FROM accounts WHERE kind = 'PERSONAL'`)).rows.map((r) => [r.user_id, r.id]));
  for (const [tid, a] of attempts) {
    const i = byTransaction.get(tid);
    if (!i) {
      violation(`an invoice payment was attempted for transaction ${tid}, which has no invoice`);
      continue;
    }
    if (buyerOf.get(tid) !== a.userId) violation(`invoice ${i.invoice} was paid by a client who did not buy it`);
    if (a.acked && (i.status !== "paid" || i.payer !== userAccounts.get(a.userId))) violation(`acknowledged payment of invoice ${i.invoice}: it is ${i.status}, paid from ${i.payer}`);
    if (!a.acked && !a.unresolved && i.status !== "open") violation(`invoice ${i.invoice}: every payment was refused, yet it is ${i.status}`);
  }
  // Checkouts the clients completed by invoice are invoice orders; balance ones are paid.
  for (const c of history.checkouts) {
    const i = c.status === "acked" && c.transactionId ? byTransaction.get(c.transactionId) : undefined;
    if (i && i.method !== c.method) violation(`checkout ${c.sessionId} asked to pay by ${c.method}, its transaction says ${i.method}`);
  }
  return counts;
}

export async function checkTickets(db: pg.ClientBase, history: History): Promise<TicketCounts> {
  const violation = (message: string) => history.violation(`tickets: ${message}`);
  for (const r of (await db.query<{ code: string; n: string }>(`SELECT code, count(*)::text AS n FROM tickets GROUP BY code HAVING count(*) > 1`)).rows) {
    violation(`code ${r.code} was issued ${r.n} times`);
  }
  const events = (
    await db.query<{ id: string; name: string; capacity: number; sold: number; issued: number }>(
      `SELECT e.id, e.name, e.capacity, e.tickets_sold AS sold, (SELECT count(*) FROM tickets t WHERE t.event_id = e.id)::int AS issued FROM events e`,
    )
  ).rows;
  const counts: TicketCounts = { tickets: 0, events: events.length, soldOut: 0, capacity: 0, refusedSeats: history.checkouts.filter((c) => c.soldOut).length };
  for (const e of events) {
    counts.tickets += e.issued;
    counts.capacity += e.capacity;
    if (e.issued >= e.capacity) counts.soldOut++;
    if (e.issued > e.capacity) violation(`${e.name}: ${e.issued} tickets for ${e.capacity} seats`);
    if (e.issued !== e.sold) violation(`${e.name}: ${e.issued} tickets issued, tickets_sold says ${e.sold}`);
  }
  const orphans = await db.query<{ code: string; session: string | null }>(
    `SELECT k.code, s.status::text AS session FROM tickets k
       LEFT JOIN transactions t ON t.id = k.transaction_id LEFT JOIN checkout_sessions s ON s.id = t.checkout_session_id
      WHERE s.status IS DISTINCT FROM 'COMPLETED' OR NOT EXISTS (SELECT 1 FROM invoices i WHERE i.transaction_id = t.id) OR btrim(k.attendee_name) = ''`,
  );
  for (const r of orphans.rows) violation(`ticket ${r.code} belongs to no completed checkout with an invoice (session ${r.session}) or names no attendee`);
  const lines = await db.query<{ id: string; tid: string; quantity: number; tickets: number }>(
    `SELECT l.id, l.transaction_id AS tid, l.quantity, (SELECT count(*) FROM tickets k WHERE k.line_item_id = l.id)::int AS tickets
       FROM transaction_line_items l WHERE l.kind = 'TICKET' OR EXISTS (SELECT 1 FROM tickets k WHERE k.line_item_id = l.id)`,
  );
  const perTransaction = new Map<string, number>();
  for (const l of lines.rows) {
    perTransaction.set(l.tid, (perTransaction.get(l.tid) ?? 0) + l.tickets);
    if (l.tickets !== l.quantity) violation(`line item ${l.id} of transaction ${l.tid}: quantity ${l.quantity}, ${l.tickets} tickets`);
  }
  for (const c of history.checkouts) {
    if (c.status !== "acked" || !c.transactionId) continue;
    const issued = perTransaction.get(c.transactionId) ?? 0;
    if (issued !== c.tickets) violation(`checkout ${c.sessionId} named ${c.tickets} attendees, its transaction has ${issued} tickets`);
  }
  return counts;
}
