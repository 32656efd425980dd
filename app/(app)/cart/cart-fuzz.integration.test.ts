// Property-based hostile input for the cart actions (issue 9 part 4): add to cart, set a line's
// quantity, remove a line, empty the cart, invoked as functions with a mocked session, in random
// order. Product ids are on sale, someone else's inactive product, a past event's ticket, another
// seller's or another currency's, nonexistent or malformed; line ids are the buyer's own, someone
// else's, a completed checkout's or malformed; quantities come in every shape. Every refusal is an
// inline error (or, for the plain-form actions, an expected error) with a specific message; someone
// else's line reads exactly like a nonexistent one; only the buyer's cart rows change, and the cart
// always holds what could be sold (1–99 per line, never more tickets than are left).
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { addToCart, MAX_QUANTITY } from "@/lib/checkout/cart";
import { db } from "@/lib/db/client";
import { checkout, createBuyer, createEvent, createProduct, createSeller, type TestBuyer } from "@/scripts/test/checkout-fixtures";
import { dbState } from "@/scripts/test/fuzz/db-state";
import { countChanges, expectInlineError, form, fuzzSession, type Outcome, prototypeKeys, refusalMessage, runAction, succeeded } from "@/scripts/test/fuzz/form-actions";
import { fuzzParams, hostileAmount, hostileId, hostileString } from "@/scripts/test/fuzz/hostile";

const session = fuzzSession;
vi.mock("@/lib/auth/current-user", async () => (await import("@/scripts/test/fuzz/form-actions")).currentUserMock);
vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test/fuzz/form-actions")).authMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", async () => (await import("@/scripts/test/fuzz/form-actions")).navigationMock);

const { addToCartAction, setQuantityAction, removeLineAction, emptyCartAction } = await import("./actions");

const CAPACITY = 3;
const NOT_ON_SALE = "This product is not on sale.";
const NO_SUCH_LINE = "This cart line does not exist.";
let alice: TestBuyer;
let bob: TestBuyer;
/** Products by role: on sale (goods, tickets, another seller's, another currency's) and not. */
let products: { goods: string; ticket: string; otherSeller: string; euro: string; inactive: string; pastTicket: string };
let bobLineId: string;
let completedLineId: string;
let eventId: string;

const asSession = (b: TestBuyer): SessionUser => ({ id: b.id, email: b.email, name: "Buyer", role: "USER" });

beforeAll(async () => {
  [alice, bob] = [await createBuyer(), await createBuyer()];
  const shop = await createSeller();
  const otherShop = await createSeller();
  const euroShop = await createSeller({ currency: "EUR" });
  const strangerShop = await createSeller();
  eventId = await createEvent(shop, CAPACITY);
  const pastEvent = await createEvent(shop, 10);
  await db().event.update({ where: { id: pastEvent }, data: { startsAt: new Date(Date.now() - 86_400_000) } });
  const inactive = await createProduct(strangerShop, { price: 700n });
  await db().product.update({ where: { id: inactive }, data: { active: false } });
  products = {
    goods: await createProduct(shop, { price: 250n }),
    ticket: await createProduct(shop, { price: 1000n, eventId }),
    otherSeller: await createProduct(otherShop, { price: 300n }),
    euro: await createProduct(euroShop, { price: 400n }),
    inactive,
    pastTicket: await createProduct(shop, { price: 500n, eventId: pastEvent }),
  };
  const { sessionId } = await db().$transaction((tx) => addToCart(tx, bob.id, { productId: products.goods, quantity: 1 }));
  bobLineId = (await db().checkoutLine.findFirstOrThrow({ where: { sessionId }, select: { id: true } })).id;
  // A line of a checkout Alice already completed (then a fresh, empty cart for the fuzzing).
  await checkout(alice, [{ productId: products.goods, quantity: 1 }]);
  completedLineId = (await db().checkoutLine.findFirstOrThrow({ where: { session: { userId: alice.id, status: "COMPLETED" } }, select: { id: true } })).id;
});

/** Quantities as a form may send them: digits, signs, fractions, exponents, other scripts, files, nothing. */
const quantity = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -3, max: 5 }).map(String) },
  fc.constantFrom("0", "99", "100", "999", "1000", "1.5", "1e1", "2e0", " 2 ", "+1", "01", "0x2", "٣", "２", "1_0", "Infinity", "-0", "9007199254740993"),
  fc.integer({ min: -1000, max: 1000 }).map(String),
  hostileAmount.map(String),
  hostileString,
  fc.constant(undefined),
  fc.constant(new File(["2"], "quantity.txt")),
);
type ProductRef = "goods" | "ticket" | "otherSeller" | "euro" | "inactive" | "pastTicket" | { id: string };
const productRef: fc.Arbitrary<ProductRef> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("goods", "ticket", "otherSeller", "euro", "inactive", "pastTicket") },
  { weight: 3, arbitrary: hostileId.map((id) => ({ id })) },
  { weight: 1, arbitrary: fc.constantFrom({ id: "__proto__" }, { id: "cmissing0000000000000000" }) },
);
const lineRef: fc.Arbitrary<LineRef> = fc.oneof(
  { weight: 5, arbitrary: fc.nat({ max: 3 }).map((own) => ({ own })) },
  { weight: 2, arbitrary: fc.constantFrom("bob", "completed") },
  { weight: 3, arbitrary: hostileId.map((id) => ({ id })) },
);
type LineRef = { own: number } | { id: string } | "bob" | "completed";
type Quantity = string | File | undefined;
type Operation = { op: "add"; product: ProductRef; quantity: Quantity } | { op: "set"; line: LineRef; quantity: Quantity } | { op: "remove"; line: LineRef } | { op: "empty" };
const operation: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant("add" as const), product: productRef, quantity }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("set" as const), line: lineRef, quantity }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("remove" as const), line: lineRef }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("empty" as const) }) },
);

async function aliceOpenLines(): Promise<{ id: string; quantity: number; productId: string }[]> {
  return db().checkoutLine.findMany({ where: { session: { userId: alice.id, status: "OPEN" } }, select: { id: true, quantity: true, productId: true }, orderBy: { id: "asc" } });
}

async function resolveLine(ref: LineRef): Promise<string> {
  if (ref === "bob") return bobLineId;
  if (ref === "completed") return completedLineId;
  if ("id" in ref) return ref.id;
  const lines = await aliceOpenLines();
  return lines.length ? lines[ref.own % lines.length]!.id : "cnolines0000000000000000";
}

async function perform(o: Operation): Promise<{ outcome: Outcome; target: string }> {
  if (o.op === "add") {
    const productId = typeof o.product === "string" ? products[o.product] : o.product.id;
    return { target: productId, outcome: await runAction(() => addToCartAction({ status: "idle" }, form({ productId, quantity: o.quantity }))) };
  }
  if (o.op === "set") {
    const lineId = await resolveLine(o.line);
    return { target: lineId, outcome: await runAction(() => setQuantityAction({ status: "idle" }, form({ lineId, quantity: o.quantity }))) };
  }
  if (o.op === "remove") {
    const lineId = await resolveLine(o.line);
    return { target: lineId, outcome: await runAction(() => removeLineAction(form({ lineId }))) };
  }
  return { target: "", outcome: await runAction(() => emptyCartAction()) };
}

describe("cart actions under hostile input", () => {
  it("add, set, remove and empty: success or a specific refusal; the cart always holds what could be sold", async () => {
    session.user = asSession(alice);
    const prototype = prototypeKeys();
    const before = await dbState();
    const bobLineBefore = await db().checkoutLine.findUniqueOrThrow({ where: { id: bobLineId } });
    const tally = { add: 0, set: 0, remove: 0, empty: 0, succeeded: 0 };
    await fc.assert(
      fc.asyncProperty(operation, async (o) => {
        tally[o.op]++;
        const { outcome, target } = await perform(o);
        if (succeeded(outcome)) {
          tally.succeeded++;
          if (o.op === "add") expect(["goods", "ticket", "otherSeller", "euro"].map((k) => products[k as keyof typeof products])).toContain(target);
          if (o.op === "set" || o.op === "remove") expect([bobLineId, completedLineId]).not.toContain(target);
          if (outcome.kind === "redirect") expect(outcome.to).toBe("/cart");
        } else {
          const refusal = expectInlineError(outcome, ["productId", "quantity", "lineId"]);
          const message = "message" in refusal ? refusal.message : undefined;
          if (o.op === "add" && (o.product === "inactive" || typeof o.product !== "string")) {
            // Inactive, nonexistent and malformed products read alike (unless the quantity was refused first).
            if (!("fieldErrors" in refusal && refusal.fieldErrors?.quantity)) expect(message).toBe(NOT_ON_SALE);
          }
          if ((o.op === "set" || o.op === "remove") && (o.line === "bob" || (typeof o.line === "object" && "id" in o.line))) {
            if (!("fieldErrors" in refusal && refusal.fieldErrors?.quantity)) expect(message).toBe(NO_SUCH_LINE);
          }
        }
        expect(prototypeKeys()).toEqual(prototype);
        expect(({} as Record<string, unknown>)["0"]).toBeUndefined();

        // What Alice's cart holds is always sellable.
        const lines = await aliceOpenLines();
        const event = await db().event.findUniqueOrThrow({ where: { id: eventId }, select: { capacity: true, ticketsSold: true } });
        for (const line of lines) {
          expect(line.quantity).toBeGreaterThanOrEqual(1);
          expect(line.quantity).toBeLessThanOrEqual(MAX_QUANTITY);
          if (line.productId === products.ticket) expect(line.quantity, "more tickets in the cart than are left").toBeLessThanOrEqual(event.capacity - event.ticketsSold);
        }
        expect(new Set(lines.map((l) => l.productId)).size).toBe(lines.length);
      }),
      fuzzParams(1500),
    );
    expect(Math.min(tally.add, tally.set, tally.remove, tally.empty)).toBeGreaterThan(0);
    expect(tally.succeeded).toBeGreaterThan(0);

    const after = await dbState();
    // Only cart rows change; nothing is bought, no money moves; Bob's line is untouched.
    expect(Object.keys(countChanges(before, after)).filter((t) => !["checkout_sessions", "checkout_lines"].includes(t))).toEqual([]);
    expect(after.balances).toEqual(before.balances);
    expect(await db().checkoutLine.findUniqueOrThrow({ where: { id: bobLineId } })).toEqual(bobLineBefore);
    expect(await db().checkoutSession.count({ where: { userId: alice.id, status: "OPEN" } })).toBeLessThanOrEqual(1);
  });

  it("someone else's cart line is refused exactly like a nonexistent one", async () => {
    session.user = asSession(alice);
    for (const quantity of ["2", "0"]) {
      const theirs = await runAction(() => setQuantityAction({ status: "idle" }, form({ lineId: bobLineId, quantity })));
      const missing = await runAction(() => setQuantityAction({ status: "idle" }, form({ lineId: "cmissing0000000000000000", quantity })));
      expect(refusalMessage(theirs)).toBe(refusalMessage(missing));
    }
    expect(refusalMessage(await runAction(() => removeLineAction(form({ lineId: bobLineId }))))).toBe(refusalMessage(await runAction(() => removeLineAction(form({ lineId: "cmissing0000000000000000" })))));
  });

  it("a ticket line cannot be set to more tickets than are left", async () => {
    session.user = asSession(alice);
    await runAction(() => emptyCartAction());
    expect(succeeded(await runAction(() => addToCartAction({ status: "idle" }, form({ productId: products.ticket, quantity: "1" }))))).toBe(true);
    const [line] = await aliceOpenLines();
    const outcome = await runAction(() => setQuantityAction({ status: "idle" }, form({ lineId: line!.id, quantity: String(CAPACITY + 1) })));
    expect(outcome.kind === "state" && outcome.state.fieldErrors?.quantity).toBe(`Only ${CAPACITY} tickets are left.`);
    expect((await aliceOpenLines())[0]!.quantity).toBe(1);
  });

  it("without a session every cart action is refused and nothing changes", async () => {
    session.user = null;
    const before = await dbState();
    await fc.assert(
      fc.asyncProperty(operation, async (o) => {
        const { outcome } = await perform(o);
        expect(succeeded(outcome)).toBe(false);
        expect(refusalMessage(outcome)).toMatch(/^Your session has ended\. Sign in again\. /);
      }),
      fuzzParams(200),
    );
    expect(await dbState()).toEqual(before);
  });
});
