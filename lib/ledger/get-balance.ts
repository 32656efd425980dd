import type { Tx } from "../db/client";

export interface AccountBalance {
  accountId: bigint;
  balance: bigint;
  currency: string;
  version: bigint;
  lastUpdated: Date;
}

/** One indexed row read; never a sum over the ledger. Null when the account doesn't exist. */
export async function getBalance(tx: Tx, accountId: bigint): Promise<AccountBalance | null> {
  const row = await tx.balance.findUnique({
    where: { accountId },
    select: { accountId: true, balance: true, version: true, lastUpdated: true, account: { select: { currency: true } } },
  });
  return row && { accountId: row.accountId, balance: row.balance, version: row.version, lastUpdated: row.lastUpdated, currency: row.account.currency };
}
