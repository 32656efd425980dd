// Who may act for a seller (see its invoices, mark them paid, void, refund, edit seller settings):
// the members of its company (owner or manager, company_members) — the same people who may spend
// from its accounts (lib/ledger/account-access.ts); companies.owner_id (the founder) grants nothing.
// This is the ONE place that decides it.
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";

export async function canManageSeller(tx: Tx, userId: string, companyId: string): Promise<boolean> {
  const company = await tx.company.findFirst({
    where: { id: companyId, members: { some: { userId, role: { in: ["owner", "manager"] } } } },
    select: { id: true },
  });
  return company !== null;
}

/** Ids of the companies the user may act for as a seller. */
export async function managedSellerIds(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx.company.findMany({
    where: { members: { some: { userId, role: { in: ["owner", "manager"] } } } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * Not found rather than forbidden, worded like the caller's own "does not exist" answer
 * (`notFoundMessage`), so nobody can probe which invoices or transactions exist.
 */
export async function requireSellerStaff(tx: Tx, userId: string, companyId: string, notFoundMessage = "Not found."): Promise<void> {
  if (!(await canManageSeller(tx, userId, companyId))) throw new AppError("not_found", notFoundMessage);
}
