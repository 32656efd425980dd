// Who may act for a seller (see its invoices, mark them paid, void, refund, edit seller settings).
// Until company memberships with owner/manager roles land, that is the company's owner; this is the
// ONE place that decides it, so switching to memberships is a one-line change here.
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";

export async function canManageSeller(tx: Tx, userId: string, companyId: string): Promise<boolean> {
  const company = await tx.company.findUnique({ where: { id: companyId }, select: { ownerId: true } });
  return company?.ownerId === userId;
}

/** Ids of the companies the user may act for as a seller. */
export async function managedSellerIds(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx.company.findMany({ where: { ownerId: userId }, select: { id: true } });
  return rows.map((r) => r.id);
}

export async function requireSellerStaff(tx: Tx, userId: string, companyId: string): Promise<void> {
  // Not found rather than forbidden: nobody can probe which invoices exist.
  if (!(await canManageSeller(tx, userId, companyId))) throw new AppError("not_found", "Not found.");
}
