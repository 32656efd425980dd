// Test data built through the same service functions the app uses (no hand-inserted balances).
import { randomUUID } from "node:crypto";
import { db } from "../../lib/db/client";
import { openPersonalAccount } from "../../lib/ledger/open-account";
import { ensureSystemAccounts } from "../../lib/ledger/system-accounts";

export interface TestUser {
  id: string;
  email: string;
  role: "USER" | "ADMIN";
  accountId: bigint;
}

/** A user with a funded personal USD account. The password hash is a placeholder: these users never sign in. */
export async function createTestUser(options: { role?: "USER" | "ADMIN"; openingDeposit?: bigint; name?: string } = {}): Promise<TestUser> {
  const email = `user-${randomUUID()}@example.test`;
  return db().$transaction(async (tx) => {
    await ensureSystemAccounts(tx, ["USD"]);
    const user = await tx.user.create({
      data: { email, name: options.name ?? email.slice(0, 12), passwordHash: "not-a-real-hash", role: options.role ?? "USER" },
    });
    const account = await openPersonalAccount(tx, { userId: user.id, openingDeposit: options.openingDeposit });
    return { id: user.id, email, role: user.role, accountId: account.id };
  });
}

export async function balanceOf(accountId: bigint): Promise<bigint> {
  const row = await db().balance.findUniqueOrThrow({ where: { accountId } });
  return row.balance;
}

export async function sumOfBalances(currency: string): Promise<bigint> {
  const [row] = await db().$queryRawUnsafe<{ total: bigint | null }[]>(
    `SELECT sum(b.balance)::bigint AS total FROM balances b JOIN accounts a ON a.id = b.account_id WHERE a.currency = $1`,
    currency,
  );
  return BigInt(row?.total ?? 0);
}

export async function entryCount(): Promise<number> {
  return db().ledgerEntry.count();
}
