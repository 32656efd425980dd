// Opening an account always creates its balance row in the same transaction, so a balance read is
// never "missing" and never computed lazily.
import type { Tx } from "../db/client";
import type { AccountKind } from "../db/generated/enums";
import { currency as currencyOf } from "../money/currency";
import { postEntries } from "./post-entries";
import { ensureSystemAccounts, systemAccountId } from "./system-accounts";

/** $10,000.00: what every new player starts with. */
export const OPENING_DEPOSIT_USD = 1_000_000n;

export interface OpenedAccount {
  id: bigint;
  currency: string;
}

export async function openAccount(
  tx: Tx,
  input: { kind: Exclude<AccountKind, "SYSTEM">; userId?: string; companyId?: string; name: string; currency: string },
): Promise<OpenedAccount> {
  const { code } = currencyOf(input.currency);
  const account = await tx.account.create({
    data: {
      kind: input.kind,
      userId: input.userId,
      companyId: input.companyId,
      name: input.name,
      currency: code,
      balance: { create: {} },
    },
    select: { id: true, currency: true },
  });
  return account;
}

/** A new player's personal USD account, funded from the mint with an initial_deposit entry. */
export async function openPersonalAccount(
  tx: Tx,
  input: { userId: string; currency?: string; openingDeposit?: bigint; createdByUserId?: string },
): Promise<OpenedAccount> {
  const currency = input.currency ?? "USD";
  const account = await openAccount(tx, { kind: "PERSONAL", userId: input.userId, name: `Personal ${currency}`, currency });
  const deposit = input.openingDeposit ?? (currency === "USD" ? OPENING_DEPOSIT_USD : 0n);
  if (deposit > 0n) {
    await ensureSystemAccounts(tx, [currency]);
    await postEntries(
      tx,
      [
        {
          fromAccountId: await systemAccountId(tx, "mint", currency),
          toAccountId: account.id,
          amount: deposit,
          type: "initial_deposit",
          description: "Opening deposit",
        },
      ],
      { createdByUserId: input.createdByUserId ?? input.userId },
    );
  }
  return account;
}

/** A company's operating account: starts at zero. */
export async function openCompanyAccount(tx: Tx, input: { companyId: string; currency?: string; name?: string }): Promise<OpenedAccount> {
  const currency = input.currency ?? "USD";
  return openAccount(tx, { kind: "COMPANY", companyId: input.companyId, name: input.name ?? `Operating ${currency}`, currency });
}
