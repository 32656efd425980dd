// Property-based hostile input for the checkout actions (issue 9 part 4), invoked as functions with a
// mocked session. The customer step gets people and businesses with VAT IDs valid for every EU
// country, mistyped, with wrong check digits or another country's prefix, emails, countries and
// attendee fields (for the buyer's ticket line, someone else's, "__proto__", huge indices) in every
// shape. Completion gets every payment method value, the buyer's own account, someone else's, a
// closed one, one in another currency, and session ids that are the buyer's, someone else's,
// completed, nonexistent or malformed. A refusal is an inline error with a specific message; someone
// else's session reads exactly like a nonexistent one; saved details always pass validation again;
// and only completed checkouts change the database: one transaction, one invoice, one email each.
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { addToCart } from "@/lib/checkout/cart";
import { parseCustomer } from "@/lib/checkout/customer.schema";
import { saveCustomer } from "@/lib/checkout/save-customer";
import { db } from "@/lib/db/client";
import { openPersonalAccount } from "@/lib/ledger/open-account";
import { verifyLedger } from "@/lib/ledger/verify";
import { B2B_DE, B2B_FR, B2C, checkout, createBuyer, createEvent, createProduct, createSeller, type TestBuyer } from "@/scripts/test/checkout-fixtures";
import { dbState } from "@/scripts/test/fuzz/db-state";
import { countChanges, expectInlineError, form, fuzzSession, prototypeKeys, refusalMessage, runAction, succeeded } from "@/scripts/test/fuzz/form-actions";
import { fuzzParams, hostileId, hostileString, plausibleEmail } from "@/scripts/test/fuzz/hostile";
import { hostileVatId, isValidVatId, validVatId } from "@/scripts/test/fuzz/vat-ids";

const session = fuzzSession;
vi.mock("@/lib/auth/current-user", async () => (await import("@/scripts/test/fuzz/form-actions")).currentUserMock);
vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test/fuzz/form-actions")).authMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", async () => (await import("@/scripts/test/fuzz/form-actions")).navigationMock);
// after() needs a request scope; the deferred invoice email is not what this suite checks.
vi.mock("next/server", async (original) => ({ ...(await original<object>()), after: vi.fn() }));

const { saveCustomerAction, completeCheckoutAction } = await import("./actions");

const CUSTOMER_FIELDS = ["type", "name", "email", "address", "country", "companyName", "vatId", "contactName", "attendee", "sessionId"];
const NO_SUCH_CHECKOUT = "This checkout does not exist.";
const MISSING_ID = "cmissing0000000000000000";
/** Alice fills in the customer step, Carol pays (each has one open cart at a time), Bob is someone else. */
let alice: TestBuyer;
let bob: TestBuyer;
let carol: TestBuyer;
let goods: string;
let ticket: string;
/** Alice's open checkout (goods and two tickets), Bob's, and one Carol completed. */
let aliceSessionId: string;
let aliceTicketLineId: string;
let aliceGoodsLineId: string;
let bobSessionId: string;
let completed: { sessionId: string; transactionId: string };
let accounts: { euro: bigint; closed: bigint };

const asSession = (b: TestBuyer): SessionUser => ({ id: b.id, email: b.email, name: "Buyer", role: "USER" });

async function openCart(buyer: TestBuyer, items: { productId: string; quantity: number }[]): Promise<string> {
  let sessionId = "";
  await db().$transaction(async (tx) => {
    for (const item of items) sessionId = (await addToCart(tx, buyer.id, item)).sessionId;
  });
  return sessionId;
}

beforeAll(async () => {
  [alice, bob, carol] = [await createBuyer(), await createBuyer(), await createBuyer("USD", 50_000_000n)];
  const shop = await createSeller({ country: "DE", taxRateBps: 1900 });
  goods = await createProduct(shop, { price: 1250n });
  ticket = await createProduct(shop, { price: 2000n, eventId: await createEvent(shop, 10_000) });
  const done = await checkout(carol, [{ productId: goods, quantity: 1 }]);
  completed = { sessionId: (await db().transaction.findUniqueOrThrow({ where: { id: done.transactionId } })).checkoutSessionId!, transactionId: done.transactionId };
  aliceSessionId = await openCart(alice, [{ productId: goods, quantity: 1 }, { productId: ticket, quantity: 2 }]);
  const lines = await db().checkoutLine.findMany({ where: { sessionId: aliceSessionId }, select: { id: true, productId: true } });
  aliceTicketLineId = lines.find((l) => l.productId === ticket)!.id;
  aliceGoodsLineId = lines.find((l) => l.productId === goods)!.id;
  bobSessionId = await openCart(bob, [{ productId: goods, quantity: 1 }]);
  await db().$transaction((tx) => saveCustomer(tx, bob.id, { sessionId: bobSessionId, customer: B2C, attendees: {} }));
  accounts = await db().$transaction(async (tx) => {
    const euro = await openPersonalAccount(tx, { userId: carol.id, currency: "EUR" });
    const closed = await openPersonalAccount(tx, { userId: carol.id, currency: "USD", openingDeposit: 0n });
    await tx.account.update({ where: { id: closed.id }, data: { status: "CLOSED" } });
    return { euro: euro.id, closed: closed.id };
  });
});

/** Mostly a valid value (so that whole forms pass often enough), else hostile text or nothing. */
const mostly = <T,>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constant(undefined) });
/** Addresses people type, near misses, RFC oddities, hostile text. */
const email = fc.oneof(
  { weight: 8, arbitrary: plausibleEmail },
  { weight: 1, arbitrary: fc.constantFrom(" Ada@Example.COM ", "a@b", "@example.test", "ada@example.test\u0000", "ada@exa mple.test", "ada@@example.test") },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 1, arbitrary: hostileString },
);
const country = fc.oneof({ weight: 4, arbitrary: fc.constantFrom("US", "DE", "de", " FR ", "GR", "") }, fc.constantFrom("EL", "XX", "D", "DEU", "1A"), hostileString);
/** An attendee field besides the two names the ticket line needs: its own line again, her goods line, someone else's, prototype keys, garbage. */
const attendeeKey = fc.tuple(
  fc.oneof(
    { weight: 3, arbitrary: fc.constant("ticket") },
    { weight: 2, arbitrary: fc.constantFrom("goods", "bob", "__proto__", "constructor", "prototype", "hasOwnProperty") },
    { weight: 1, arbitrary: hostileString.filter((s) => s.length > 0 && !s.includes(".")) },
  ),
  fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 2 }).map(String) }, { weight: 1, arbitrary: fc.constantFrom("00", "01", "99", "100", "4294967294", "4294967295", "9007199254740993", "1e3", "-1") }),
);
const attendeeName = mostly(fc.constantFrom("Ada Lovelace", "Zoë Ñúñez", "李雷", " Grace "));
const attendees = fc.record({
  first: attendeeName,
  second: attendeeName,
  extra: fc.array(fc.tuple(attendeeKey, fc.oneof(attendeeName, hostileString)), { maxLength: 3 }),
});
const customer = fc.record(
  {
    type: fc.oneof({ weight: 8, arbitrary: fc.constantFrom("B2C", "B2B") }, { weight: 1, arbitrary: fc.constantFrom("b2b", "B2X", "", "B2B ") }, { weight: 1, arbitrary: hostileString }),
    name: mostly(fc.constantFrom("Ada Lovelace", "Zoë", "O'Brien <b>")),
    email,
    address: mostly(fc.constantFrom("1 Main St, Springfield", "Hauptstraße 1\n10115 Berlin", "1 rue de Rivoli\r\n75001 Paris")),
    country,
    companyName: mostly(fc.constantFrom("Beispiel GmbH", "Société Exemple SA", "Robert'); DROP TABLE companies;--")),
    vatId: fc.oneof({ weight: 3, arbitrary: validVatId }, { weight: 4, arbitrary: hostileVatId }),
    contactName: mostly(fc.constantFrom("Grace Hopper", "")),
  },
  { requiredKeys: [] },
);
const sessionRef = fc.oneof(
  { weight: 6, arbitrary: fc.constant("alice") },
  { weight: 1, arbitrary: fc.constantFrom("bob", "completed", "missing") },
  { weight: 2, arbitrary: hostileId },
);
const resolveSession = (ref: string) => ({ alice: aliceSessionId, bob: bobSessionId, completed: completed.sessionId, missing: MISSING_ID })[ref] ?? ref;
const resolveLine = (ref: string) => ({ ticket: aliceTicketLineId, goods: aliceGoodsLineId, bob: MISSING_ID })[ref] ?? ref;

describe("checkout actions under hostile input", () => {
  it("the customer step: a redirect to the review with details that validate again, or an inline error", async () => {
    session.user = asSession(alice);
    const prototype = prototypeKeys();
    const before = await dbState();
    let saved = 0;
    await fc.assert(
      fc.asyncProperty(customer, attendees, sessionRef, async (fields, names, ref) => {
        const data = form({ ...fields, sessionId: resolveSession(ref), [`attendee.${aliceTicketLineId}.0`]: names.first, [`attendee.${aliceTicketLineId}.1`]: names.second });
        for (const [[line, index], value] of names.extra) if (value !== undefined) data.append(`attendee.${resolveLine(line)}.${index}`, value);
        const outcome = await runAction(() => saveCustomerAction({ status: "idle" }, data));
        expect(prototypeKeys()).toEqual(prototype);
        expect(({} as Record<string, unknown>)["0"]).toBeUndefined();
        if (succeeded(outcome)) {
          saved++;
          expect(outcome).toEqual({ kind: "redirect", to: "/checkout/review" });
          expect(ref).toBe("alice");
          const stored = await db().checkoutSession.findUniqueOrThrow({ where: { id: aliceSessionId }, select: { customer: true, lines: { select: { id: true, attendeeNames: true } } } });
          const again = parseCustomer(stored.customer);
          if (again.type === "B2B") {
            expect(again.vatId).toBe(String(fields.vatId).toUpperCase().replace(/[\s.-]/g, ""));
            expect(isValidVatId(again.vatId!)).toBe(true);
          }
          const ticketNames = stored.lines.find((l) => l.id === aliceTicketLineId)!.attendeeNames as string[];
          expect(ticketNames).toHaveLength(2);
          for (const n of ticketNames) expect(n.trim().length).toBeGreaterThan(0);
          return;
        }
        const refusal = expectInlineError(outcome, CUSTOMER_FIELDS);
        if (["bob", "missing"].includes(ref)) expect(refusal.message).toBe(NO_SUCH_CHECKOUT);
      }),
      fuzzParams(1200),
    );
    expect(saved).toBeGreaterThan(0);
    const after = await dbState();
    expect(countChanges(before, after)).toEqual({});
    expect(after.balances).toEqual(before.balances);
  });

  it("control characters (NUL included) in any text field are refused naming the field", async () => {
    session.user = asSession(alice);
    const names = { [`attendee.${aliceTicketLineId}.0`]: "Ada", [`attendee.${aliceTicketLineId}.1`]: "Grace" };
    const cases: [object, string][] = [
      ...["name", "address"].map((f): [object, string] => [B2C, f]),
      ...["companyName", "address", "contactName"].map((f): [object, string] => [{ ...B2B_DE, contactName: "Grace Hopper" }, f]),
      [B2C, `attendee.${aliceTicketLineId}.1`],
    ];
    for (const [base, fieldName] of cases) {
      for (const bad of ["a\u0000b", "\u0000", "bell\u0007", "esc\u001b[31m"]) {
        const outcome = await runAction(() => saveCustomerAction({ status: "idle" }, form({ ...base, ...names, sessionId: aliceSessionId, [fieldName]: bad })));
        expect(outcome.kind, `${fieldName}=${JSON.stringify(bad)}`).toBe("state");
        expect(Object.keys((outcome as { state: { fieldErrors?: object } }).state.fieldErrors ?? {}), `${fieldName}=${JSON.stringify(bad)}`).toContain(fieldName);
      }
    }
  });

  it("a huge attendee index costs no more than a small one", { timeout: 10_000 }, async () => {
    session.user = asSession(alice);
    const started = performance.now();
    const outcome = await runAction(() =>
      saveCustomerAction({ status: "idle" }, form({ ...B2C, sessionId: aliceSessionId, [`attendee.${aliceTicketLineId}.0`]: "Ada", [`attendee.${aliceTicketLineId}.4294967294`]: "Eve" })),
    );
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(refusalMessage(outcome)).toContain("Enter the attendee's name for this ticket.");
  });

  it("attendee fields named after Object.prototype's keys never touch it", async () => {
    session.user = asSession(alice);
    for (const key of ["__proto__", "constructor", "prototype"]) {
      await runAction(() => saveCustomerAction({ status: "idle" }, form({ ...B2C, sessionId: aliceSessionId, [`attendee.${key}.0`]: "polluted" })));
      expect(({} as Record<string, unknown>)["0"], key).toBeUndefined();
      expect((Object as unknown as Record<string, unknown>)["0"], key).toBeUndefined();
    }
  });

  it("completion: a redirect to the order, or an inline error; only completed checkouts change the database", async () => {
    session.user = asSession(carol);
    const before = await dbState();
    const bobBefore = before.balances[String(bob.accountId)];
    expect(bobBefore).toBeDefined();
    const fresh = { sessionId: "" };
    let completions = 0;
    let replays = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          // "resubmit": the completed checkout submitted again exactly as it was paid (a double submit or a retry).
          session: fc.oneof({ weight: 6, arbitrary: fc.constant("fresh") }, { weight: 2, arbitrary: fc.constantFrom("bob", "completed", "resubmit", "missing") }, { weight: 2, arbitrary: hostileId }),
          payer: fc.constantFrom(B2C, B2B_DE, B2B_FR),
          method: fc.oneof({ weight: 6, arbitrary: fc.constantFrom("balance", "invoice", "free") }, { weight: 1, arbitrary: fc.constantFrom("BALANCE", "card", "", " balance", "__proto__", "toString", "constructor") }, { weight: 1, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constant(undefined) }),
          account: fc.oneof(
            { weight: 5, arbitrary: fc.constantFrom("own", "#own", "euro", "closed", "bob") },
            { weight: 2, arbitrary: hostileId },
            { weight: 1, arbitrary: fc.constant(undefined) },
          ),
        }),
        async (c) => {
          if (c.session === "fresh" && !fresh.sessionId) {
            fresh.sessionId = await openCart(carol, [{ productId: goods, quantity: 1 }]);
            await db().$transaction((tx) => saveCustomer(tx, carol.id, { sessionId: fresh.sessionId, customer: c.payer, attendees: {} }));
          }
          const sessionId = c.session === "fresh" ? fresh.sessionId : resolveSession(c.session === "resubmit" ? "completed" : c.session);
          const accountId =
            c.session === "resubmit"
              ? String(carol.accountId)
              : c.account === undefined
                ? undefined
                : (({ own: String(carol.accountId), "#own": `#${carol.accountId}`, euro: String(accounts.euro), closed: String(accounts.closed), bob: String(bob.accountId) } as Record<string, string>)[c.account] ?? c.account);
          const method = c.session === "resubmit" ? "balance" : c.method;
          const outcome = await runAction(() => completeCheckoutAction({ status: "idle" }, form({ sessionId, method, accountId })));
          if (succeeded(outcome)) {
            expect(outcome.kind).toBe("redirect");
            const transactionId = (outcome as { to: string }).to.replace(/^\/orders\//, "");
            if (c.session === "completed" || c.session === "resubmit") {
              replays++;
              expect(transactionId).toBe(completed.transactionId);
              return;
            }
            expect(c.session).toBe("fresh");
            completions++;
            fresh.sessionId = "";
            const t = await db().transaction.findUniqueOrThrow({ where: { id: transactionId }, select: { buyerUserId: true, paymentMethod: true, payerAccountId: true } });
            expect(t.buyerUserId).toBe(carol.id);
            if (t.paymentMethod === "balance") expect(t.payerAccountId).toBe(carol.accountId);
            return;
          }
          const refusal = expectInlineError(outcome, ["method", "accountId", "sessionId"]);
          if (["bob", "missing"].includes(c.session)) expect(refusal.message).toBe(NO_SUCH_CHECKOUT);
        },
      ),
      fuzzParams(600),
    );
    expect(completions).toBeGreaterThan(0);
    expect(replays).toBeGreaterThan(0);
    const after = await dbState();
    const changes = countChanges(before, after);
    // Each completion is one transaction with one invoice and one email; other rows only as they bring.
    expect(changes.transactions ?? 0).toBe(completions);
    expect(changes.invoices ?? 0).toBe(completions);
    expect(changes.email_outbox ?? 0).toBe(completions);
    const allowed = ["transactions", "transaction_line_items", "invoices", "email_outbox", "ledger_entries", "checkout_sessions", "checkout_lines", "document_counters", "accounts", "balances"];
    expect(Object.keys(changes).filter((t) => !allowed.includes(t))).toEqual([]);
    // Money left only Carol's own USD account: Bob's, her closed and her euro accounts are untouched.
    expect(after.balances[String(bob.accountId)]).toBe(bobBefore);
    expect(after.balances[String(accounts.closed)]).toBe(before.balances[String(accounts.closed)]);
    expect(after.balances[String(accounts.euro)]).toBe(before.balances[String(accounts.euro)]);
    expect((await verifyLedger()).violations).toEqual([]);
  });

  it("someone else's checkout session is refused exactly like a nonexistent one", async () => {
    session.user = asSession(alice);
    for (const run of [
      (sessionId: string) => completeCheckoutAction({ status: "idle" }, form({ sessionId, method: "balance", accountId: String(alice.accountId) })),
      (sessionId: string) => saveCustomerAction({ status: "idle" }, form({ ...B2C, sessionId })),
    ]) {
      expect(refusalMessage(await runAction(() => run(bobSessionId)))).toBe(refusalMessage(await runAction(() => run(MISSING_ID))));
    }
  });

  it("without a session both steps are refused and nothing changes", async () => {
    session.user = null;
    const before = await dbState();
    for (const sessionId of [aliceSessionId, bobSessionId, MISSING_ID]) {
      expect(refusalMessage(await runAction(() => saveCustomerAction({ status: "idle" }, form({ ...B2B_DE, sessionId }))))).toMatch(/^Your session has ended/);
      expect(refusalMessage(await runAction(() => completeCheckoutAction({ status: "idle" }, form({ sessionId, method: "balance", accountId: String(alice.accountId) }))))).toMatch(/^Your session has ended/);
    }
    expect(await dbState()).toEqual(before);
  });
});
