// Paying an open invoice (from a checkout-invoice of this client) from the buyer's balance, through
// the invoice page's "Pay now" form (app/(app)/invoices/actions.ts, intent=pay), posted like a
// browser without JavaScript. The order page links its invoice. The answer is the invoice page
// again: its status reads Paid after a payment, and an insufficient balance is an inline error on an
// invoice that stays Open. Now and then the post names another player's account instead (the select
// offers only the buyer's own; a forged post can name any): that must be refused like a missing
// account, and the invoice stay open without entries. A retry after an ambiguous failure re-posts the same form; paying is a
// guarded UPDATE (status = 'open'), so a second attempt never pays twice. The checker
// (check-commerce.ts) then demands one set of payment entries for the invoice's total per paid
// invoice, none for an open one.
import { GaveUp } from "../http";
import type { InvoicePaymentRecord } from "../history";
import type { ClientContext, OperationKind } from "./kind";
import { alertText, formData, getPage, isRetryable, postForm, renderedHtml } from "./page-forms";
import { signIn } from "./sign-in";

/** Share of payment attempts that name someone else's account. */
const FOREIGN_ACCOUNT_SHARE = 0.2;

/** The invoice document's status badge (the shops invoice in English). */
function invoiceStatus(html: string): string | undefined {
  return /data-testid="invoice-status"[^>]*>([^<]*)</.exec(html)?.[1];
}

/** This client's completed pay-by-invoice orders with no payment acknowledged or in doubt. */
function openInvoiceOrders(context: ClientContext): string[] {
  const settled = new Set(context.history.invoicePayments.filter((p) => p.userId === context.user.id && p.status !== "refused").map((p) => p.transactionId));
  return context.history.checkouts
    .filter((c) => c.userId === context.user.id && c.method === "invoice" && c.status === "acked" && c.transactionId && !settled.has(c.transactionId))
    .map((c) => c.transactionId!);
}

export const invoicePayKind: OperationKind = {
  name: "invoice-pay",
  weight: 4,
  async run(context) {
    const candidates = openInvoiceOrders(context);
    // Nothing to pay yet: no operation (the client goes on with another kind).
    if (candidates.length === 0) return;
    const started = performance.now();
    let retries = 0;
    const record: InvoicePaymentRecord = { userId: context.user.id, transactionId: context.random.pick(candidates), status: "unresolved" };
    context.history.invoicePayment(record);
    try {
      if (!context.cookies.has("authjs.session-token")) {
        const signedIn = await signIn(context, context.cookies);
        retries += signedIn.retries;
        if (!signedIn.ok) throw new Error(`sign-in refused: ${signedIn.detail}`);
      }
      const order = await getPage(context, `/orders/${record.transactionId}`);
      retries += order.retries;
      const link = /href="\/invoices\/([^"/?#]+)"/.exec(order.text);
      if (order.status !== 200 || !link) throw new Error(`/orders/${record.transactionId} answered ${order.status} ${link ? "" : "without an invoice link"}`);
      record.invoiceId = link[1]!;
      const page = await getPage(context, `/invoices/${record.invoiceId}`);
      retries += page.retries;
      if (page.status !== 200) throw new Error(`/invoices/${record.invoiceId} answered ${page.status}`);
      // Only this buyer pays it, and only this kind: it must still be open.
      if (invoiceStatus(page.text) !== "Open") throw new Error(`invoice ${record.invoiceId} of an unpaid order reads ${invoiceStatus(page.text)}`);
      const pay = formData(page.text, 'value="pay"');
      const foreign = context.random.chance(FOREIGN_ACCOUNT_SHARE) ? context.random.pick(context.users.filter((u) => u !== context.user)) : undefined;
      pay.set("accountId", (foreign ?? context.user).accountId);
      /** Whether an earlier attempt's outcome is unknown (it may have paid). */
      let ambiguous = false;
      for (;;) {
        const answer = await postForm(context, `/invoices/${record.invoiceId}`, pay);
        retries += answer.retries;
        ambiguous ||= answer.retries > 0;
        const status = answer.status === 200 ? invoiceStatus(answer.text) : undefined;
        if (status === "Paid") {
          record.status = "acked";
          if (foreign) context.history.violation(`${this.name}: invoice ${record.invoiceId} was paid from ${foreign.email}'s account #${foreign.accountId}`);
          // The buyer is told so: the confirmation, or (when an earlier attempt's answer was lost) that it is paid already.
          const shown = renderedHtml(answer.text);
          const told = shown.includes("Paid. Thank you!") || (ambiguous && /already paid/.test(shown));
          if (!told) context.history.violation(`${this.name}: invoice ${record.invoiceId} is paid, but the page does not tell the buyer (${alertText(answer.text)})`);
          return context.history.operation(this.name, "ok", performance.now() - started, retries);
        }
        if (isRetryable(answer)) {
          retries++;
          ambiguous = true;
          continue;
        }
        record.status = "refused";
        record.ambiguous = ambiguous;
        const shown = alertText(answer.text);
        const expected = foreign ? /Account not found/.test(shown) : /insufficient/i.test(shown);
        if (status !== "Open" || !expected) context.history.violation(`${this.name}: paying invoice ${record.invoiceId} answered ${answer.status} (${status}): ${shown}`);
        return context.history.operation(this.name, "refused", performance.now() - started, retries);
      }
    } catch (error) {
      if (error instanceof GaveUp) return context.history.operation(this.name, "unresolved", performance.now() - started, retries);
      context.history.violation(`${this.name}: ${(error as Error).message}`);
      context.history.operation(this.name, "unresolved", performance.now() - started, retries);
    }
  },
};
