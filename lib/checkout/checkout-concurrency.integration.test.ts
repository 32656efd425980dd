// Races around checkout completion, reproduced on purpose (house style: hold a row lock in one
// connection, queue the racing operations behind it, release, assert) and then randomized.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { setLineQuantity } from "./cart";
import { completeCheckout } from "./complete-checkout";
import { B2C, createBuyer, createEvent, createProduct, createSeller, prepareCheckout, rowCounts, type TestBuyer } from "../../scripts/test/checkout-fixtures";

async function holdRowLock(sql: string, params: unknown[]): Promise<{ release: () => Promise<void>; pid: number }> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query("BEGIN");
  await client.query(sql, params);
  const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
  return {
    pid: rows[0]!.pid,
    release: async () => {
      await client.query("COMMIT");
      await client.end();
    },
  };
}

/**
 * Waits until `n` backends are blocked on a lock (directly behind the holder or queued behind each
 * other on the same row): proof the operations overlap.
 */
async function waitForWaiters(holderPid: number, n: number): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    const [row] = await db().$queryRaw<{ waiting: bigint }[]>`
      SELECT count(*) AS waiting FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock' AND cardinality(pg_blocking_pids(pid)) > 0`;
    if (Number(row!.waiting) >= n) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  const rows = await db().$queryRaw`SELECT pid, state, wait_event_type, pg_blocking_pids(pid)::text AS b, left(query, 60) AS q FROM pg_stat_activity WHERE datname = current_database()`;
  throw new Error(`expected ${n} operations queued behind the lock ${holderPid}: ${JSON.stringify(rows)}`);
}

const settle = <T>(ps: Promise<T>[]) => Promise.allSettled(ps);

describe("checkout concurrency", () => {
  it("double submit / two tabs: three completions of one session queue on the claim → exactly one of everything", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const event = await createEvent(seller, 5);
    const ticket = await createProduct(seller, { price: 3500n, eventId: event });
    const sessionId = await prepareCheckout(buyer, [{ productId: ticket, quantity: 2 }]);
    const before = await rowCounts();
    const lock = await holdRowLock(`SELECT 1 FROM checkout_sessions WHERE id = $1 FOR UPDATE`, [sessionId]);
    const submits = settle([1, 2, 3].map(() => completeCheckout(db(), buyer, { sessionId, method: "balance", payerAccountId: buyer.accountId })));
    try {
      await waitForWaiters(lock.pid, 3);
    } finally {
      await lock.release();
    }
    const settled = await submits;
    expect(settled.every((o) => o.status === "fulfilled")).toBe(true);
    const results = settled.map((o) => (o as PromiseFulfilledResult<Awaited<ReturnType<typeof completeCheckout>>>).value);
    expect(new Set(results.map((r) => r.transactionId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const after = await rowCounts();
    expect({ tx: after.transactions - before.transactions, inv: after.invoices - before.invoices, mail: after.emails - before.emails, entries: after.entries - before.entries, tickets: after.tickets - before.tickets }).toEqual({ tx: 1, inv: 1, mail: 1, entries: 2, tickets: 2 });
    // A retry later replays too.
    const retry = await completeCheckout(db(), buyer, { sessionId, method: "balance", payerAccountId: buyer.accountId });
    expect(retry).toMatchObject({ transactionId: results[0]!.transactionId, replayed: true });
  });

  it("capacity, deterministic: 3 checkouts of 2 tickets queue behind a locked event with 5 seats → 2 succeed, 1 is told only 1 is left", async () => {
    const seller = await createSeller();
    const event = await createEvent(seller, 5);
    const ticket = await createProduct(seller, { price: 1000n, eventId: event });
    const buyers = await Promise.all([1, 2, 3].map(() => createBuyer()));
    const sessions = await Promise.all(buyers.map((b) => prepareCheckout(b, [{ productId: ticket, quantity: 2 }])));
    const lock = await holdRowLock(`SELECT 1 FROM events WHERE id = $1 FOR UPDATE`, [event]);
    // Settled from the start, so a refusal arriving while the lock is being released is never "unhandled".
    const racing = settle(buyers.map((b, i) => completeCheckout(db(), b, { sessionId: sessions[i]!, method: "balance", payerAccountId: b.accountId })));
    try {
      await waitForWaiters(lock.pid, 3);
    } finally {
      await lock.release();
    }
    const outcomes = await racing;
    const ok = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(ok).toHaveLength(2);
    expect(refused).toHaveLength(1);
    expect(String(refused[0]!.reason)).toMatch(/Only 1 tickets are left/);
    expect((await db().event.findUniqueOrThrow({ where: { id: event } })).ticketsSold).toBe(4);
    expect(await db().ticket.count({ where: { eventId: event } })).toBe(4);
  });

  it("a ticket line's quantity is checked against the committed seats: it never waits on a checkout holding the event, and a sale committed meanwhile is seen next time", async () => {
    const seller = await createSeller();
    const event = await createEvent(seller, 3);
    const ticket = await createProduct(seller, { price: 1000n, eventId: event });
    const buyer = await createBuyer();
    const sessionId = await prepareCheckout(buyer, [{ productId: ticket, quantity: 1 }]);
    const [line] = await db().checkoutLine.findMany({ where: { sessionId }, select: { id: true } });
    // Another buyer's checkout has sold every seat but not committed (it holds the event row).
    const sale = await holdRowLock(`UPDATE events SET tickets_sold = capacity WHERE id = $1`, [event]);
    let setWhileHeld: Promise<void>;
    try {
      // The cart's check reads the last committed count (0 sold) without waiting: it is advisory;
      // completion re-checks under the event row lock (the capacity tests above).
      setWhileHeld = db().$transaction((tx) => setLineQuantity(tx, buyer.id, { lineId: line!.id, quantity: 2 }));
      await setWhileHeld;
      expect((await db().checkoutLine.findUniqueOrThrow({ where: { id: line!.id } })).quantity).toBe(2);
    } finally {
      await sale.release();
    }
    const refused = await db()
      .$transaction((tx) => setLineQuantity(tx, buyer.id, { lineId: line!.id, quantity: 3 }))
      .then(() => null, (e: unknown) => e);
    expect(String(refused)).toMatch(/Only 0 tickets are left/);
    expect((await db().checkoutLine.findUniqueOrThrow({ where: { id: line!.id } })).quantity).toBe(2);
  });

  it("capacity, randomized against a serial replay: never oversold, refusals only when too few were left", async () => {
    let seed = 20261121;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const seller = await createSeller();
    const capacity = 17;
    const event = await createEvent(seller, capacity);
    const ticket = await createProduct(seller, { price: 700n, eventId: event });
    const buyers: TestBuyer[] = await Promise.all(Array.from({ length: 12 }, () => createBuyer()));
    const wanted = buyers.map(() => 1 + Math.floor(random() * 4));
    const sessions = await Promise.all(buyers.map((b, i) => prepareCheckout(b, [{ productId: ticket, quantity: wanted[i]! }])));
    const started: number[] = [];
    const finished: number[] = [];
    const outcomes = await settle(
      buyers.map(async (b, i) => {
        started.push(performance.now());
        try {
          return await completeCheckout(db(), b, { sessionId: sessions[i]!, method: "balance", payerAccountId: b.accountId });
        } finally {
          finished.push(performance.now());
        }
      }),
    );
    // Overlap: some checkout started before another finished.
    expect(Math.max(...started)).toBeLessThan(Math.max(...finished));
    const sold = outcomes.reduce((n, o, i) => n + (o.status === "fulfilled" ? wanted[i]! : 0), 0);
    expect(sold).toBeLessThanOrEqual(capacity);
    expect((await db().event.findUniqueOrThrow({ where: { id: event } })).ticketsSold).toBe(sold);
    expect(await db().ticket.count({ where: { eventId: event } })).toBe(sold);
    for (const [i, o] of outcomes.entries()) {
      if (o.status === "rejected") {
        expect(String(o.reason)).toMatch(/sold out|tickets are left/);
        expect(wanted[i]!).toBeGreaterThan(capacity - sold); // seats only ever decrease
      }
    }
    // Serial replay of the committed checkouts in commit order (transaction creation order) never overshoots.
    const committed = await db().transaction.findMany({ where: { sellerCompanyId: seller.id }, orderBy: { createdAt: "asc" }, include: { lineItems: true } });
    let left = capacity;
    for (const t of committed) {
      left -= t.lineItems[0]!.quantity;
      expect(left).toBeGreaterThanOrEqual(0);
    }
    expect(outcomes.filter((o) => o.status === "fulfilled").length).toBeGreaterThan(0);
  });

  it("gapless invoice numbers across concurrent checkouts of one seller, also when some roll back", async () => {
    const seller = await createSeller({ prefix: "GAP" });
    const product = await createProduct(seller, { price: 1000n });
    const rich = await Promise.all(Array.from({ length: 10 }, () => createBuyer()));
    const poor = await Promise.all(Array.from({ length: 4 }, () => createBuyer("USD", 10n)));
    const all = [...rich, ...poor].sort(() => 0.5 - Math.random());
    const sessions = await Promise.all(all.map((b) => prepareCheckout(b, [{ productId: product, quantity: 1 }], B2C)));
    const outcomes = await settle(all.map((b, i) => completeCheckout(db(), b, { sessionId: sessions[i]!, method: "balance", payerAccountId: b.accountId })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(10);
    const invoices = await db().invoice.findMany({ where: { sellerCompanyId: seller.id }, orderBy: { sequence: "asc" } });
    const year = new Date().getUTCFullYear();
    expect(invoices.map((i) => i.number)).toEqual(Array.from({ length: 10 }, (_, k) => `GAP-${year}-${String(k + 1).padStart(4, "0")}`));
    const counter = await db().documentCounter.findUniqueOrThrow({ where: { companyId_kind_year: { companyId: seller.id, kind: "invoice", year } } });
    expect(counter.lastNumber).toBe(10);
  });
});
