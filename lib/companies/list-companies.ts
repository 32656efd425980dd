import type { Tx } from "../db/client";

import { marketConfig } from "../market/config";

/**
 * The original game's listing rule: a company goes public when its operating balance is over
 * $50,000.00 (configurable, lib/market/config.ts). Strictly over: exactly $50,000.00 is not listed.
 * Listing itself is an event (lib/companies/going-public.ts) recorded in companies.is_public.
 */
export const PUBLIC_LISTING_THRESHOLD_MINOR = marketConfig().publicThresholdMinor;
/** The threshold is a USD figure; a company's operating account is its USD company account. */
export const PUBLIC_LISTING_CURRENCY = marketConfig().currency;

export interface CompanySummary {
  id: string;
  ticker: string;
  name: string;
  description: string;
  ownerId: string;
  ownerName: string;
  /** Null when the company has no USD company account (every company gets one when it is created). */
  operatingAccountId: bigint | null;
  /** Minor units of PUBLIC_LISTING_CURRENCY; 0 when there is no operating account. */
  operatingBalanceMinor: bigint;
  currency: string;
  activeProductCount: number;
  /** Tickets are products too (kind TICKET); counted apart so "3 products" means things on a shelf. */
  activeTicketCount: number;
  /** Listed on the stock market (companies.is_public). */
  isPublic: boolean;
  sharePriceMinor: bigint | null;
  stayPrivate: boolean;
}

/** Whether a balance qualifies for listing (the going-public check also honours stay-private). */
export function isPubliclyListed(balanceMinor: bigint): boolean {
  return balanceMinor > PUBLIC_LISTING_THRESHOLD_MINOR;
}

interface Row {
  id: string;
  ticker: string;
  name: string;
  description: string;
  owner_id: string;
  owner_name: string;
  account_id: bigint | null;
  balance: bigint | null;
  products: bigint | number;
  tickets: bigint | number;
  is_public: boolean;
  share_price_minor: bigint | null;
  stay_private: boolean;
}

/**
 * Every company with its owner, operating balance and active catalogue size, in one query
 * (companies ⋈ users ⋈ operating account's balance, plus per-company product counts).
 * The balance comes from the balances table, the single source for reads, never from the ledger.
 */
export async function listCompanies(tx: Tx): Promise<CompanySummary[]> {
  const rows = await tx.$queryRaw<Row[]>`
    SELECT c.id, c.ticker, c.name, c.description, c.owner_id, u.name AS owner_name,
           c.operating_account_id AS account_id, b.balance, c.is_public, c.share_price_minor, c.stay_private,
           coalesce(p.products, 0) AS products, coalesce(p.tickets, 0) AS tickets
      FROM companies c
      JOIN users u ON u.id = c.owner_id
      -- The operating account is named by the company (companies.operating_account_id).
      LEFT JOIN balances b ON b.account_id = c.operating_account_id
      LEFT JOIN (
             SELECT company_id,
                    count(*) FILTER (WHERE kind = 'GOODS') AS products,
                    count(*) FILTER (WHERE kind = 'TICKET') AS tickets
               FROM products
              WHERE active
              GROUP BY company_id
           ) p ON p.company_id = c.id
     ORDER BY c.ticker`;
  return rows.map((r) => {
    const balance = r.balance === null ? 0n : BigInt(r.balance);
    return {
      id: r.id,
      ticker: r.ticker,
      name: r.name,
      description: r.description,
      ownerId: r.owner_id,
      ownerName: r.owner_name,
      operatingAccountId: r.account_id === null ? null : BigInt(r.account_id),
      operatingBalanceMinor: balance,
      currency: PUBLIC_LISTING_CURRENCY,
      activeProductCount: Number(r.products),
      activeTicketCount: Number(r.tickets),
      isPublic: r.is_public,
      sharePriceMinor: r.share_price_minor === null ? null : BigInt(r.share_price_minor),
      stayPrivate: r.stay_private,
    };
  });
}
