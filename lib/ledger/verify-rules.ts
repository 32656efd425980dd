// Pure rules of ledger verification: the SQL in verify.ts reduces each account to one row of
// aggregates (never its entries); these functions turn such a row into violations with a message a
// person can act on. Amounts are BigInt minor units and are formatted with formatMoney.
import { formatMoney } from "../money/amount";

export type ViolationKind =
  | "balance_mismatch"
  | "currency_total_nonzero"
  | "chain_broken"
  | "chain_tail_mismatch"
  | "negative_balance"
  | "missing_balance_row"
  | "entry_before_checkpoint";

export interface LedgerViolation {
  kind: ViolationKind;
  /** null for ledger-wide violations (a currency's total). */
  accountId: bigint | null;
  currency: string;
  message: string;
  /** Machine-readable figures behind the message (minor units for amounts, ids for entries). */
  details: Record<string, bigint | number>;
}

/** One account's aggregates, read in one snapshot. */
export interface AccountAudit {
  accountId: bigint;
  kind: "PERSONAL" | "COMPANY" | "SYSTEM";
  currency: string;
  /** null when the account has no balance row. */
  balance: bigint | null;
  /** checkpoint balance (or 0) + credits − debits of the live entries after the checkpoint. */
  expected: bigint;
  /** Live entries after the checkpoint touching the account. */
  legs: number;
  /** Entries whose balance_after ≠ previous balance_after (or the checkpoint) ± amount. */
  brokenLinks: number;
  firstBroken: { entryId: bigint; balanceAfter: bigint; expectedAfter: bigint } | null;
  last: { entryId: bigint; balanceAfter: bigint } | null;
  /** Live entries at or before the checkpoint's last entry: they would be left out of every sum. */
  entriesBeforeCheckpoint: number;
  checkpointEntryId: bigint | null;
}

export function accountViolations(a: AccountAudit): LedgerViolation[] {
  const out: LedgerViolation[] = [];
  const money = (minor: bigint) => formatMoney(minor, a.currency);
  const add = (kind: ViolationKind, message: string, details: LedgerViolation["details"]) =>
    out.push({ kind, accountId: a.accountId, currency: a.currency, message, details });

  if (a.balance === null) {
    add("missing_balance_row", `Account #${a.accountId} has no balance row; the ledger gives ${money(a.expected)}.`, { expected: a.expected });
  } else {
    if (a.balance !== a.expected) {
      add(
        "balance_mismatch",
        `Account #${a.accountId}: balance row says ${money(a.balance)}, the ledger gives ${money(a.expected)} (off by ${money(a.balance - a.expected)}).`,
        { balance: a.balance, expected: a.expected },
      );
    }
    if (a.balance < 0n && a.kind !== "SYSTEM") {
      add("negative_balance", `Account #${a.accountId} (${a.kind.toLowerCase()}) is negative: ${money(a.balance)}.`, { balance: a.balance });
    }
    if (a.last && a.last.balanceAfter !== a.balance) {
      add(
        "chain_tail_mismatch",
        `Account #${a.accountId}: its last entry #${a.last.entryId} leaves ${money(a.last.balanceAfter)}, the balance row says ${money(a.balance)}.`,
        { lastEntryId: a.last.entryId, balanceAfter: a.last.balanceAfter, balance: a.balance },
      );
    }
  }
  if (a.brokenLinks > 0 && a.firstBroken) {
    const f = a.firstBroken;
    add(
      "chain_broken",
      `Account #${a.accountId}: entry #${f.entryId} records ${money(f.balanceAfter)} after it, but the previous balance and its amount give ${money(f.expectedAfter)}` +
        (a.brokenLinks > 1 ? ` (${a.brokenLinks} broken links in all).` : "."),
      { entryId: f.entryId, balanceAfter: f.balanceAfter, expected: f.expectedAfter, brokenLinks: a.brokenLinks },
    );
  }
  if (a.entriesBeforeCheckpoint > 0) {
    add(
      "entry_before_checkpoint",
      `Account #${a.accountId}: ${a.entriesBeforeCheckpoint} live entr${a.entriesBeforeCheckpoint === 1 ? "y is" : "ies are"} at or before its checkpoint (entry #${a.checkpointEntryId}) and so left out of its balance.`,
      { entries: a.entriesBeforeCheckpoint, checkpointEntryId: a.checkpointEntryId ?? 0n },
    );
  }
  return out;
}

export function currencyTotalViolation(currency: string, total: bigint): LedgerViolation | null {
  if (total === 0n) return null;
  return {
    kind: "currency_total_nonzero",
    accountId: null,
    currency,
    message: `All ${currency} balances add up to ${formatMoney(total, currency)} instead of zero.`,
    details: { total },
  };
}
