// Owners may delete a company that never did business: no ledger entries on its accounts, not
// listed, no events. Anything with history stays (the ledger is append-only, and entries and trades
// name the company); such a company can deactivate its products instead.
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import { requireCompanyAccess, type Actor } from "../ledger/account-access";

export async function deleteCompany(prisma: Db, actor: Actor, companyId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await requireCompanyAccess(tx, actor, { id: companyId }, "manage");
    const company = await tx.company.findUniqueOrThrow({
      where: { id: companyId },
      select: { isPublic: true, _count: { select: { events: true, positions: true, trades: true } }, accounts: { select: { id: true } } },
    });
    const accountIds = company.accounts.map((a) => a.id);
    const entries = await tx.ledgerEntry.count({ where: { OR: [{ fromAccountId: { in: accountIds } }, { toAccountId: { in: accountIds } }] } });
    if (company.isPublic || entries > 0 || company._count.events > 0 || company._count.positions > 0 || company._count.trades > 0) {
      throw new AppError("conflict", "This company has history (ledger entries, shares or events), so it cannot be deleted. Deactivate its products instead.");
    }
    await tx.company.update({ where: { id: companyId }, data: { operatingAccountId: null } });
    await tx.product.deleteMany({ where: { companyId } });
    await tx.balance.deleteMany({ where: { accountId: { in: accountIds } } });
    await tx.account.deleteMany({ where: { id: { in: accountIds } } });
    await tx.company.delete({ where: { id: companyId } }); // members cascade
  });
}
