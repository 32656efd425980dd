// Going public: a company lists on the stock market once its operating balance is strictly over
// the threshold ($50,000.00 by default), unless its owners chose to stay private. The IPO price is
// the fair price, balance × 10 / shares (floor $0.01), recorded as the first StockPrice.
//
// When it runs: inside every operation that raises a company balance and already holds the company
// rows (a marketplace run, a share purchase), and — for postings whose code lives elsewhere
// (transfers, checkout) — right after they commit, through `checkGoingPublicAfterCommit`. The
// price-drift job also sweeps all companies, so nothing is missed for longer than one drift period.
//
// Lock order: the caller must already hold the companies rows FOR UPDATE (business rows before
// balance rows, like trades and marketplace runs), so this never waits for a company row while
// holding a balance row.
import type { Db, Tx } from "../db/client";
import { requireCompanyAccess, type Actor } from "../ledger/account-access";
import { marketConfig } from "../market/config";
import { fairPrice, marketCap } from "../stocks/pricing";

export interface WentPublic {
  companyId: string;
  ticker: string;
  priceMinor: bigint;
}

/** Lists every eligible company among `companyIds` (rows locked by the caller). */
export async function listEligibleCompanies(tx: Tx, companyIds: readonly string[], now = new Date()): Promise<WentPublic[]> {
  if (companyIds.length === 0) return [];
  const config = marketConfig();
  const rows = await tx.$queryRawUnsafe<{ id: string; ticker: string; total_shares: bigint; balance: bigint }[]>(
    `SELECT c.id, c.ticker, c.total_shares, b.balance
       FROM companies c JOIN balances b ON b.account_id = c.operating_account_id
      WHERE c.id = ANY($1::text[]) AND NOT c.is_public AND NOT c.stay_private AND b.balance > $2::bigint
      ORDER BY c.id`,
    companyIds,
    String(config.publicThresholdMinor),
  );
  const listed: WentPublic[] = [];
  for (const r of rows) {
    const shares = BigInt(r.total_shares);
    const price = fairPrice(BigInt(r.balance), shares, config.fairValueMultiple, config.minSharePriceMinor);
    await tx.company.update({ where: { id: r.id }, data: { isPublic: true, wentPublicAt: now, sharePriceMinor: price } });
    await tx.stockPrice.create({ data: { companyId: r.id, priceMinor: price, marketCapMinor: marketCap(price, shares), reason: "ipo", createdAt: now } });
    listed.push({ companyId: r.id, ticker: r.ticker, priceMinor: price });
  }
  return listed;
}

/** Locks the given companies (ascending id) and lists the eligible ones. For callers with nothing locked yet. */
export async function lockAndListEligible(tx: Tx, companyIds: readonly string[], now = new Date()): Promise<WentPublic[]> {
  if (companyIds.length === 0) return [];
  await tx.$queryRawUnsafe(`SELECT id FROM companies WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, [...companyIds]);
  return listEligibleCompanies(tx, companyIds, now);
}

/** After a posting committed elsewhere (transfer, checkout): its own short transaction. */
export async function checkGoingPublicAfterCommit(prisma: Db, accountIds: readonly bigint[]): Promise<WentPublic[]> {
  const companies = await prisma.company.findMany({
    where: { operatingAccountId: { in: [...accountIds] }, isPublic: false, stayPrivate: false },
    select: { id: true },
  });
  if (companies.length === 0) return [];
  return prisma.$transaction((tx) => lockAndListEligible(tx, companies.map((c) => c.id)));
}

/** Sweep: every unlisted company (the drift job runs it). */
export async function checkAllCompanies(prisma: Db): Promise<WentPublic[]> {
  const ids = (await prisma.company.findMany({ where: { isPublic: false, stayPrivate: false }, select: { id: true } })).map((c) => c.id);
  if (ids.length === 0) return [];
  return prisma.$transaction((tx) => lockAndListEligible(tx, ids));
}

/** Owners only. Staying private stops a future listing; a listed company stays listed. */
export async function setStayPrivate(prisma: Db, actor: Actor, companyId: string, stayPrivate: boolean): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await requireCompanyAccess(tx, actor, { id: companyId }, "manage");
    await tx.company.update({ where: { id: companyId }, data: { stayPrivate } });
  });
  if (!stayPrivate) await checkAllCompaniesIn(prisma, [companyId]);
}

async function checkAllCompaniesIn(prisma: Db, ids: string[]): Promise<void> {
  await prisma.$transaction((tx) => lockAndListEligible(tx, ids));
}

/** For callers whose posting already committed: never fails them (logged instead). */
export async function checkGoingPublicQuietly(prisma: Db, accountIds: readonly bigint[]): Promise<void> {
  try {
    await checkGoingPublicAfterCommit(prisma, accountIds);
  } catch (error) {
    console.error("[going-public] check after posting failed:", error);
  }
}
