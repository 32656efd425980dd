// Who may see or spend from an account. Pages, actions, API routes and CLIs all ask here.
// Refusals are "not found" so nobody can probe which account ids exist.
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";

export interface Actor {
  id: string;
  role: "ADMIN" | "USER";
}

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
  /** Whether the actor may move money out of it (owner), not just look at it. */
  canSpend: boolean;
}

/** "view": owner or admin. "spend": the owner (the user, or the company's owner) only. */
export type AccountPurpose = "view" | "spend";

export type AccountRecord = Omit<AccessibleAccount, "canSpend"> & { companyOwnerId: string | null };

export async function findAccount(tx: Tx, accountId: bigint): Promise<AccountRecord | null> {
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
      company: { select: { name: true, ticker: true, ownerId: true } },
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
    companyOwnerId: row.company?.ownerId ?? null,
    ownerEmail: row.user?.email ?? null,
  };
}

export function isAccountOwner(actor: Actor, account: { userId: string | null; companyOwnerId: string | null }): boolean {
  return account.userId === actor.id || account.companyOwnerId === actor.id;
}

export async function requireAccountAccess(tx: Tx, actor: Actor, accountId: bigint, purpose: AccountPurpose): Promise<AccessibleAccount> {
  return accessibleAccount(actor, await findAccount(tx, accountId), purpose);
}

/** The rule of requireAccountAccess, for callers that read the account themselves. Throws not_found. */
export function accessibleAccount(actor: Actor, account: AccountRecord | null, purpose: AccountPurpose): AccessibleAccount {
  const canSpend = account !== null && isAccountOwner(actor, account);
  const allowed = canSpend || (account !== null && purpose === "view" && actor.role === "ADMIN");
  if (!account || !allowed) throw new AppError("not_found", "Account not found.");
  const { companyOwnerId: _owner, ...visible } = account;
  return { ...visible, canSpend };
}

/** Parses an account id from a URL segment or form field ("42" or "#42"); null when malformed. */
export function parseAccountId(value: string): bigint | null {
  const match = /^#?(\d{1,18})$/.exec(value.trim());
  return match ? BigInt(match[1]!) : null;
}
