// Who may see, spend from or manage an account or a company. Pages, actions, API routes, jobs and
// CLIs all ask here, and lists use the same rule (`allows`), so what a page offers and what an
// action accepts cannot disagree. Refusals are "not found" so nobody can probe which ids exist.
//
// The rule, for an account (a company's accounts follow the actor's role in company_members):
// - view:   the person whose account it is, any member (owner or manager) of its company, or an admin.
// - spend:  the person whose account it is, or an owner or manager of its company. Managers
//           operate products and pay from the company account.
// - manage: the person whose account it is, or an owner of its company: grant and revoke access,
//           choose to stay private, delete. Admins never spend or manage on someone's behalf.
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";
import { isRecordId } from "../validation/record-id";

export interface Actor {
  id: string;
  role: "ADMIN" | "USER";
}

export type CompanyRole = "owner" | "manager";

export interface AccessibleAccount {
  id: bigint;
  kind: "PERSONAL" | "COMPANY" | "SYSTEM";
  name: string;
  currency: string;
  status: "OPEN" | "CLOSED";
  userId: string | null;
  companyId: string | null;
  companyName: string | null;
  companyTicker: string | null;
  ownerEmail: string | null;
  /** Whether the actor may move money out of it (its person, or a company owner/manager), not just look at it. */
  canSpend: boolean;
  /** The actor's role in the account's company, if any. */
  companyRole: CompanyRole | null;
}

export type AccountPurpose = "view" | "spend" | "manage";

/** What the actor is to the thing: its person, a company member with a role, and whether an admin. */
export interface Relation {
  isPerson: boolean;
  companyRole: CompanyRole | null;
  isAdmin: boolean;
}

/** The one rule. */
export function allows(purpose: AccountPurpose, r: Relation): boolean {
  switch (purpose) {
    case "view":
      return r.isPerson || r.companyRole !== null || r.isAdmin;
    case "spend":
      return r.isPerson || r.companyRole === "owner" || r.companyRole === "manager";
    case "manage":
      return r.isPerson || r.companyRole === "owner";
  }
}

export type AccountRecord = Omit<AccessibleAccount, "canSpend">;

export async function findAccount(tx: Tx, accountId: bigint, actorId?: string): Promise<AccountRecord | null> {
  const row = await tx.account.findUnique({
    where: { id: accountId },
    select: {
      id: true,
      kind: true,
      name: true,
      currency: true,
      status: true,
      userId: true,
      companyId: true,
      user: { select: { email: true } },
      company: {
        select: { name: true, ticker: true, members: { where: { userId: actorId ?? "" }, select: { role: true } } },
      },
    },
  });
  if (!row) return null;
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    currency: row.currency,
    status: row.status,
    userId: row.userId,
    companyId: row.companyId,
    companyName: row.company?.name ?? null,
    companyTicker: row.company?.ticker ?? null,
    companyRole: row.company?.members[0]?.role ?? null,
    ownerEmail: row.user?.email ?? null,
  };
}

export async function requireAccountAccess(tx: Tx, actor: Actor, accountId: bigint, purpose: AccountPurpose): Promise<AccessibleAccount> {
  return accessibleAccount(actor, await findAccount(tx, accountId, actor.id), purpose);
}

/** The rule of requireAccountAccess, for callers that read the account (with the actor's role) themselves. */
export function accessibleAccount(actor: Actor, account: AccountRecord | null, purpose: AccountPurpose): AccessibleAccount {
  const relation = (a: AccountRecord): Relation => ({ isPerson: a.userId === actor.id, companyRole: a.companyRole, isAdmin: actor.role === "ADMIN" });
  if (!account || !allows(purpose, relation(account))) throw new AppError("not_found", "Account not found.");
  return { ...account, canSpend: allows("spend", relation(account)) };
}

export interface AccessibleCompany {
  id: string;
  ticker: string;
  name: string;
  operatingAccountId: bigint | null;
  /** The actor's role, or null for an admin who is not a member. */
  role: CompanyRole | null;
  canSpend: boolean;
  canManage: boolean;
}

export async function companyRoleOf(tx: Tx, actorId: string, companyId: string): Promise<CompanyRole | null> {
  const member = await tx.companyMember.findUnique({ where: { companyId_userId: { companyId, userId: actorId } }, select: { role: true } });
  return member?.role ?? null;
}

/**
 * A company the actor may use for `purpose` ("spend" = operate products and pay from its account;
 * "manage" = owners' decisions), looked up by id or ticker. Not a member → not found.
 */
export async function requireCompanyAccess(tx: Tx, actor: Actor, where: { id: string } | { ticker: string }, purpose: AccountPurpose): Promise<AccessibleCompany> {
  const company = !isRecordId("id" in where ? where.id : where.ticker) ? null : await tx.company.findUnique({
    where,
    select: { id: true, ticker: true, name: true, operatingAccountId: true, members: { where: { userId: actor.id }, select: { role: true } } },
  });
  const relation: Relation = { isPerson: false, companyRole: company?.members[0]?.role ?? null, isAdmin: actor.role === "ADMIN" };
  if (!company || !allows(purpose, relation)) throw new AppError("not_found", "Company not found.");
  return {
    id: company.id,
    ticker: company.ticker,
    name: company.name,
    operatingAccountId: company.operatingAccountId,
    role: relation.companyRole,
    canSpend: allows("spend", relation),
    canManage: allows("manage", relation),
  };
}

/** Parses an account id from a URL segment or form field ("42" or "#42"); null when malformed. */
export function parseAccountId(value: string): bigint | null {
  const match = /^#?(\d{1,18})$/.exec(value.trim());
  return match ? BigInt(match[1]!) : null;
}
