// Everything /companies/[ticker] shows, read in a handful of indexed queries. What a visitor may see
// follows account-access: the balance, products, chart and shareholders are public (the game shows
// them); entries and members only to members and admins (the `view` purpose on the account).
import type { Tx } from "../db/client";
import { allows, type Actor, type CompanyRole } from "../ledger/account-access";
import { listAccountEntries, type AccountEntry } from "../ledger/list-account-entries";
import { marketConfig } from "../market/config";
import { companyPnl, type PnlDay } from "./company-pnl";
import { listMembers, type CompanyMemberView } from "./members";
import { listProducts, type ProductView } from "./products";

export interface Shareholder {
  userId: string;
  name: string;
  quantity: bigint;
}

export interface CompanyDashboard {
  id: string;
  ticker: string;
  name: string;
  description: string;
  currency: string;
  operatingAccountId: bigint | null;
  balanceMinor: bigint;
  totalShares: bigint;
  isPublic: boolean;
  stayPrivate: boolean;
  sharePriceMinor: bigint | null;
  wentPublicAt: Date | null;
  role: CompanyRole | null;
  canView: boolean;
  canSpend: boolean;
  canManage: boolean;
  products: ProductView[];
  pnl: PnlDay[];
  shareholders: Shareholder[];
  /** Only for members and admins. */
  members: CompanyMemberView[] | null;
  recentEntries: AccountEntry[] | null;
}

export async function getCompanyDashboard(tx: Tx, actor: Actor, ticker: string, now = new Date()): Promise<CompanyDashboard | null> {
  const company = await tx.company.findUnique({
    where: { ticker: ticker.toUpperCase() },
    select: {
      id: true,
      ticker: true,
      name: true,
      description: true,
      operatingAccountId: true,
      totalShares: true,
      isPublic: true,
      stayPrivate: true,
      sharePriceMinor: true,
      wentPublicAt: true,
      operatingAccount: { select: { currency: true, balance: { select: { balance: true } } } },
      members: { where: { userId: actor.id }, select: { role: true } },
    },
  });
  if (!company) return null;
  const role = company.members[0]?.role ?? null;
  const relation = { isPerson: false, companyRole: role, isAdmin: actor.role === "ADMIN" };
  const canView = allows("view", relation);
  const accountId = company.operatingAccountId;
  const [products, pnl, shareholders, members, entries] = await Promise.all([
    listProducts(tx, company.id),
    accountId === null ? Promise.resolve([]) : companyPnl(tx, accountId, { now }),
    tx.stockPosition.findMany({
      where: { companyId: company.id, quantity: { gt: 0 } },
      select: { quantity: true, user: { select: { id: true, name: true } } },
      orderBy: [{ quantity: "desc" }, { userId: "asc" }],
      take: 20,
    }),
    canView ? listMembers(tx, company.id) : Promise.resolve(null),
    canView && accountId !== null ? listAccountEntries(tx, accountId, { limit: 10 }) : Promise.resolve(null),
  ]);
  return {
    id: company.id,
    ticker: company.ticker,
    name: company.name,
    description: company.description,
    currency: company.operatingAccount?.currency ?? marketConfig().currency,
    operatingAccountId: accountId,
    balanceMinor: company.operatingAccount?.balance?.balance ?? 0n,
    totalShares: company.totalShares,
    isPublic: company.isPublic,
    stayPrivate: company.stayPrivate,
    sharePriceMinor: company.sharePriceMinor,
    wentPublicAt: company.wentPublicAt,
    role,
    canView,
    canSpend: allows("spend", relation),
    canManage: allows("manage", relation),
    products,
    pnl,
    shareholders: shareholders.map((s) => ({ userId: s.user.id, name: s.user.name, quantity: s.quantity })),
    members,
    recentEntries: entries?.entries ?? null,
  };
}
