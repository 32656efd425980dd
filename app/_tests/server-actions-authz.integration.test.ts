// The authorization matrix for server actions (issue 9 part 5; pages and routes: e2e/
// authorization-matrix.spec.ts): every "use server" export found in app/ × {anonymous, alice, bob,
// manager of Alice's company, admin}, invoked as a function with a mocked session, against
// scripts/test/authz/matrix.ts. A denial on someone else's object reads exactly like one on a
// nonexistent object.
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/app/_components/form-state";
import { createApiToken } from "@/lib/auth/api-tokens";
import { hashPassword } from "@/lib/auth/password";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { generateResetToken } from "@/lib/auth/reset-token";
import { addToCart } from "@/lib/checkout/cart";
import { grantAccess } from "@/lib/companies/members";
import { checkGoingPublicAfterCommit } from "@/lib/companies/going-public";
import { db } from "@/lib/db/client";
import { findJob } from "@/lib/jobs/registry";
import { startWorker } from "@/lib/jobs/worker";
import { isAppError } from "@/lib/errors/app-error";
import { B2B_DE, checkout, createProduct, createSeller, prepareCheckout, type TestSeller } from "@/scripts/test/checkout-fixtures";
import { createTestCompany, fundCompany, nextTicker, type TestCompany } from "@/scripts/test/market-fixtures";
import type { SessionUser } from "@/lib/auth/session-user";
import { listAppEndpoints } from "@/scripts/test/authz/app-endpoints";
import { ACTION_MATRIX, ROLES, type Role } from "@/scripts/test/authz/matrix";
import { createTestUser } from "@/scripts/test/ledger-fixtures";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.user,
  getCurrentSession: async () => (session.user ? { user: session.user, sessionId: "authz-session" } : null),
}));
vi.mock("@/lib/auth/auth", () => ({ auth: vi.fn(), signIn: vi.fn(async () => undefined), signOut: vi.fn(async () => undefined), handlers: {} }));
// Server actions read the client's address from the request (sign-up's per-address throttle,
// lib/auth/client-ip.ts). Each call comes from its own address, as from a separate client, so the
// throttle (tested in lib/auth) counts nothing here; the mint's daily cap still applies.
vi.mock("next/headers", async () => (await import("@/scripts/test/fuzz/form-actions")).freshAddressHeadersMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
class Redirect extends Error {}
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Redirect(to);
  },
}));
// after() needs a request scope; the deferred email delivery is not what this test checks.
vi.mock("next/server", async (original) => ({ ...(await original<object>()), after: vi.fn() }));

const { transferAction } = await import("@/app/(app)/transfer/actions");
const { createApiTokenAction, revokeApiTokenAction } = await import("@/app/(app)/settings/actions");
const { signUpAction } = await import("@/app/(auth)/sign-up/actions");
const { signInAction } = await import("@/app/(auth)/sign-in/actions");
const { signOutAction } = await import("@/app/_components/sign-out-action");
const { addToCartAction, setQuantityAction, removeLineAction, emptyCartAction } = await import("@/app/(app)/cart/actions");
const { saveCustomerAction, completeCheckoutAction } = await import("@/app/(app)/checkout/actions");
const companies = await import("@/app/(app)/companies/actions");
const { invoiceAction } = await import("@/app/(app)/invoices/actions");
const { updateNameAction, changePasswordAction, signOutEverywhereAction } = await import("@/app/(app)/settings/account-actions");
const { sellerSettingsAction } = await import("@/app/(app)/shop/[ticker]/settings/actions");
const { tradeAction } = await import("@/app/(app)/stocks/actions");
const { forgotPasswordAction } = await import("@/app/(auth)/forgot-password/actions");
const { resetPasswordAction } = await import("@/app/(auth)/reset-password/actions");
const { resendEmailAction } = await import("@/app/admin/emails/actions");
const { pauseJobAction, sendJobAction } = await import("@/app/admin/jobs/actions");
const { runMarketplaceAction } = await import("@/app/admin/market/actions");

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const NONEXISTENT = "987654321";

const PASSWORD = "correct-horse-battery";
const MISSING_ID = "cmissing0000000000000000";
type Users = Record<Exclude<Role, "anonymous">, SessionUser & { accountId: bigint }>;
let users: Users;
/** Alice's company (market: products, members) with the manager as its manager. */
let aliceCo: TestCompany;
/** Alice's shop (checkout seller: invoices, seller settings) with the manager as its manager. */
let aliceShop: TestSeller;
/** A third party's shop and listed company, for what any signed-in user may do (buy, trade). */
let carolProductId: string;
let carolListed: TestCompany;
let outboxId: string;

const asBuyer = (u: Users["alice"]) => ({ id: u.id, email: u.email, role: "USER" as const, accountId: u.accountId });
/** A new line in Alice's open cart, and its session. */
async function aliceCartLine(): Promise<{ sessionId: string; lineId: string }> {
  const { sessionId } = await db().$transaction((tx) => addToCart(tx, users.alice.id, { productId: carolProductId, quantity: 1 }));
  const line = await db().checkoutLine.findFirstOrThrow({ where: { sessionId }, select: { id: true } });
  return { sessionId, lineId: line.id };
}
async function freshUser(): Promise<SessionUser & { accountId: bigint }> {
  const u = await createTestUser({ name: "Someone" });
  return { id: u.id, email: u.email, name: "Someone", role: u.role, accountId: u.accountId };
}

/** Runs the action; "allow" when it did its job (success or redirect), else the refusal's message. */
async function outcome(run: () => Promise<FormState | void>): Promise<{ allowed: boolean; message?: string }> {
  try {
    const state = await run();
    if (!state || state.status === "success") return { allowed: true };
    return { allowed: false, message: `${state.message} ${JSON.stringify(state.fieldErrors ?? {})}` };
  } catch (error) {
    if (error instanceof Redirect) return { allowed: true };
    // Actions without a form state (void) refuse by throwing.
    if (isAppError(error)) return { allowed: false, message: `${error.message} ${JSON.stringify(error.fieldErrors ?? {})}` };
    throw error;
  }
}

/** Per action: run it as the current session on Alice's object (or on a nonexistent one). */
const INVOKE: Record<string, (target: "alice" | "missing") => Promise<{ allowed: boolean; message?: string }>> = {
  "action app/(app)/transfer/actions.ts#transferAction": (target) =>
    outcome(() =>
      transferAction(
        { status: "idle", step: "review", idempotencyKey: randomUUID() },
        form({
          intent: "confirm",
          fromAccountId: target === "alice" ? String(users.alice.accountId) : NONEXISTENT,
          toAccountId: String(users.bob.accountId),
          amount: "0.01",
          idempotencyKey: randomUUID(),
        }),
      ),
    ),
  "action app/(app)/settings/actions.ts#createApiTokenAction": () => outcome(() => createApiTokenAction({ status: "idle" }, form({ name: "authz" }))),
  "action app/(app)/settings/actions.ts#revokeApiTokenAction": async (target) => {
    const tokenId = target === "alice" ? (await createApiToken({ userId: users.alice.id, name: "victim" })).apiToken.id : randomUUID();
    return outcome(() => revokeApiTokenAction({ status: "idle" }, form({ tokenId })));
  },
  "action app/(auth)/sign-in/actions.ts#signInAction": () => outcome(() => signInAction({ status: "idle" }, form({ email: users.bob.email, password: "correct-horse-battery" }))),
  "action app/(auth)/sign-up/actions.ts#signUpAction": () =>
    outcome(() => signUpAction({ status: "idle" }, form({ name: "New Player", email: `new-${randomUUID()}@example.test`, password: "correct-horse-battery" }))),
  "action app/_components/sign-out-action.ts#signOutAction": () => outcome(() => signOutAction()),

  // Cart and checkout: Alice's object is her cart line or checkout session (of a third party's product).
  "action app/(app)/cart/actions.ts#addToCartAction": (target) =>
    outcome(() => addToCartAction({ status: "idle" }, form({ productId: target === "alice" ? carolProductId : MISSING_ID, quantity: "1" }))),
  "action app/(app)/cart/actions.ts#setQuantityAction": async (target) => {
    const lineId = target === "alice" ? (await aliceCartLine()).lineId : MISSING_ID;
    return outcome(() => setQuantityAction({ status: "idle" }, form({ lineId, quantity: "2" })));
  },
  "action app/(app)/cart/actions.ts#removeLineAction": async (target) => {
    const lineId = target === "alice" ? (await aliceCartLine()).lineId : MISSING_ID;
    return outcome(() => removeLineAction(form({ lineId })));
  },
  "action app/(app)/cart/actions.ts#emptyCartAction": () => outcome(() => emptyCartAction()),
  "action app/(app)/checkout/actions.ts#saveCustomerAction": async (target) => {
    const sessionId = target === "alice" ? (await aliceCartLine()).sessionId : MISSING_ID;
    return outcome(() => saveCustomerAction({ status: "idle" }, form({ sessionId, type: "B2C", name: "Alice", email: "alice@example.test", address: "1 Main St", country: "US" })));
  },
  "action app/(app)/checkout/actions.ts#completeCheckoutAction": async (target) => {
    const sessionId = target === "alice" ? await prepareCheckout(asBuyer(users.alice), [{ productId: carolProductId, quantity: 1 }]) : MISSING_ID;
    return outcome(() => completeCheckoutAction({ status: "idle" }, form({ sessionId, method: "balance", accountId: String(users.alice.accountId) })));
  },

  // Companies: Alice's object is her company (the manager manages its products, only owners decide).
  "action app/(app)/companies/actions.ts#createCompanyAction": () =>
    outcome(() => companies.createCompanyAction({ status: "idle" }, form({ name: "Authz Co", ticker: nextTicker(), description: "" }))),
  "action app/(app)/companies/actions.ts#saveProductAction": (target) =>
    outcome(() => companies.saveProductAction({ status: "idle" }, form({ companyId: target === "alice" ? aliceCo.id : MISSING_ID, ticker: aliceCo.ticker, name: "Widget", description: "", price: "5.00", active: "on" }))),
  "action app/(app)/companies/actions.ts#toggleProductAction": (target) =>
    outcome(() => companies.toggleProductAction(form({ productId: target === "alice" ? aliceCo.productIds[0]! : MISSING_ID, ticker: aliceCo.ticker, active: "true" }))),
  "action app/(app)/companies/actions.ts#grantAccessAction": async (target) => {
    const grantee = await freshUser();
    return outcome(() => companies.grantAccessAction({ status: "idle" }, form({ companyId: target === "alice" ? aliceCo.id : MISSING_ID, ticker: aliceCo.ticker, email: grantee.email, role: "manager" })));
  },
  "action app/(app)/companies/actions.ts#revokeAccessAction": async (target) => {
    const member = await freshUser();
    await grantAccess(db(), users.alice, aliceCo.id, { email: member.email, role: "manager" });
    return outcome(() => companies.revokeAccessAction({ status: "idle" }, form({ companyId: target === "alice" ? aliceCo.id : MISSING_ID, ticker: aliceCo.ticker, userId: member.id })));
  },
  "action app/(app)/companies/actions.ts#stayPrivateAction": (target) =>
    outcome(() => companies.stayPrivateAction({ status: "idle" }, form({ companyId: target === "alice" ? aliceCo.id : MISSING_ID, ticker: aliceCo.ticker, stayPrivate: "true" }))),
  "action app/(app)/companies/actions.ts#deleteCompanyAction": async (target) => {
    // A company of Alice's own to delete (with the manager as its manager), so the others stay.
    let companyId = MISSING_ID;
    if (target === "alice") {
      const doomed = await createTestCompany(await asTestUser(users.alice));
      await grantAccess(db(), users.alice, doomed.id, { email: users.manager.email, role: "manager" });
      companyId = doomed.id;
    }
    return outcome(() => companies.deleteCompanyAction({ status: "idle" }, form({ companyId })));
  },

  // Invoices: Alice's object is an open invoice of her shop (seller staff: owners and managers).
  "action app/(app)/invoices/actions.ts#invoiceAction": async (target) => {
    let invoiceId = MISSING_ID;
    if (target === "alice") {
      const buyer = await freshUser();
      const productId = await createProduct(aliceShop, { price: 1000n });
      invoiceId = (await checkout(asBuyer(buyer), [{ productId, quantity: 1 }], { customer: B2B_DE, method: "invoice" })).invoiceId;
    }
    return outcome(() => invoiceAction({ status: "idle" }, form({ intent: "mark-paid", invoiceId })));
  },
  "action app/(app)/shop/[ticker]/settings/actions.ts#sellerSettingsAction": (target) =>
    outcome(() =>
      sellerSettingsAction(
        { status: "idle" },
        form({ companyId: target === "alice" ? aliceShop.id : MISSING_ID, currency: "USD", taxEnabled: "on", taxRate: "19", invoicePrefix: "INV", invoiceLanguage: "en", legalName: "Alice Shop GmbH", address: "Hauptstraße 1, Berlin", country: "DE", vatId: "", paymentTermsDays: "14" }),
      ),
    ),

  // Your own settings: nobody else's object is involved.
  "action app/(app)/settings/account-actions.ts#updateNameAction": () => outcome(() => updateNameAction({ status: "idle" }, form({ name: session.user?.name || "Someone" }))),
  "action app/(app)/settings/account-actions.ts#changePasswordAction": async () => {
    const result = await outcome(() => changePasswordAction({ status: "idle" }, form({ currentPassword: PASSWORD, newPassword: "another-correct-horse" })));
    if (session.user) await db().user.update({ where: { id: session.user.id }, data: { passwordHash: await hashPassword(PASSWORD) } });
    return result;
  },
  "action app/(app)/settings/account-actions.ts#signOutEverywhereAction": () => outcome(() => signOutEverywhereAction()),

  // Stocks: anyone signed in trades from their own account, in a company they do not own.
  "action app/(app)/stocks/actions.ts#tradeAction": (target) =>
    outcome(() => tradeAction({ status: "idle", idempotencyKey: randomUUID() }, form({ ticker: target === "alice" ? carolListed.ticker : "ZZZZZ", side: "buy", quantity: "1", idempotencyKey: randomUUID() }))),

  // Password reset: public; the emailed token is the authorization.
  // (A fresh address each time: requests are throttled per email, which is not what this checks.)
  "action app/(auth)/forgot-password/actions.ts#forgotPasswordAction": async () => {
    const { email } = await freshUser();
    return outcome(() => forgotPasswordAction({ status: "idle" }, form({ email })));
  },
  "action app/(auth)/reset-password/actions.ts#resetPasswordAction": async (target) => {
    let token = "not-a-token";
    if (target === "alice") {
      const owner = await freshUser();
      const generated = generateResetToken();
      await db().passwordResetToken.create({ data: { userId: owner.id, tokenHash: generated.tokenHash, createdAt: new Date(), expiresAt: new Date(Date.now() + 10 * 60_000) } });
      token = generated.token;
    }
    return outcome(() => resetPasswordAction({ status: "idle" }, form({ token, newPassword: "a-brand-new-password", confirmPassword: "a-brand-new-password" })));
  },

  // Admin only.
  "action app/admin/emails/actions.ts#resendEmailAction": (target) => outcome(() => resendEmailAction(form({ id: target === "alice" ? outboxId : MISSING_ID }))),
  "action app/admin/jobs/actions.ts#pauseJobAction": () => outcome(() => pauseJobAction(form({ name: "price-drift", paused: "false" }))),
  "action app/admin/jobs/actions.ts#sendJobAction": () => outcome(() => sendJobAction(form({ name: "idempotency-cleanup" }))),
  "action app/admin/market/actions.ts#runMarketplaceAction": () => outcome(() => runMarketplaceAction({ status: "idle" }, form({ slot: randomUUID() }))),
};

async function asTestUser(u: Users["alice"]) {
  return { id: u.id, email: u.email, role: u.role, accountId: u.accountId };
}

beforeAll(async () => {
  const passwordHash = await hashPassword(PASSWORD);
  const make = async (name: string, role: "USER" | "ADMIN" = "USER") => {
    const u = await createTestUser({ role, name });
    await db().user.update({ where: { id: u.id }, data: { passwordHash } });
    return { id: u.id, email: u.email, name, role, accountId: u.accountId };
  };
  users = { alice: await make("Alice"), bob: await make("Bob"), manager: await make("Manager"), admin: await make("Admin", "ADMIN") };
  aliceCo = await createTestCompany(await asTestUser(users.alice), { prices: ["10.00"] });
  await grantAccess(db(), users.alice, aliceCo.id, { email: users.manager.email, role: "manager" });
  aliceShop = await createSeller({ ownerId: users.alice.id });
  await db().companyMember.create({ data: { companyId: aliceShop.id, userId: users.manager.id, role: "manager" } });
  const carol = await createTestUser({ openingDeposit: 20_000_000n });
  const carolShop = await createSeller({ ownerId: carol.id });
  carolProductId = await createProduct(carolShop, { price: 100n });
  carolListed = await createTestCompany(carol);
  await fundCompany(carol, carolListed, 5_000_100n);
  await checkGoingPublicAfterCommit(db(), [carolListed.accountId]);
  // The job queues exist once a worker has started (as in production), so an admin can send a job.
  await (await startWorker({ connectionString: process.env.DATABASE_URL!, prisma: db(), jobs: [findJob("idempotency-cleanup")!], schedule: false, log: () => {} })).stop();
  outboxId = (await requestPasswordReset({ email: users.bob.email }, { clientIp: "192.0.2.1" })).outboxId!;
});

describe("server action authorization matrix", () => {
  it("covers every server action in app/, and nothing else", () => {
    const found = listAppEndpoints(path.resolve(import.meta.dirname, "../..")).filter((e) => e.kind === "action").map((e) => e.key);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((k) => !(k in ACTION_MATRIX)), "actions without a matrix entry").toEqual([]);
    expect(Object.keys(ACTION_MATRIX).filter((k) => !found.includes(k)), "entries for actions that no longer exist").toEqual([]);
    expect(Object.keys(INVOKE).sort()).toEqual(Object.keys(ACTION_MATRIX).sort());
  });

  for (const key of Object.keys(ACTION_MATRIX)) {
    for (const role of ROLES) {
      const expected = ACTION_MATRIX[key]![role];
      it(`${key} as ${role}: ${expected}`, async () => {
        session.user = role === "anonymous" ? null : users[role];
        const result = await INVOKE[key]!("alice");
        expect(result.allowed, result.message).toBe(expected === "allow");
        if (!result.allowed && role !== "anonymous") {
          // Someone else's object is refused exactly like a nonexistent one.
          const missing = await INVOKE[key]!("missing");
          expect(missing.allowed).toBe(false);
          expect(missing.message!.replaceAll(NONEXISTENT, "ID")).toBe(result.message!.replaceAll(String(users.alice.accountId), "ID"));
        }
      });
    }
  }
});
