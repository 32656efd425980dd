import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser, type TestUser } from "../../scripts/test/ledger-fixtures";
import { db } from "../db/client";
import { openCompanyAccount } from "../ledger/open-account";
import { postEntries } from "../ledger/post-entries";
import { checkGoingPublicAfterCommit } from "./going-public";
import { listCompanies, PUBLIC_LISTING_THRESHOLD_MINOR, type CompanySummary } from "./list-companies";

let owner: TestUser;
let other: TestUser;
const companies: Record<string, { id: string; accountId: bigint }> = {};

async function createCompany(ticker: string, ownerId: string) {
  return db().$transaction(async (tx) => {
    const company = await tx.company.create({ data: { ticker, name: `${ticker} Ltd`, description: `About ${ticker}`, ownerId } });
    const account = await openCompanyAccount(tx, { companyId: company.id });
    await tx.company.update({ where: { id: company.id }, data: { operatingAccountId: account.id } });
    companies[ticker] = { id: company.id, accountId: account.id };
    return company;
  });
}

async function fund(ticker: string, amount: bigint) {
  await db().$transaction((tx) =>
    postEntries(tx, [{ fromAccountId: owner.accountId, toAccountId: companies[ticker]!.accountId, amount, type: "transfer" }]),
  );
}

async function byTicker(): Promise<Map<string, CompanySummary>> {
  return new Map((await listCompanies(db())).map((c) => [c.ticker, c]));
}

beforeAll(async () => {
  // Enough to push one company over the threshold and another exactly onto it.
  owner = await createTestUser({ name: "Olivia Owner", openingDeposit: 3n * PUBLIC_LISTING_THRESHOLD_MINOR });
  other = await createTestUser({ name: "Oscar Other" });
  const zeta = await createCompany("ZETA", owner.id);
  await createCompany("EXCT", owner.id);
  await createCompany("OVER", other.id);
  await db().product.createMany({
    data: [
      { companyId: zeta.id, name: "Widget", priceMinor: 1_000n, currency: "USD" },
      { companyId: zeta.id, name: "Gadget", priceMinor: 2_000n, currency: "USD" },
      { companyId: zeta.id, name: "Retired", priceMinor: 500n, currency: "USD", active: false },
      { companyId: zeta.id, name: "Ticket", kind: "TICKET", priceMinor: 3_000n, currency: "USD" },
    ],
  });
  // A second company account in another currency must not duplicate the row or change the balance.
  await db().$transaction((tx) => openCompanyAccount(tx, { companyId: zeta.id, currency: "EUR" }));
});

describe("listCompanies", () => {
  it("lists every company once, by ticker, with owner and active counts", async () => {
    const list = await listCompanies(db());
    expect(list.map((c) => c.ticker)).toEqual(["EXCT", "OVER", "ZETA"]);
    const zeta = list.find((c) => c.ticker === "ZETA")!;
    expect(zeta).toMatchObject({
      name: "ZETA Ltd",
      description: "About ZETA",
      ownerId: owner.id,
      ownerName: "Olivia Owner",
      operatingAccountId: companies.ZETA!.accountId,
      operatingBalanceMinor: 0n,
      currency: "USD",
      activeProductCount: 2,
      activeTicketCount: 1,
      isPublic: false,
    });
    expect(list.find((c) => c.ticker === "OVER")).toMatchObject({ ownerName: "Oscar Other", activeProductCount: 0, activeTicketCount: 0 });
  });

  it("reads the operating balance from the balances table", async () => {
    await fund("ZETA", 12_345n);
    expect((await byTicker()).get("ZETA")).toMatchObject({ operatingBalanceMinor: 12_345n, isPublic: false });
  });

  it("goes public only when the balance is over $50,000.00, not at exactly $50,000.00", async () => {
    await fund("EXCT", PUBLIC_LISTING_THRESHOLD_MINOR);
    await fund("OVER", PUBLIC_LISTING_THRESHOLD_MINOR);
    await checkGoingPublicAfterCommit(db(), [companies.EXCT!.accountId, companies.OVER!.accountId]);
    let list = await byTicker();
    expect(list.get("EXCT")).toMatchObject({ operatingBalanceMinor: 5_000_000n, isPublic: false });
    expect(list.get("OVER")).toMatchObject({ operatingBalanceMinor: 5_000_000n, isPublic: false });

    await fund("OVER", 1n);
    await checkGoingPublicAfterCommit(db(), [companies.OVER!.accountId]);
    list = await byTicker();
    // IPO price = 5,000,001 × 10 / 1,000,000 = 50.00001 → 50 minor units ($0.50).
    expect(list.get("OVER")).toMatchObject({ operatingBalanceMinor: 5_000_001n, isPublic: true, sharePriceMinor: 50n });
    expect(list.get("EXCT")?.isPublic).toBe(false);
  });

  it("shows a company without a USD company account at zero, not listed", async () => {
    await db().company.create({ data: { ticker: "NOAC", name: "No Account", ownerId: other.id } });
    expect((await byTicker()).get("NOAC")).toMatchObject({ operatingAccountId: null, operatingBalanceMinor: 0n, isPublic: false });
  });
});
