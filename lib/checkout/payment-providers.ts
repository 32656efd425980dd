// The payment-provider seam. A provider decides whether a method applies to a checkout and
// collects the money inside the checkout's database transaction; a card provider would add an
// entry here (authorize before, capture in `collect`) without touching the completion code.
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";
import { requireAccountAccess, type Actor } from "../ledger/account-access";
import { postEntries } from "../ledger/post-entries";
import { ensureSystemAccounts, systemAccountId } from "../ledger/system-accounts";

export type PaymentMethodName = "balance" | "invoice" | "free";

export interface PaymentContext {
  actor: Actor;
  transactionId: string;
  sellerCompanyId: string;
  sellerName: string;
  currency: string;
  payerType: "B2C" | "B2B";
  subtotal: bigint;
  taxTotal: bigint;
  total: bigint;
  payerAccountId: bigint | null;
  /** Seller and tax accounts when the caller already read them (checkout reads them with the cart). */
  receiving?: { seller: bigint | null; tax: bigint | null };
}

export interface PaymentOutcome {
  status: "paid" | "pending";
  payerAccountId: bigint | null;
}

export interface PaymentProvider {
  method: PaymentMethodName;
  /** The payment status once `collect` has succeeded (recorded with the transaction row). */
  status: "paid" | "pending";
  /** Refuses before anything is written. Throws AppError with a field error on `method`. */
  check(ctx: Omit<PaymentContext, "transactionId">): void;
  collect(tx: Tx, ctx: PaymentContext): Promise<PaymentOutcome>;
}

const methodError = (message: string) => new AppError("invalid_input", message, { fieldErrors: { method: message } });

/** The seller's operating account in the checkout currency. */
export async function sellerAccountId(tx: Tx, companyId: string, currency: string): Promise<bigint> {
  const account = await tx.account.findFirst({
    where: { companyId, currency, status: "OPEN", kind: "COMPANY" },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  if (!account) throw new AppError("conflict", `This seller has no ${currency} account to receive the payment.`);
  return account.id;
}

/** The seller's account and the tax authority's in one round trip (tax null when not created yet). */
async function receivingAccounts(tx: Tx, companyId: string, currency: string): Promise<{ seller: bigint; tax: bigint | null }> {
  const [row] = await tx.$queryRaw<{ seller: bigint | null; tax: bigint | null }[]>`
    SELECT (SELECT id FROM accounts WHERE company_id = ${companyId} AND currency = ${currency} AND kind = 'COMPANY' AND status = 'OPEN' ORDER BY id LIMIT 1) AS seller,
           (SELECT id FROM accounts WHERE system_key = ${`tax:${currency}`}) AS tax`;
  if (row?.seller == null) throw new AppError("conflict", `This seller has no ${currency} account to receive the payment.`);
  return { seller: BigInt(row.seller), tax: row.tax == null ? null : BigInt(row.tax) };
}

export async function taxAccountId(tx: Tx, currency: string): Promise<bigint> {
  const existing = await tx.account.findUnique({ where: { systemKey: `tax:${currency}` }, select: { id: true } });
  if (existing) return existing.id;
  await ensureSystemAccounts(tx, [currency], ["tax"]);
  return systemAccountId(tx, "tax", currency);
}

/**
 * Buyer → seller (net) and buyer → tax authority (tax) in ONE posting, each entry carrying the
 * transaction id. Used by checkout and by paying an open invoice from a balance.
 */
export async function postCheckoutPayment(
  tx: Tx,
  ctx: { actor: Actor; payerAccountId: bigint; transactionId: string; sellerCompanyId: string; sellerName: string; currency: string; subtotal: bigint; taxTotal: bigint; label: string; receiving?: { seller: bigint | null; tax: bigint | null } },
): Promise<void> {
  const { seller, tax: taxAccount } = ctx.receiving?.seller != null ? { seller: ctx.receiving.seller, tax: ctx.receiving.tax } : await receivingAccounts(tx, ctx.sellerCompanyId, ctx.currency);
  const tax = ctx.taxTotal > 0n ? (taxAccount ?? (await taxAccountId(tx, ctx.currency))) : null;
  const entries = [];
  if (ctx.subtotal > 0n) {
    entries.push({ fromAccountId: ctx.payerAccountId, toAccountId: seller, amount: ctx.subtotal, type: "checkout_payment" as const, currency: ctx.currency, companyId: ctx.sellerCompanyId, transactionId: ctx.transactionId, description: `${ctx.label}: ${ctx.sellerName}`.slice(0, 200) });
  }
  if (tax !== null) {
    entries.push({ fromAccountId: ctx.payerAccountId, toAccountId: tax, amount: ctx.taxTotal, type: "checkout_tax" as const, currency: ctx.currency, companyId: ctx.sellerCompanyId, transactionId: ctx.transactionId, description: `Tax on ${ctx.label.toLowerCase()}: ${ctx.sellerName}`.slice(0, 200) });
  }
  if (entries.length > 0) await postEntries(tx, entries, { createdByUserId: ctx.actor.id });
}

const balance: PaymentProvider = {
  method: "balance",
  status: "paid",
  check(ctx) {
    if (ctx.total === 0n) throw methodError("Nothing to pay: choose “free”.");
    if (ctx.payerAccountId === null) throw new AppError("invalid_input", "Choose the account to pay from.", { fieldErrors: { accountId: "Choose the account to pay from." } });
  },
  async collect(tx, ctx) {
    const account = await requireAccountAccess(tx, ctx.actor, ctx.payerAccountId!, "spend");
    if (account.currency !== ctx.currency) {
      const message = `This checkout is in ${ctx.currency}; account #${account.id} holds ${account.currency}.`;
      throw new AppError("currency_mismatch", message, { fieldErrors: { accountId: message } });
    }
    await postCheckoutPayment(tx, { ...ctx, payerAccountId: account.id, label: "Checkout" });
    return { status: "paid", payerAccountId: account.id };
  },
};

const invoice: PaymentProvider = {
  method: "invoice",
  status: "pending",
  check(ctx) {
    // The original marked pay-later consumer invoices as paid; here they are refused outright.
    if (ctx.payerType !== "B2B") throw methodError("Pay by invoice is available to businesses only: choose business details or pay from your balance.");
    if (ctx.total === 0n) throw methodError("Nothing to pay: choose “free”.");
  },
  async collect() {
    return { status: "pending", payerAccountId: null };
  },
};

const free: PaymentProvider = {
  method: "free",
  status: "paid",
  check(ctx) {
    if (ctx.total !== 0n) throw methodError("Only a checkout with a total of zero is free.");
  },
  async collect() {
    return { status: "paid", payerAccountId: null };
  },
};

export const PAYMENT_PROVIDERS: Record<PaymentMethodName, PaymentProvider> = { balance, invoice, free };

export function paymentProvider(method: string): PaymentProvider {
  // Own keys only: "constructor" or "toString" from a form must not find Object.prototype's functions.
  if (!Object.hasOwn(PAYMENT_PROVIDERS, method)) throw methodError("Choose a payment method.");
  return PAYMENT_PROVIDERS[method as PaymentMethodName];
}
