// Issue 9, idempotency of checkout completion (the checkout session is the idempotency key, the
// request is the payment method and the payer account): 100 concurrent completions of one session
// have one effect and all name the same order; the same session with another method or another
// account is refused as a conflict (409), never answered with the first order as if the new choice
// had been applied; two different requests racing on a fresh session: exactly one wins.
//
// The pool is widened so the 100 calls really run on many connections at once; each test holds the
// session's row lock until every pooled connection is seen waiting on it (pg_stat_activity), which
// proves they overlap at the claim.
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { AppError } from "../errors/app-error";
import { openPersonalAccount } from "../ledger/open-account";
import { holdLock, waitForLockWaiters } from "../../scripts/test/lock-interleaving";
import { B2B_DE, createBuyer, createEvent, createProduct, createSeller, prepareCheckout, rowCounts, type TestBuyer } from "../../scripts/test/checkout-fixtures";
import { completeCheckout, type CompleteCheckoutInput, type CompletedCheckout } from "./complete-checkout";

// db() creates its pool on first use, which is after this line.
const POOL = 24;
process.env.DATABASE_POOL_SIZE = String(POOL);

type Outcome = { ok: true; value: CompletedCheckout; start: number; end: number } | { ok: false; error: unknown; start: number; end: number };

/** Starts every completion while the session row is held, waits until the pool is queued on it, releases. */
async function raceOnHeldSession(buyer: TestBuyer, sessionId: string, inputs: Omit<CompleteCheckoutInput, "sessionId">[]): Promise<Outcome[]> {
  const lock = await holdLock(`SELECT 1 FROM checkout_sessions WHERE id = $1 FOR UPDATE`, [sessionId]);
  const running = inputs.map(async (input): Promise<Outcome> => {
    const start = performance.now();
    try {
      const value = await completeCheckout(db(), buyer, { sessionId, ...input });
      return { ok: true, value, start, end: performance.now() };
    } catch (error) {
      return { ok: false, error, start, end: performance.now() };
    }
  });
  try {
    // Every pooled connection is inside a completion, blocked on the session claim.
    await waitForLockWaiters(Math.min(POOL, inputs.length));
  } finally {
    await lock.release();
  }
  const outcomes = await Promise.all(running);
  // They overlapped: every call started before the first one finished.
  expect(Math.max(...outcomes.map((o) => o.start))).toBeLessThan(Math.min(...outcomes.map((o) => o.end)));
  return outcomes;
}

const balanceOf = async (accountId: bigint) => (await db().balance.findUniqueOrThrow({ where: { accountId } })).balance;

async function ledgerOf(transactionId: string) {
  return db().ledgerEntry.findMany({ where: { transactionId }, select: { amount: true, fromAccountId: true } });
}

describe("checkout completion is idempotent on its session", () => {
  it("100 concurrent identical completions: one transaction, invoice, email, posting and ticket set; every caller gets the same order", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const event = await createEvent(seller, 10);
    const ticket = await createProduct(seller, { price: 3500n, eventId: event });
    const poster = await createProduct(seller, { price: 1200n });
    const sessionId = await prepareCheckout(buyer, [{ productId: ticket, quantity: 2 }, { productId: poster, quantity: 1 }]);
    const before = await rowCounts();
    const balanceBefore = await balanceOf(buyer.accountId);

    const outcomes = await raceOnHeldSession(
      buyer,
      sessionId,
      Array.from({ length: 100 }, () => ({ method: "balance", payerAccountId: buyer.accountId })),
    );
    const failures = outcomes.filter((o) => !o.ok);
    expect(failures.map((f) => String((f as { error: unknown }).error))).toEqual([]);
    const results = outcomes.map((o) => (o as { value: CompletedCheckout }).value);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const first = results.find((r) => !r.replayed)!;
    for (const r of results) expect({ ...r, replayed: false }).toEqual(first);

    const after = await rowCounts();
    expect({
      transactions: after.transactions - before.transactions,
      lineItems: after.line_items - before.line_items,
      invoices: after.invoices - before.invoices,
      emails: after.emails - before.emails,
      tickets: after.tickets - before.tickets,
      ticketsSold: after.tickets_sold - before.tickets_sold,
    }).toEqual({ transactions: 1, lineItems: 2, invoices: 1, emails: 1, tickets: 2, ticketsSold: 2 });
    // One posting: every entry written by this run belongs to the one order, and the buyer paid its total once.
    const order = await db().transaction.findUniqueOrThrow({ where: { id: first.transactionId }, select: { total: true, checkoutSessionId: true } });
    expect(order.checkoutSessionId).toBe(sessionId);
    const entries = await ledgerOf(first.transactionId);
    expect(after.entries - before.entries).toBe(entries.length);
    expect(entries.reduce((s, e) => s + e.amount, 0n)).toBe(order.total);
    expect(await balanceOf(buyer.accountId)).toBe(balanceBefore - order.total);
    expect(await db().emailOutbox.count({ where: { invoiceId: first.invoiceId } })).toBe(1);
  });

  it("the completed session with another method or another account is a conflict; the same request still answers the order", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const second = await db().$transaction((tx) => openPersonalAccount(tx, { userId: buyer.id, openingDeposit: 50_000n }));
    const product = await createProduct(seller, { price: 4000n });
    const sessionId = await prepareCheckout(buyer, [{ productId: product, quantity: 1 }], B2B_DE);
    const done = await completeCheckout(db(), buyer, { sessionId, method: "balance", payerAccountId: buyer.accountId });
    const before = await rowCounts();
    const balances = [await balanceOf(buyer.accountId), await balanceOf(second.id)];

    for (const other of [
      { method: "invoice", payerAccountId: null },
      { method: "balance", payerAccountId: second.id },
      { method: "free", payerAccountId: null },
    ]) {
      const error = await completeCheckout(db(), buyer, { sessionId, ...other }).catch((e: unknown) => e);
      expect(error, other.method).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("idempotency_conflict");
      expect((error as AppError).status).toBe(409);
      expect((error as AppError).message).toBe(
        `This checkout was already completed: order ${done.invoiceNumber} was paid from account #${buyer.accountId}. Your new choice was not applied and nothing more was charged.`,
      );
      expect((error as AppError).fieldErrors).toHaveProperty("method");
    }
    // A plain double submit (same inputs) is still answered with the order.
    expect(await completeCheckout(db(), buyer, { sessionId, method: "balance", payerAccountId: buyer.accountId })).toEqual({ ...done, replayed: true });
    expect(await rowCounts()).toEqual(before);
    expect([await balanceOf(buyer.accountId), await balanceOf(second.id)]).toEqual(balances);
  });

  it("an order placed by invoice and settled later from a balance still replays its own request", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const product = await createProduct(seller, { price: 4000n });
    const sessionId = await prepareCheckout(buyer, [{ productId: product, quantity: 1 }], B2B_DE);
    const done = await completeCheckout(db(), buyer, { sessionId, method: "invoice", payerAccountId: null });
    // What settling the invoice from a balance records on the order (lib/invoicing/settle-invoice.ts).
    await db().transaction.update({ where: { id: done.transactionId }, data: { paymentStatus: "paid", payerAccountId: buyer.accountId } });
    expect(await completeCheckout(db(), buyer, { sessionId, method: "invoice", payerAccountId: null })).toEqual({ ...done, replayed: true });
    const error = await completeCheckout(db(), buyer, { sessionId, method: "balance", payerAccountId: buyer.accountId }).catch((e: unknown) => e);
    expect((error as AppError).code).toBe("idempotency_conflict");
    expect((error as AppError).message).toContain(`order ${done.invoiceNumber} was placed to be paid by invoice`);
  });

  it("two different requests race on a fresh session: exactly one wins, the others get its replay or the conflict", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const product = await createProduct(seller, { price: 2500n });
    const sessionId = await prepareCheckout(buyer, [{ productId: product, quantity: 2 }], B2B_DE);
    const before = await rowCounts();
    const balanceBefore = await balanceOf(buyer.accountId);
    const bodies = [
      { method: "balance", payerAccountId: buyer.accountId },
      { method: "invoice", payerAccountId: null },
    ];
    const outcomes = await raceOnHeldSession(buyer, sessionId, Array.from({ length: 40 }, (_, i) => bodies[i % 2]!));

    const winners = outcomes.flatMap((o, i) => (o.ok && !o.value.replayed ? [{ i, value: o.value }] : []));
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    for (const [i, o] of outcomes.entries()) {
      if (i % 2 === winner.i % 2) {
        expect(o.ok).toBe(true);
        expect((o as { value: CompletedCheckout }).value.transactionId).toBe(winner.value.transactionId);
      } else {
        expect(o.ok).toBe(false);
        expect(((o as { error: unknown }).error as AppError).code).toBe("idempotency_conflict");
      }
    }
    const after = await rowCounts();
    expect([after.transactions - before.transactions, after.invoices - before.invoices, after.emails - before.emails]).toEqual([1, 1, 1]);
    const order = await db().transaction.findUniqueOrThrow({ where: { id: winner.value.transactionId } });
    expect(order.paymentMethod).toBe(bodies[winner.i % 2]!.method);
    // Only a balance win moved money, and only once.
    const paid = order.paymentMethod === "balance" ? order.total : 0n;
    expect(await balanceOf(buyer.accountId)).toBe(balanceBefore - paid);
    expect(after.entries - before.entries).toBe((await ledgerOf(order.id)).length);
  });
});
