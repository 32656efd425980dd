// Sellers, products, events and buyers for checkout tests, built through the app's own functions.
import { randomBytes, randomUUID } from "node:crypto";
import { addToCart } from "../../lib/checkout/cart";
import { saveCustomer } from "../../lib/checkout/save-customer";
import { completeCheckout, type CompletedCheckout } from "../../lib/checkout/complete-checkout";
import { db } from "../../lib/db/client";
import { openCompanyAccount, openPersonalAccount } from "../../lib/ledger/open-account";
import { ensureSystemAccounts } from "../../lib/ledger/system-accounts";

export interface TestSeller {
  id: string;
  ownerId: string;
  accountId: bigint;
  currency: string;
}

export async function createSeller(options: {
  currency?: string;
  country?: string;
  taxRateBps?: number;
  taxEnabled?: boolean;
  pricesIncludeTax?: boolean;
  invoiceLanguage?: "en" | "de" | "es" | "fr";
  prefix?: string;
  ownerId?: string;
} = {}): Promise<TestSeller> {
  const currency = options.currency ?? "USD";
  return db().$transaction(async (tx) => {
    await ensureSystemAccounts(tx, [currency], ["mint", "tax"]);
    const ownerId =
      options.ownerId ?? (await tx.user.create({ data: { email: `seller-${randomUUID()}@example.test`, name: "Seller", passwordHash: "x" } })).id;
    // Tickers are 1–5 letters (companies_ticker_format); 26^5 leaves collisions negligible per test database.
    const ticker = Array.from(randomBytes(5), (b) => String.fromCharCode(65 + (b % 26))).join("");
    const company = await tx.company.create({
      data: {
        name: `Seller ${ticker}`,
        ticker,
        ownerId,
        currency,
        country: options.country ?? "DE",
        taxEnabled: options.taxEnabled ?? true,
        taxRateBps: options.taxRateBps ?? 1900,
        pricesIncludeTax: options.pricesIncludeTax ?? false,
        invoiceLanguage: options.invoiceLanguage ?? "en",
        invoicePrefix: options.prefix ?? "INV",
        legalName: `Seller ${ticker} GmbH`,
        address: "Hauptstraße 1, 10115 Berlin",
        vatId: "DE129273398",
      },
    });
    const account = await openCompanyAccount(tx, { companyId: company.id, currency });
    // As createCompany does: the operating account is referenced explicitly, the founder is an owner.
    await tx.company.update({ where: { id: company.id }, data: { operatingAccountId: account.id } });
    await tx.companyMember.create({ data: { companyId: company.id, userId: ownerId, role: "owner", grantedById: ownerId } });
    return { id: company.id, ownerId, accountId: account.id, currency };
  });
}

export async function createProduct(seller: TestSeller, options: { price?: bigint; name?: string; taxRateBps?: number | null; eventId?: string } = {}): Promise<string> {
  const p = await db().product.create({
    data: {
      companyId: seller.id,
      name: options.name ?? `Product ${randomUUID().slice(0, 6)}`,
      description: "A thing",
      priceMinor: options.price ?? 5000n,
      currency: seller.currency,
      taxRateBps: options.taxRateBps ?? null,
      kind: options.eventId ? "TICKET" : "GOODS",
      eventId: options.eventId,
    },
  });
  return p.id;
}

export async function createEvent(seller: TestSeller, capacity: number): Promise<string> {
  const e = await db().event.create({
    data: { companyId: seller.id, name: `Event ${randomUUID().slice(0, 6)}`, venue: "Hall", startsAt: new Date(Date.now() + 30 * 86_400_000), capacity },
  });
  return e.id;
}

export interface TestBuyer {
  id: string;
  email: string;
  role: "USER";
  accountId: bigint;
}

export async function createBuyer(currency = "USD", deposit = 1_000_000n): Promise<TestBuyer> {
  const email = `buyer-${randomUUID()}@example.test`;
  return db().$transaction(async (tx) => {
    await ensureSystemAccounts(tx, [currency]);
    const user = await tx.user.create({ data: { email, name: "Buyer", passwordHash: "x" } });
    const account = await openPersonalAccount(tx, { userId: user.id, currency, openingDeposit: deposit });
    return { id: user.id, email, role: "USER" as const, accountId: account.id };
  });
}

export const B2C = { type: "B2C", name: "Bob Buyer", email: "bob@example.test", address: "1 Main St, Springfield", country: "US" } as const;
export const B2B_FR = { type: "B2B", companyName: "Société Exemple SA", vatId: "FR40303265045", address: "1 rue de Rivoli, Paris", email: "ap@exemple.test" } as const;
export const B2B_DE = { type: "B2B", companyName: "Beispiel GmbH", vatId: "DE129273398", address: "Hauptstraße 2, Berlin", email: "ap@beispiel.test" } as const;

/** Fills a cart (one line per product), saves the customer with attendee names, returns the session id. */
export async function prepareCheckout(
  buyer: TestBuyer,
  items: { productId: string; quantity: number }[],
  customer: object = B2C,
): Promise<string> {
  let sessionId = "";
  await db().$transaction(async (tx) => {
    for (const item of items) sessionId = (await addToCart(tx, buyer.id, item)).sessionId;
  });
  const lines = await db().checkoutLine.findMany({ where: { sessionId }, select: { id: true, quantity: true } });
  const attendees = Object.fromEntries(lines.map((l) => [l.id, Array.from({ length: l.quantity }, (_, i) => `Attendee ${i + 1}`)]));
  await db().$transaction((tx) => saveCustomer(tx, buyer.id, { sessionId, customer, attendees }));
  return sessionId;
}

export async function checkout(
  buyer: TestBuyer,
  items: { productId: string; quantity: number }[],
  options: { customer?: object; method?: string } = {},
): Promise<CompletedCheckout> {
  const sessionId = await prepareCheckout(buyer, items, options.customer);
  const method = options.method ?? "balance";
  return completeCheckout(db(), buyer, { sessionId, method, payerAccountId: method === "balance" ? buyer.accountId : null });
}

export async function rowCounts(): Promise<Record<string, number>> {
  const [row] = await db().$queryRawUnsafe<Record<string, bigint>[]>(`
    SELECT (SELECT count(*) FROM transactions) AS transactions,
           (SELECT count(*) FROM transaction_line_items) AS line_items,
           (SELECT count(*) FROM tickets) AS tickets,
           (SELECT count(*) FROM invoices) AS invoices,
           (SELECT count(*) FROM email_outbox) AS emails,
           (SELECT count(*) FROM ledger_entries) AS entries,
           (SELECT count(*) FROM document_counters) AS counters,
           (SELECT coalesce(sum(tickets_sold), 0) FROM events) AS tickets_sold`);
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
}
