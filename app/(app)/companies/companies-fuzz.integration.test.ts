// Property-based hostile input for the seven company actions (issue 9 part 4): founding a company,
// saving and (de)activating products, granting and revoking access, staying private, deleting —
// invoked as functions with a mocked session that is the owner, a manager, or a stranger. Company,
// product and user ids are theirs, someone else's, a ticket product, nonexistent or malformed; names,
// tickers, prices, emails and roles come in every shape. An action succeeds exactly when the
// session's role in the company (read from the database at the time) allows it; every refusal is a
// specific message, and someone else's company or product reads exactly like a nonexistent one; the
// database changes only by what succeeded.
import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { TICKER_PATTERN } from "@/lib/companies/company.schema";
import { grantAccess } from "@/lib/companies/members";
import { db } from "@/lib/db/client";
import { hasControlCharacters } from "@/lib/validation/text";
import { createEvent, createProduct as createTicketProduct, createSeller } from "@/scripts/test/checkout-fixtures";
import { dbState } from "@/scripts/test/fuzz/db-state";
import { countChanges, expectInlineError, form, fuzzSession, type Outcome, refusalMessage, runAction, succeeded } from "@/scripts/test/fuzz/form-actions";
import { fuzzParams, hostileAmount, hostileId, hostileString } from "@/scripts/test/fuzz/hostile";
import { createTestCompany, fundCompany, type TestCompany } from "@/scripts/test/market-fixtures";
import { createTestUser, type TestUser } from "@/scripts/test/ledger-fixtures";

const session = fuzzSession;
vi.mock("@/lib/auth/current-user", async () => (await import("@/scripts/test/fuzz/form-actions")).currentUserMock);
vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test/fuzz/form-actions")).authMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", async () => (await import("@/scripts/test/fuzz/form-actions")).navigationMock);

const actions = await import("./actions");

const MISSING_ID = "cmissing0000000000000000";
type Who = "alice" | "bob" | "manager";
let users: Record<Who | "dave", TestUser>;
/** Alice's company (the manager manages it), Bob's, and a ticket product of a shop of Alice's. */
let aliceCo: TestCompany;
let bobCo: TestCompany;
let ticketProductId: string;

const asSession = (u: TestUser): SessionUser => ({ id: u.id, email: u.email, name: "Someone", role: u.role });
const who = fc.constantFrom<Who>("alice", "bob", "manager");

async function roleIn(companyId: string, userId: string): Promise<"owner" | "manager" | null> {
  if (!/^[\x21-\x7e]{1,100}$/.test(companyId)) return null;
  const member = await db().companyMember.findUnique({ where: { companyId_userId: { companyId, userId } }, select: { role: true } });
  return member?.role ?? null;
}
async function productCompany(productId: string): Promise<{ companyId: string; kind: string } | null> {
  if (!/^[\x21-\x7e]{1,100}$/.test(productId)) return null;
  return db().product.findUnique({ where: { id: productId }, select: { companyId: true, kind: true } });
}

beforeAll(async () => {
  users = { alice: await createTestUser({ name: "Alice" }), bob: await createTestUser({ name: "Bob" }), manager: await createTestUser({ name: "Manager" }), dave: await createTestUser({ name: "Dave" }) };
  aliceCo = await createTestCompany(users.alice, { prices: ["10.00", "2.50"] });
  bobCo = await createTestCompany(users.bob, { prices: ["7.00"] });
  await grantAccess(db(), users.alice, aliceCo.id, { email: users.manager.email, role: "manager" });
  // History, so that neither can be deleted by the deletion property (it makes its own companies).
  await fundCompany(users.alice, aliceCo, 100n);
  await fundCompany(users.bob, bobCo, 100n);
  const shop = await createSeller({ ownerId: users.alice.id });
  ticketProductId = await createTicketProduct(shop, { eventId: await createEvent(shop, 5) });
});

const companyRef = fc.oneof({ weight: 4, arbitrary: fc.constantFrom("alice", "bob", "missing") }, { weight: 2, arbitrary: hostileId });
const companyId = (ref: string) => ({ alice: aliceCo.id, bob: bobCo.id, missing: MISSING_ID })[ref] ?? ref;
const mostly = <T,>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constant(undefined) });
const price = fc.oneof({ weight: 3, arbitrary: fc.constantFrom("12.50", "0.01", "$3", "1,000.00", "7") }, { weight: 2, arbitrary: hostileAmount.map(String) }, { weight: 1, arbitrary: fc.constant(undefined) });

/** Same-message check: a refusal about someone else's object equals the one about a nonexistent object. */
async function expectSameAsMissing(outcome: Outcome, again: () => Promise<Outcome>): Promise<void> {
  expect(refusalMessage(outcome)).toBe(refusalMessage(await again()));
}

describe("company actions under hostile input", () => {
  it("createCompanyAction: a redirect to the new company, or an inline error naming the field", async () => {
    const before = await dbState();
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        who,
        fc.record({
          name: mostly(fc.constantFrom("Acme", "Zoë's Café", "<b>Bold</b> Inc")),
          ticker: fc.oneof({ weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z]{1,5}$/) }, { weight: 1, arbitrary: fc.constantFrom(" abc ", "AB1", "ABCDEF", "ÄBC", "", "A-B") }, { weight: 1, arbitrary: hostileString }),
          description: mostly(fc.constantFrom("", "We make things.\nMany things.")),
        }),
        async (w, fields) => {
          session.user = asSession(users[w]);
          const outcome = await runAction(() => actions.createCompanyAction({ status: "idle" }, form(fields)));
          if (!succeeded(outcome)) return void expectInlineError(outcome, ["name", "ticker", "description"]);
          created++;
          const ticker = (outcome as { to: string }).to.replace(/^\/companies\//, "");
          expect(ticker).toMatch(TICKER_PATTERN);
          const company = await db().company.findUniqueOrThrow({ where: { ticker }, select: { name: true, description: true, ownerId: true } });
          expect(company.ownerId).toBe(users[w].id);
          expect(hasControlCharacters(company.name)).toBe(false);
          expect(hasControlCharacters(company.description, { multiline: true })).toBe(false);
        },
      ),
      fuzzParams(400),
    );
    expect(created).toBeGreaterThan(0);
    const after = await dbState();
    // A company comes with its operating account (and balance row) and its founder as owner.
    expect(countChanges(before, after)).toEqual({ companies: created, accounts: created, balances: created, company_members: created });
  });

  it("saveProductAction: staff create and edit their company's goods; everyone else hears 'not found'", async () => {
    const before = await dbState();
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        who,
        // Mostly Alice's company and new products, so that whole valid forms come up often enough.
        fc.oneof({ weight: 4, arbitrary: fc.constant("alice") }, { weight: 2, arbitrary: fc.constantFrom("bob", "missing") }, { weight: 1, arbitrary: hostileId }),
        fc.oneof({ weight: 3, arbitrary: fc.constantFrom("", "", "alice", "bob", "ticket", "missing") }, { weight: 1, arbitrary: hostileId }),
        fc.record({ name: mostly(fc.constantFrom("Widget", "Gadget <i>")), description: mostly(fc.constantFrom("", "Useful.\nVery.")), price, active: fc.constantFrom("on", "", undefined, "false") }),
        async (w, cRef, pRef, fields) => {
          session.user = asSession(users[w]);
          const productId = ({ alice: aliceCo.productIds[0]!, bob: bobCo.productIds[0]!, ticket: ticketProductId, missing: MISSING_ID } as Record<string, string>)[pRef] ?? pRef;
          const target = productId ? await productCompany(productId) : { companyId: companyId(cRef), kind: "GOODS" };
          const role = target ? await roleIn(target.companyId, users[w].id) : null;
          const run = (ids: { companyId: string; productId: string }) => runAction(() => actions.saveProductAction({ status: "idle" }, form({ ...fields, ...ids, ticker: "ANY" })));
          const outcome = await run({ companyId: companyId(cRef), productId });
          if (succeeded(outcome)) {
            expect(role, "saved a product of a company the session has no role in").not.toBeNull();
            expect(target!.kind).toBe("GOODS");
            if (!productId) created++;
            return;
          }
          expectInlineError(outcome, ["name", "description", "price", "active"]);
          if (role === null && refusalMessage(outcome).match(/^(Company|Product) not found/)) {
            await expectSameAsMissing(outcome, () => run(productId ? { companyId: companyId(cRef), productId: MISSING_ID } : { companyId: MISSING_ID, productId: "" }));
          }
        },
      ),
      fuzzParams(600),
    );
    expect(created).toBeGreaterThan(0);
    const after = await dbState();
    expect(countChanges(before, after)).toEqual({ products: created });
    expect(after.balances).toEqual(before.balances);
  });

  it("toggleProductAction: staff only; a refusal is an expected error, never a crash", async () => {
    const before = await dbState();
    let toggled = 0;
    await fc.assert(
      fc.asyncProperty(who, fc.oneof(fc.constantFrom("alice", "bob", "ticket", "missing"), hostileId), fc.oneof(fc.constantFrom("true", "false"), hostileString), async (w, pRef, active) => {
        session.user = asSession(users[w]);
        const productId = ({ alice: aliceCo.productIds[1]!, bob: bobCo.productIds[0]!, ticket: ticketProductId, missing: MISSING_ID } as Record<string, string>)[pRef] ?? pRef;
        const target = await productCompany(productId);
        const role = target ? await roleIn(target.companyId, users[w].id) : null;
        const outcome = await runAction(() => actions.toggleProductAction(form({ productId, active, ticker: "ANY" })));
        if (succeeded(outcome)) {
          toggled++;
          expect(role).not.toBeNull();
          expect((await db().product.findUniqueOrThrow({ where: { id: productId } })).active).toBe(active === "true");
          return;
        }
        expect(outcome.kind).toBe("refused");
        if (role === null) await expectSameAsMissing(outcome, () => runAction(() => actions.toggleProductAction(form({ productId: MISSING_ID, active }))));
      }),
      fuzzParams(300),
    );
    expect(toggled).toBeGreaterThan(0);
    expect(countChanges(before, await dbState())).toEqual({});
  });

  it("grantAccessAction and revokeAccessAction: owners only; a company always keeps an owner", async () => {
    const before = await dbState();
    await fc.assert(
      fc.asyncProperty(
        who,
        companyRef,
        fc.oneof(
          fc.record({ op: fc.constant("grant" as const), email: fc.oneof({ weight: 3, arbitrary: fc.constantFrom("dave", "bob", "alice", "manager", "nobody") }, { weight: 1, arbitrary: fc.constantFrom(" DAVE ", "dave-upper") }, { weight: 2, arbitrary: hostileString }), role: fc.oneof({ weight: 4, arbitrary: fc.constantFrom("owner", "manager") }, { weight: 1, arbitrary: fc.constantFrom("OWNER", "admin", "", "__proto__") }, { weight: 1, arbitrary: hostileString }) }),
          fc.record({ op: fc.constant("revoke" as const), userId: fc.oneof({ weight: 3, arbitrary: fc.constantFrom("dave", "bob", "alice", "manager", "missing") }, { weight: 1, arbitrary: hostileId }) }),
        ),
        async (w, cRef, o) => {
          session.user = asSession(users[w]);
          const id = companyId(cRef);
          const role = await roleIn(id, users[w].id);
          const owners = () => (role === null && !["alice", "bob"].includes(cRef) ? Promise.resolve(0) : db().companyMember.count({ where: { companyId: id, role: "owner" } }));
          const ownersBefore = await owners();
          let outcome: Outcome;
          if (o.op === "grant") {
            const email = ({ dave: users.dave.email, bob: users.bob.email, alice: users.alice.email, manager: users.manager.email, nobody: "nobody@example.test", " DAVE ": ` ${users.dave.email.toUpperCase()} `, "dave-upper": users.dave.email.toUpperCase() } as Record<string, string>)[o.email] ?? o.email;
            outcome = await runAction(() => actions.grantAccessAction({ status: "idle" }, form({ companyId: id, email, role: o.role, ticker: "ANY" })));
          } else {
            const userId = ({ dave: users.dave.id, bob: users.bob.id, alice: users.alice.id, manager: users.manager.id, missing: MISSING_ID } as Record<string, string>)[o.userId] ?? o.userId;
            outcome = await runAction(() => actions.revokeAccessAction({ status: "idle" }, form({ companyId: id, userId, ticker: "ANY" })));
          }
          if (succeeded(outcome)) expect(role, `${o.op} by a non-owner`).toBe("owner");
          else {
            expectInlineError(outcome, ["email", "role"]);
            if (role === null && refusalMessage(outcome).startsWith("Company not found.")) {
              await expectSameAsMissing(outcome, () =>
                o.op === "grant" ? runAction(() => actions.grantAccessAction({ status: "idle" }, form({ companyId: MISSING_ID, email: users.dave.email, role: "manager" }))) : runAction(() => actions.revokeAccessAction({ status: "idle" }, form({ companyId: MISSING_ID, userId: users.dave.id }))),
              );
            }
          }
          if (ownersBefore > 0) expect(await owners()).toBeGreaterThan(0);
        },
      ),
      fuzzParams(500),
    );
    const changes = countChanges(before, await dbState());
    expect(Object.keys(changes).filter((t) => t !== "company_members")).toEqual([]);
  });

  it("stayPrivateAction: owners only; nothing but the flag changes", async () => {
    const before = await dbState();
    await fc.assert(
      fc.asyncProperty(who, companyRef, fc.oneof(fc.constantFrom("true", "false", "on"), hostileString), async (w, cRef, stayPrivate) => {
        session.user = asSession(users[w]);
        const id = companyId(cRef);
        const role = await roleIn(id, users[w].id);
        const outcome = await runAction(() => actions.stayPrivateAction({ status: "idle" }, form({ companyId: id, stayPrivate, ticker: "ANY" })));
        if (succeeded(outcome)) {
          expect(role).toBe("owner");
          expect((await db().company.findUniqueOrThrow({ where: { id } })).stayPrivate).toBe(stayPrivate === "true");
        } else {
          expectInlineError(outcome, []);
          if (role === null) await expectSameAsMissing(outcome, () => runAction(() => actions.stayPrivateAction({ status: "idle" }, form({ companyId: MISSING_ID, stayPrivate }))));
        }
      }),
      fuzzParams(300),
    );
    expect(countChanges(before, await dbState())).toEqual({});
  });

  it("deleteCompanyAction: owners delete companies without history; everything else is refused", async () => {
    const spare: string[] = [];
    let deleted = 0;
    const before = await dbState();
    await fc.assert(
      fc.asyncProperty(who, fc.oneof({ weight: 3, arbitrary: fc.constantFrom("spare", "alice", "bob", "missing") }, { weight: 1, arbitrary: hostileId }), async (w, ref) => {
        session.user = asSession(users[w]);
        // A random ticker: the founding property above may have taken any counter-made one.
        if (ref === "spare" && spare.length === 0) spare.push((await createTestCompany(users.alice, { ticker: Array.from(randomBytes(5), (b) => String.fromCharCode(65 + (b % 26))).join("") })).id);
        const id = ref === "spare" ? spare[0]! : companyId(ref);
        const role = await roleIn(id, users[w].id);
        const outcome = await runAction(() => actions.deleteCompanyAction({ status: "idle" }, form({ companyId: id })));
        if (succeeded(outcome)) {
          expect(outcome).toEqual({ kind: "redirect", to: "/companies" });
          expect(role).toBe("owner");
          expect(ref).toBe("spare");
          spare.shift();
          deleted++;
          expect(await db().company.findUnique({ where: { id } })).toBeNull();
        } else {
          expectInlineError(outcome, []);
          if (role === null) await expectSameAsMissing(outcome, () => runAction(() => actions.deleteCompanyAction({ status: "idle" }, form({ companyId: MISSING_ID }))));
        }
      }),
      fuzzParams(300),
    );
    expect(deleted).toBeGreaterThan(0);
    const after = await dbState();
    // Spare companies were made and deleted (a company, its account and balance row, its owner).
    const made = deleted + spare.length;
    expect(countChanges(before, after)).toEqual(spare.length ? { companies: spare.length, accounts: spare.length, balances: spare.length, company_members: spare.length } : {});
    expect(made).toBeGreaterThanOrEqual(deleted);
    expect(await db().company.count({ where: { id: { in: [aliceCo.id, bobCo.id] } } })).toBe(2);
  });

  it("without a session every company action is refused and nothing changes", async () => {
    session.user = null;
    const before = await dbState();
    const fields = form({ companyId: aliceCo.id, productId: aliceCo.productIds[0]!, name: "X", ticker: "XQZ", price: "1.00", email: users.dave.email, role: "owner", userId: users.manager.id, stayPrivate: "true", active: "true" });
    for (const run of [
      () => actions.createCompanyAction({ status: "idle" }, fields),
      () => actions.saveProductAction({ status: "idle" }, fields),
      () => actions.toggleProductAction(fields),
      () => actions.grantAccessAction({ status: "idle" }, fields),
      () => actions.revokeAccessAction({ status: "idle" }, fields),
      () => actions.stayPrivateAction({ status: "idle" }, fields),
      () => actions.deleteCompanyAction({ status: "idle" }, fields),
    ]) {
      expect(refusalMessage(await runAction(run))).toMatch(/^Your session has ended/);
    }
    expect(await dbState()).toEqual(before);
  });
});
