// The pay form's server action on one checkout session submitted many times at once (double click,
// two tabs, a browser retry): every submit lands on the same order page and the invoice email is
// handed to delivery once; a submit of the completed session with another method is an inline error
// on the form, not a redirect to the first order. Invoked as a function with a mocked session.
import { describe, expect, it, vi } from "vitest";
import type { FormState } from "@/app/_components/form-state";
import { db } from "@/lib/db/client";
import { B2B_DE, createBuyer, createProduct, createSeller, prepareCheckout, rowCounts } from "@/scripts/test/checkout-fixtures";
import type { SessionUser } from "@/lib/auth/session-user";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.user,
  getCurrentSession: async () => (session.user ? { user: session.user, sessionId: "checkout-session" } : null),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
class Redirect extends Error {}
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Redirect(to);
  },
}));
// after() needs a request scope: record what was scheduled instead of running it.
const scheduled = vi.hoisted(() => ({ calls: 0 }));
vi.mock("next/server", async (original) => ({
  ...(await original<object>()),
  after: () => {
    scheduled.calls += 1;
  },
}));

const { completeCheckoutAction } = await import("./actions");

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

/** The redirect target, or the form state the action answered with. */
async function submit(fields: Record<string, string>): Promise<{ redirect: string } | { state: FormState }> {
  try {
    return { state: await completeCheckoutAction({ status: "idle" }, form(fields)) };
  } catch (error) {
    if (error instanceof Redirect) return { redirect: error.message };
    throw error;
  }
}

describe("completeCheckoutAction", () => {
  it("30 concurrent identical submits redirect to one order and schedule its email once; another method is an inline conflict", async () => {
    const seller = await createSeller();
    const buyer = await createBuyer();
    const product = await createProduct(seller, { price: 1999n });
    const sessionId = await prepareCheckout(buyer, [{ productId: product, quantity: 3 }], B2B_DE);
    session.user = { id: buyer.id, email: buyer.email, name: "Buyer", role: "USER" };
    const fields = { sessionId, method: "balance", accountId: String(buyer.accountId) };
    const before = await rowCounts();

    const answers = await Promise.all(Array.from({ length: 30 }, () => submit(fields)));
    const order = await db().transaction.findUniqueOrThrow({ where: { checkoutSessionId: sessionId }, select: { id: true } });
    expect(answers).toEqual(Array.from({ length: 30 }, () => ({ redirect: `/orders/${order.id}` })));
    expect(scheduled.calls).toBe(1);
    const after = await rowCounts();
    expect([after.transactions - before.transactions, after.invoices - before.invoices, after.emails - before.emails]).toEqual([1, 1, 1]);

    // The completed session submitted with "pay by invoice": the form says what happened, nothing is written.
    const conflict = await submit({ sessionId, method: "invoice", accountId: "" });
    expect(conflict).toMatchObject({ state: { status: "error", values: { method: "invoice" } } });
    const state = (conflict as { state: FormState }).state;
    expect(state.fieldErrors?.method).toMatch(/^This checkout was already completed: order .+ was paid from account #\d+\. Your new choice was not applied/);
    expect(await rowCounts()).toEqual(after);
    // The same inputs again still land on the order.
    expect(await submit(fields)).toEqual({ redirect: `/orders/${order.id}` });
    expect(scheduled.calls).toBe(1);
  });
});
