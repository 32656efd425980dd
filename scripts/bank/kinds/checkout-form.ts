// Checkouts through the shop's pages and their server actions, posted like a browser without
// JavaScript: add a product of this client's seller to the cart (/shop/<ticker>) — sometimes also
// tickets of the seller's event, which may be sold out —, save the customer (/checkout, with one
// attendee name per ticket; answered by a redirect to the review) and complete (/checkout/review,
// answered by a redirect to /orders/<transaction id>). Two kinds:
//   - checkout: a person (B2C) paying from the balance;
//   - checkout-invoice: a business (B2B, a VAT ID jsvat accepts) choosing "pay by invoice": an
//     order with an open invoice, which invoice-pay.ts may pay later.
// The checkout session is the idempotency key of the completion, so a retried final post answers
// the same order. The checker (Checker.checkouts, check-commerce.ts) then demands one transaction,
// one invoice and one outbox email per completed checkout, its tickets, and invoice numbers without
// gaps per seller and year.
import { GaveUp } from "../http";
import type { CheckoutRecord } from "../history";
import type { ClientContext, OperationKind } from "./kind";
import { alertText, formData, getPage, inputNames, isRetryable, postForm, postUntilAnswered } from "./page-forms";
import { signIn } from "./sign-in";

/** VAT IDs with valid check digits (lib/checkout/vat-id.test.ts): German, Austrian, French, Greek. */
const VAT_IDS = ["DE129273398", "ATU13585627", "FR40303265045", "EL094259216"];
/** Share of checkouts that also try to buy 1–2 tickets. */
const TICKET_SHARE = 0.3;
/** Refusals a ticket may meet when its event sells out between two steps: not bugs. */
const SOLD_OUT = /sold out|tickets are left|no longer on sale/i;

async function ensureSignedIn(context: ClientContext): Promise<number> {
  if (context.cookies.has("authjs.session-token")) return 0;
  const signedIn = await signIn(context, context.cookies);
  if (!signedIn.ok) throw new Error(`sign-in refused: ${signedIn.detail}`);
  return signedIn.retries;
}

/** Adds `quantity` of a product; false when a ticket's event has too few seats left. */
async function addToCart(context: ClientContext, ticker: string, productId: string, quantity: number): Promise<{ added: boolean; retries: number }> {
  const shop = await getPage(context, `/shop/${ticker}`);
  if (shop.status !== 200) throw new Error(`/shop/${ticker} answered ${shop.status}`);
  const add = formData(shop.text, `value="${productId}"`);
  add.set("quantity", String(quantity));
  const added = await postUntilAnswered(() => postForm(context, `/shop/${ticker}`, add));
  const retries = shop.retries + added.retries;
  if (added.status === 200 && added.text.includes("Added to your cart")) return { added: true, retries };
  if (added.status === 200 && SOLD_OUT.test(alertText(added.text))) return { added: false, retries };
  throw new Error(`adding ${productId} to the cart answered ${added.status}: ${alertText(added.text)}`);
}

/** After a refusal the session stays open with its lines; empty it so the next checkout starts clean. */
async function emptyCart(context: ClientContext): Promise<number> {
  const cart = await getPage(context, "/cart");
  if (cart.status !== 200 || !cart.text.includes("Empty cart")) return cart.retries;
  const emptied = await postUntilAnswered(() => postForm(context, "/cart", formData(cart.text, "Empty cart")));
  return cart.retries + emptied.retries;
}

function customerFields(context: ClientContext, method: "balance" | "invoice"): Record<string, string> {
  if (method === "balance") {
    return { type: "B2C", name: `Player ${context.index}`, email: context.user.email, address: `${context.index} Bank Street, Springfield`, country: "US" };
  }
  return {
    type: "B2B",
    companyName: `Player ${context.index} Trading`,
    vatId: context.random.pick(VAT_IDS),
    address: `${context.index} Harbour Road, Hamburg`,
    email: context.user.email,
    contactName: `Player ${context.index}`,
  };
}

function checkoutKind(name: string, weight: number, method: "balance" | "invoice"): OperationKind {
  return {
    name,
    weight,
    async run(context) {
      const started = performance.now();
      let retries = 0;
      // Each client buys from one seller, so its cart never mixes sellers.
      const seller = context.sellers[context.index % context.sellers.length]!;
      const record: CheckoutRecord = { userId: context.user.id, sellerTicker: seller.ticker, status: "unresolved", method, tickets: 0 };
      context.history.checkout(record);
      try {
        retries += await ensureSignedIn(context);
        // 1. The cart: goods, and sometimes tickets (skipped when the event has too few seats left).
        const goods = await addToCart(context, seller.ticker, context.random.pick(seller.productIds), context.random.int(1, 2));
        retries += goods.retries;
        if (context.random.chance(TICKET_SHARE)) {
          const tickets = await addToCart(context, seller.ticker, seller.ticketProductId, context.random.int(1, 2));
          retries += tickets.retries;
          record.soldOut = !tickets.added;
        }

        // 2. The customer, and one attendee name per ticket in the cart.
        const checkout = await getPage(context, "/checkout");
        retries += checkout.retries;
        if (checkout.status !== 200) throw new Error(`/checkout answered ${checkout.status}`);
        const customer = formData(checkout.text, 'name="sessionId"');
        record.sessionId = String(customer.get("sessionId"));
        for (const [field, value] of Object.entries(customerFields(context, method))) customer.set(field, value);
        const attendees = inputNames(checkout.text, 'name="sessionId"', /^attendee\./);
        for (const [i, field] of attendees.entries()) customer.set(field, `Guest ${context.index}-${i + 1}`);
        record.tickets = attendees.length;
        const saved = await postUntilAnswered(() => postForm(context, "/checkout", customer));
        retries += saved.retries;
        if (saved.status !== 303 || !(saved.headers.get("location") ?? "").includes("/checkout/review")) throw new Error(`saving the customer answered ${saved.status}: ${alertText(saved.text)}`);

        // 3. Complete; a retry after an ambiguous failure re-posts the same session.
        const review = await getPage(context, "/checkout/review");
        retries += review.retries;
        if (review.status !== 200) throw new Error(`/checkout/review answered ${review.status}`);
        const pay = formData(review.text, 'name="method"');
        if (pay.get("sessionId") !== record.sessionId) context.history.violation(`${name}: the review shows session ${String(pay.get("sessionId"))}, not ${record.sessionId}`);
        pay.set("method", method);
        if (method === "balance") pay.set("accountId", context.user.accountId);
        else if (!review.text.includes('value="invoice"')) context.history.violation(`${name}: the review offers no pay-by-invoice to a business buyer`);
        record.answers = [];
        for (;;) {
          const paid = await postForm(context, "/checkout/review", pay);
          retries += paid.retries;
          record.ambiguous ||= paid.retries > 0;
          record.answers.push(...paid.problems, `${paid.status} ${paid.headers.get("location") ?? alertText(paid.text)}`.slice(0, 160));
          const order = /\/orders\/([^/?#]+)/.exec(paid.headers.get("location") ?? "");
          if (paid.status === 303 && order) {
            record.status = "acked";
            record.transactionId = decodeURIComponent(order[1]!);
            return context.history.operation(name, "ok", performance.now() - started, retries);
          }
          if (isRetryable(paid)) {
            retries++;
            record.ambiguous = true;
            continue;
          }
          record.status = "refused";
          const shown = alertText(paid.text);
          const seatsRefused = record.tickets > 0 && SOLD_OUT.test(shown);
          record.soldOut ||= seatsRefused;
          const expected = (method === "balance" && /insufficient/i.test(shown)) || seatsRefused;
          if (paid.status !== 200 || !expected) context.history.violation(`${name}: completing ${record.sessionId} answered ${paid.status}: ${shown}`);
          retries += await emptyCart(context);
          return context.history.operation(name, "refused", performance.now() - started, retries);
        }
      } catch (error) {
        if (error instanceof GaveUp) return context.history.operation(name, "unresolved", performance.now() - started, retries);
        context.history.violation(`${name}: ${(error as Error).message}`);
        context.history.operation(name, "unresolved", performance.now() - started, retries);
      }
    },
  };
}

export const balanceCheckoutKind = checkoutKind("checkout", 6, "balance");
export const invoiceCheckoutKind = checkoutKind("checkout-invoice", 3, "invoice");
