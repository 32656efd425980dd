// Property-based hostile input for the invoice action (issue 9 part 4): mark paid, void, pay from a
// balance and refund, invoked as a function with a mocked session that is the seller's owner, the
// buyer, or a stranger. Intents, invoice and transaction ids (open, paid, someone else's, nonexistent,
// malformed), accounts (the buyer's, one in another currency, someone else's), amounts and currencies
// come in every shape. An operation succeeds exactly when the session may do it on an invoice in a
// state that allows it; every refusal is a specific message, a stranger's refusal reads exactly like
// one about a nonexistent invoice, and the database changes only by what succeeded: a refund is one
// credit note and its entries, for the amount typed in the order's currency.
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db/client";
import { openPersonalAccount } from "@/lib/ledger/open-account";
import { verifyLedger } from "@/lib/ledger/verify";
import { parseAmount } from "@/lib/money/amount";
import { B2B_DE, checkout, createBuyer, createProduct, createSeller, type TestBuyer } from "@/scripts/test/checkout-fixtures";
import { dbState } from "@/scripts/test/fuzz/db-state";
import { countChanges, expectInlineError, form, fuzzSession, refusalMessage, runAction, succeeded } from "@/scripts/test/fuzz/form-actions";
import { fuzzParams, hostileAmount, hostileCurrency, hostileId, hostileString } from "@/scripts/test/fuzz/hostile";

const session = fuzzSession;
vi.mock("@/lib/auth/current-user", async () => (await import("@/scripts/test/fuzz/form-actions")).currentUserMock);
vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test/fuzz/form-actions")).authMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", async () => (await import("@/scripts/test/fuzz/form-actions")).navigationMock);

const { invoiceAction } = await import("./actions");

const MISSING_ID = "cmissing0000000000000000";
const FIELDS = ["intent", "invoiceId", "accountId", "amount", "currency", "transactionId"];
type Who = "seller" | "buyer" | "stranger";
let people: Record<Who, TestBuyer>;
let euroAccount: bigint;
/** Invoices (and their transactions) by kind: pay-later (open until paid or voided) and paid from a balance (refundable). */
let later: { invoiceId: string; transactionId: string }[];
/** New orders, pay-later and paid, so that settling and refunding always have invoices to try. */
let orderLater: () => Promise<{ invoiceId: string; transactionId: string }>;
let orderPaid: () => Promise<{ invoiceId: string; transactionId: string }>;
let paid: { invoiceId: string; transactionId: string }[];

const asSession = (b: TestBuyer): SessionUser => ({ id: b.id, email: b.email, name: "Someone", role: "USER" });

beforeAll(async () => {
  people = { seller: await createBuyer(), buyer: await createBuyer("USD", 100_000_000n), stranger: await createBuyer() };
  const shop = await createSeller({ ownerId: people.seller.id, country: "DE", taxRateBps: 1900 });
  const product = await createProduct(shop, { price: 1999n });
  later = [];
  paid = [];
  orderLater = () => checkout(people.buyer, [{ productId: product, quantity: 1 }], { customer: B2B_DE, method: "invoice" });
  for (let i = 0; i < 6; i++) later.push(await orderLater());
  orderPaid = () => checkout(people.buyer, [{ productId: product, quantity: 2 }]);
  for (let i = 0; i < 4; i++) paid.push(await orderPaid());
  euroAccount = (await db().$transaction((tx) => openPersonalAccount(tx, { userId: people.buyer.id, currency: "EUR" }))).id;
});

const who = fc.constantFrom<Who>("seller", "seller", "buyer", "buyer", "stranger");
/** Mostly the three newest orders of each kind (kept open, or refundable), sometimes older (paid, void, refunded) ones. */
const invoiceRef = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom("later", "paid"), fc.nat({ max: 2 })) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom("later", "paid"), fc.nat({ max: 5 })) },
  { weight: 1, arbitrary: fc.constant("missing") },
  { weight: 2, arbitrary: hostileId },
);
const pick = (ref: unknown): { invoiceId: string; transactionId: string } | null => {
  if (!Array.isArray(ref)) return null;
  const list = ref[0] === "later" ? later : paid;
  return list[ref[1] % list.length]!;
};

describe("invoice actions under hostile input", () => {
  it("mark paid, void, pay and refund: allowed exactly when the session may, refused with a specific message otherwise", async () => {
    const before = await dbState();
    let refunds = 0;
    let ordered = 0;
    const tally: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(
        who,
        fc.oneof({ weight: 6, arbitrary: fc.constantFrom("mark-paid", "void", "pay", "refund") }, { weight: 1, arbitrary: fc.constantFrom("", "PAY", "delete", "constructor", "__proto__") }, { weight: 1, arbitrary: hostileString }),
        invoiceRef,
        fc.oneof({ weight: 4, arbitrary: fc.constantFrom("own", "own", "own", "#own", "euro", "stranger", "") }, { weight: 1, arbitrary: hostileId }),
        fc.oneof({ weight: 4, arbitrary: fc.constantFrom("", "0.01", "1", "1.5", "39.98", "50", "0", "-1", "1,000.00", "$1") }, { weight: 1, arbitrary: hostileAmount.map(String) }),
        fc.oneof({ weight: 4, arbitrary: fc.constant("USD") }, { weight: 1, arbitrary: fc.constantFrom("JPY", "BHD", "EUR", "usd") }, { weight: 1, arbitrary: hostileCurrency.map(String) }),
        async (w, intent, ref, account, amount, currency) => {
          session.user = asSession(people[w]);
          // Keep three open pay-later invoices at the front of the list: the others stay as paid or void ones.
          const open = await db().invoice.count({ where: { id: { in: later.slice(0, 3).map((l) => l.invoiceId) }, status: "open" } });
          if (open < 3) {
            later.unshift(await orderLater());
            ordered++;
          }
          const refundable = await db().transaction.count({ where: { id: { in: paid.slice(0, 3).map((p) => p.transactionId) }, paymentStatus: "paid" } });
          if (refundable < 3) {
            paid.unshift(await orderPaid());
            ordered++;
          }
          const target = pick(ref);
          const invoiceId = target?.invoiceId ?? (ref === "missing" ? MISSING_ID : String(ref));
          const transactionId = target?.transactionId ?? invoiceId;
          const accountId = ({ own: String(people.buyer.accountId), "#own": `#${people.buyer.accountId}`, euro: String(euroAccount), stranger: String(people.stranger.accountId) } as Record<string, string>)[account] ?? account;
          const invoice = target ? await db().invoice.findUniqueOrThrow({ where: { id: target.invoiceId }, select: { status: true } }) : null;
          const order = target ? await db().transaction.findUniqueOrThrow({ where: { id: target.transactionId }, select: { refunded: true, total: true, currency: true } }) : null;
          const run = (ids: { invoiceId: string; transactionId: string }) => runAction(() => invoiceAction({ status: "idle" }, form({ intent, accountId, amount, currency, ...ids })));
          const outcome = await run({ invoiceId, transactionId });
          if (succeeded(outcome)) {
            tally[intent] = (tally[intent] ?? 0) + 1;
            if (intent === "mark-paid" || intent === "void") {
              expect(w).toBe("seller");
              expect(invoice?.status).toBe("open");
            } else if (intent === "pay") {
              expect(w).toBe("buyer");
              expect(invoice?.status).toBe("open");
              expect([String(people.buyer.accountId), `#${people.buyer.accountId}`]).toContain(accountId);
            } else {
              expect(intent).toBe("refund");
              expect(w).toBe("seller");
              refunds++;
              const now = await db().transaction.findUniqueOrThrow({ where: { id: transactionId }, select: { refunded: true } });
              // The amount as typed, in the order's own currency (the rest when left empty).
              const expected = amount.trim() === "" ? order!.total - order!.refunded : parseAmount(amount, order!.currency);
              expect(now.refunded - order!.refunded).toBe(expected);
            }
            return;
          }
          expectInlineError(outcome, FIELDS);
          if (w === "stranger" && target && /not found/.test(refusalMessage(outcome))) {
            expect(refusalMessage(outcome)).toBe(refusalMessage(await run({ invoiceId: MISSING_ID, transactionId: MISSING_ID })));
          }
        },
      ),
      fuzzParams(1000),
    );
    for (const intent of ["mark-paid", "void", "pay", "refund"]) expect(tally[intent], intent).toBeGreaterThan(0);
    expect(refunds).toBeGreaterThan(0);
    const after = await dbState();
    const changes = countChanges(before, after);
    expect(changes.credit_notes ?? 0).toBe(refunds);
    // Besides refunds and payments, only the pay-later orders this test placed to keep invoices open.
    for (const table of ["transactions", "invoices", "email_outbox", "checkout_sessions"]) expect(changes[table] ?? 0, table).toBe(ordered);
    expect(Object.keys(changes).filter((t) => !["credit_notes", "ledger_entries", "document_counters", "accounts", "balances", "transactions", "invoices", "email_outbox", "checkout_sessions", "checkout_lines", "transaction_line_items"].includes(t))).toEqual([]);
    // Money moved only between the buyer, the seller and the tax authority: the stranger's and the euro account are untouched.
    expect(after.balances[String(people.stranger.accountId)]).toBe(before.balances[String(people.stranger.accountId)]);
    expect(after.balances[String(euroAccount)]).toBe(before.balances[String(euroAccount)]);
    expect((await verifyLedger()).violations).toEqual([]);
  });

  it("without a session every intent is refused and nothing changes", async () => {
    session.user = null;
    const before = await dbState();
    for (const intent of ["mark-paid", "void", "pay", "refund"]) {
      const outcome = await runAction(() => invoiceAction({ status: "idle" }, form({ intent, invoiceId: later[0]!.invoiceId, transactionId: paid[0]!.transactionId, accountId: String(people.buyer.accountId), amount: "", currency: "USD" })));
      expect(refusalMessage(outcome)).toMatch(/^Your session has ended/);
    }
    expect(await dbState()).toEqual(before);
  });
});
