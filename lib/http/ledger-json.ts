// How ledger objects look in the JSON API: ids and amounts are strings (minor units), each amount
// carries its currency.
import type { AccessibleAccount } from "../ledger/account-access";
import type { AccountBalance } from "../ledger/get-balance";
import type { AccountEntry } from "../ledger/list-account-entries";
import type { AccountSummary } from "../ledger/list-user-accounts";

export const money = (amount: bigint, currency: string) => ({ amount: amount.toString(), currency });

type AccountFields = Pick<AccountSummary, "id" | "kind" | "name" | "currency" | "status" | "companyId" | "companyName" | "companyTicker">;

/** The fields every account view shares; the balance comes from the one balances row. */
function accountJson(a: AccountFields, balance: bigint, balanceUpdatedAt: Date) {
  return {
    id: a.id.toString(),
    kind: a.kind,
    name: a.name,
    currency: a.currency,
    status: a.status,
    balance: money(balance, a.currency),
    balanceUpdatedAt: balanceUpdatedAt.toISOString(),
    company: a.companyId ? { id: a.companyId, name: a.companyName, ticker: a.companyTicker } : null,
  };
}

export function accountSummaryJson(a: AccountSummary) {
  return accountJson(a, a.balance, a.lastUpdated);
}

export function accountDetailJson(a: AccessibleAccount, b: AccountBalance) {
  return { ...accountJson(a, b.balance, b.lastUpdated), balanceVersion: b.version.toString() };
}
export function accountEntryJson(e: AccountEntry) {
  return {
    id: e.id.toString(),
    createdAt: e.createdAt.toISOString(),
    type: e.type,
    description: e.description,
    batchCount: e.batchCount,
    direction: e.direction,
    amount: money(e.signedAmount, e.currency),
    balanceAfter: money(e.balanceAfter, e.currency),
    counterparty: { accountId: e.counterpartyAccountId.toString(), name: e.counterpartyName },
    /** Moved to the archive table by `ledger:archive`; still part of the history. */
    archived: e.archived,
  };
}
