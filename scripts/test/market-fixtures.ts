// Companies and products for market tests, built through lib/companies like the app does.
import { createCompany } from "../../lib/companies/create-company";
import { createProduct } from "../../lib/companies/products";
import { db } from "../../lib/db/client";
import { postEntries } from "../../lib/ledger/post-entries";
import type { TestUser } from "./ledger-fixtures";

export interface TestCompany {
  id: string;
  ticker: string;
  accountId: bigint;
  productIds: string[];
}

let counter = 0;

/** A unique 5-letter ticker per call (tests run in parallel files, each with its own database). */
export function nextTicker(): string {
  counter += 1;
  let n = counter;
  let t = "";
  for (let i = 0; i < 5; i++) {
    t = String.fromCharCode(65 + (n % 26)) + t;
    n = Math.floor(n / 26);
  }
  return t;
}

export async function createTestCompany(owner: TestUser, options: { prices?: string[]; ticker?: string } = {}): Promise<TestCompany> {
  const actor = { id: owner.id, role: owner.role };
  const ticker = options.ticker ?? nextTicker();
  const company = await createCompany(db(), actor, { name: `${ticker} Inc`, ticker });
  const productIds: string[] = [];
  for (const [i, price] of (options.prices ?? []).entries()) {
    productIds.push((await createProduct(db(), actor, company.id, { name: `Product ${i + 1}`, price })).id);
  }
  return { id: company.id, ticker, accountId: company.operatingAccountId, productIds };
}

/** Moves money from a user's personal account into a company account (one transfer entry). */
export async function fundCompany(from: TestUser, company: TestCompany, amount: bigint): Promise<void> {
  await db().$transaction((tx) => postEntries(tx, [{ fromAccountId: from.accountId, toAccountId: company.accountId, amount, type: "transfer" }]));
}

/**
 * Many companies at once for scale tests (1,000 would take most of a minute through createCompany):
 * the same rows createCompany writes — company, USD company account with its balance row,
 * operating_account_id, owner membership — plus one product each, in a few set-based statements.
 */
export async function createManyCompanies(owner: TestUser, count: number, priceMinor: bigint): Promise<string[]> {
  return db().$transaction(async (tx) => {
    const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
      `INSERT INTO companies (id, name, ticker, owner_id)
       SELECT 'bulk-' || g || '-' || md5(random()::text), 'Bulk ' || g,
              'Q' || chr(65 + (g / 17576) % 26) || chr(65 + (g / 676) % 26) || chr(65 + (g / 26) % 26) || chr(65 + g % 26), $1
         FROM generate_series(1, $2::int) g
       RETURNING id`,
      owner.id,
      count,
    );
    const ids = rows.map((r) => r.id);
    await tx.$executeRawUnsafe(
      `WITH a AS (
         INSERT INTO accounts (kind, company_id, name, currency, updated_at)
         SELECT 'COMPANY', id, 'Operating USD', 'USD', now() FROM unnest($1::text[]) AS id RETURNING id, company_id, allow_negative)
       , b AS (INSERT INTO balances (account_id, allow_negative) SELECT id, allow_negative FROM a)
       UPDATE companies c SET operating_account_id = a.id FROM a WHERE c.id = a.company_id`,
      ids,
    );
    await tx.$executeRawUnsafe(`INSERT INTO company_members (company_id, user_id, role) SELECT id, $2, 'owner' FROM unnest($1::text[]) AS id`, ids, owner.id);
    await tx.$executeRawUnsafe(
      `INSERT INTO products (id, company_id, name, price_minor, currency) SELECT 'bulkp-' || id, id, 'Thing', $2::bigint, 'USD' FROM unnest($1::text[]) AS id`,
      ids,
      String(priceMinor),
    );
    return ids;
  });
}
