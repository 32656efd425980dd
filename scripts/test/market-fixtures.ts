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
