// Who may act for a seller. The roles are company_members' (the same table account-access.ts reads):
// - staff (owners and managers): see the seller's invoices, mark them paid, void, refund;
// - owners only: edit the seller settings (legal name, tax, invoice numbering).
// This is the ONE place that decides it for checkout and invoicing.
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";
import { isRecordId } from "../validation/record-id";

type SellerRole = "staff" | "owner";

async function roleOf(tx: Tx, userId: string, companyId: string): Promise<"owner" | "manager" | null> {
  if (!isRecordId(companyId)) return null;
  const member = await tx.companyMember.findUnique({ where: { companyId_userId: { companyId, userId } }, select: { role: true } });
  return member?.role ?? null;
}

export async function canManageSeller(tx: Tx, userId: string, companyId: string, needs: SellerRole = "staff"): Promise<boolean> {
  const role = await roleOf(tx, userId, companyId);
  return needs === "owner" ? role === "owner" : role !== null;
}

/** Ids of the companies the user works for as seller staff. */
export async function managedSellerIds(tx: Tx, userId: string): Promise<string[]> {
  const rows = await tx.companyMember.findMany({ where: { userId }, select: { companyId: true } });
  return rows.map((r) => r.companyId);
}

/**
 * Not found rather than forbidden, worded like the caller's own "does not exist" answer
 * (`notFoundMessage`, e.g. "Invoice not found."), so nobody can probe which invoices exist.
 */
export async function requireSellerStaff(tx: Tx, userId: string, companyId: string, needs: SellerRole = "staff", notFoundMessage = "Not found."): Promise<void> {
  if (!(await canManageSeller(tx, userId, companyId, needs))) throw new AppError("not_found", notFoundMessage);
}
