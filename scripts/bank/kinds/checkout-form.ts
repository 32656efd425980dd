// Checkouts through the shop's pages and their server actions, posted like a browser without
// JavaScript: add a product of this client's seller to the cart (/shop/<ticker>), save the customer
// (/checkout, answered by a redirect to the review), and pay from the balance (/checkout/review,
// answered by a redirect to /orders/<transaction id>). The checkout session is the idempotency key
// of the completion, so a retried final post answers the same order. The checker (Checker.checkouts)
// then demands one transaction, one invoice and one outbox email per completed checkout, and invoice
// numbers without gaps per seller and year.
import { GaveUp, untilAnswered, type Answer } from "../http";
import type { CheckoutRecord } from "../history";
import type { ClientContext, OperationKind } from "./kind";
import { signIn } from "./sign-in";
import { formContaining, hiddenInputs } from "./transfer-form";

const RETRYABLE_MESSAGES = ["Something went wrong on our side", "The ledger is busy", "The connection to the database was interrupted"];
/** What a cart or customer step answers when its transaction rolled back for a fault (never a bug's generic message). */
const FAULT_MESSAGES = ["The ledger is busy", "The connection to the database was interrupted"];

async function postUntilAnswered<T extends { status: number; text: string; retries: number }>(send: () => Promise<T>): Promise<T> {
  let extra = 0;
  for (let attempt = 1; ; attempt++) {
    const answer = await send();
    const faulted = answer.status === 200 && FAULT_MESSAGES.some((m) => answer.text.includes(m));
    if (!faulted || attempt >= 10) return { ...answer, retries: answer.retries + extra };
    extra++;
    await new Promise((r) => setTimeout(r, 200 * attempt));
  }
}

function get(context: ClientContext, path: string): Promise<Answer> {
  return untilAnswered(context.balancer, (base) => new Request(`${base}${path}`, { headers: { cookie: context.cookies.header() } }), context.giveUpAt);
}

function post(context: ClientContext, path: string, body: FormData): Promise<Answer> {
  return untilAnswered(
    context.balancer,
    (base) => new Request(`${base}${path}`, { method: "POST", headers: { cookie: context.cookies.header(), origin: base }, body }),
    context.giveUpAt,
  );
}

/** The hidden fields of the page's form that contains `marker`, as a FormData to post. */
function formData(html: string, marker: string): FormData {
  const data = new FormData();
  for (const [name, value] of hiddenInputs(formContaining(html, marker))) data.set(name, value);
  if (![...data.keys()].some((name) => name.startsWith("$ACTION"))) throw new Error(`no server action reference in the form with ${marker}`);
  return data;
}

function alert(html: string): string {
  return [...html.matchAll(/role="alert"[^>]*>([^<]{1,200})|-error"[^>]*>([^<]{1,200})/g)].map((m) => m[1] ?? m[2]).join(" | ") || "(no message found)";
}

export const checkoutKind: OperationKind = {
  name: "checkout",
  weight: 6,
  async run(context) {
    const started = performance.now();
    let retries = 0;
    // Each client buys from one seller, so its cart never mixes sellers.
    const seller = context.sellers[context.index % context.sellers.length]!;
    const productId = context.random.pick(seller.productIds);
    const record: CheckoutRecord = { userId: context.user.id, sellerTicker: seller.ticker, status: "unresolved" };
    context.history.checkout(record);
    try {
      if (!context.cookies.has("authjs.session-token")) {
        const signedIn = await signIn(context, context.cookies);
        retries += signedIn.retries;
        if (!signedIn.ok) throw new Error(`sign-in refused: ${signedIn.detail}`);
      }
      // 1. Add to the cart.
      const shop = await get(context, `/shop/${seller.ticker}`);
      retries += shop.retries;
      if (shop.status !== 200) throw new Error(`/shop/${seller.ticker} answered ${shop.status}`);
      const add = formData(shop.text, `value="${productId}"`);
      add.set("quantity", String(context.random.int(1, 2)));
      // A step refused with "busy" or "connection interrupted" rolled back; it is safe to send again.
      const added = await postUntilAnswered(() => post(context, `/shop/${seller.ticker}`, add));
      retries += added.retries;
      if (added.status !== 200 || !added.text.includes("Added to your cart")) throw new Error(`add to cart answered ${added.status}: ${alert(added.text)}`);

      // 2. The customer.
      const checkout = await get(context, "/checkout");
      retries += checkout.retries;
      if (checkout.status !== 200) throw new Error(`/checkout answered ${checkout.status}`);
      const customer = formData(checkout.text, 'name="sessionId"');
      record.sessionId = String(customer.get("sessionId"));
      customer.set("type", "B2C");
      customer.set("name", `Player ${context.index}`);
      customer.set("email", context.user.email);
      customer.set("address", `${context.index} Bank Street, Springfield`);
      customer.set("country", "US");
      const saved = await postUntilAnswered(() => post(context, "/checkout", customer));
      retries += saved.retries;
      if (saved.status !== 303 || !(saved.headers.get("location") ?? "").includes("/checkout/review")) throw new Error(`saving the customer answered ${saved.status}: ${alert(saved.text)}`);

      // 3. Pay from the balance; a retry after an ambiguous failure re-posts the same session.
      const review = await get(context, "/checkout/review");
      retries += review.retries;
      if (review.status !== 200) throw new Error(`/checkout/review answered ${review.status}`);
      const pay = formData(review.text, 'name="method"');
      if (pay.get("sessionId") !== record.sessionId) context.history.violation(`${this.name}: the review shows session ${String(pay.get("sessionId"))}, not ${record.sessionId}`);
      pay.set("method", "balance");
      pay.set("accountId", context.user.accountId);
      for (;;) {
        const paid = await post(context, "/checkout/review", pay);
        retries += paid.retries;
        const order = /\/orders\/([^/?#]+)/.exec(paid.headers.get("location") ?? "");
        if (paid.status === 303 && order) {
          record.status = "acked";
          record.transactionId = decodeURIComponent(order[1]!);
          return context.history.operation(this.name, "ok", performance.now() - started, retries);
        }
        if (paid.status === 200 && RETRYABLE_MESSAGES.some((m) => paid.text.includes(m))) {
          retries++;
          continue;
        }
        record.status = "refused";
        if (paid.status !== 200 || !/insufficient/i.test(paid.text)) context.history.violation(`${this.name}: paying ${record.sessionId} answered ${paid.status}: ${alert(paid.text)}`);
        // Leave an empty cart for the next checkout.
        return context.history.operation(this.name, "refused", performance.now() - started, retries);
      }
    } catch (error) {
      if (error instanceof GaveUp) return context.history.operation(this.name, "unresolved", performance.now() - started, retries);
      context.history.violation(`${this.name}: ${(error as Error).message}`);
      context.history.operation(this.name, "unresolved", performance.now() - started, retries);
    }
  },
};
