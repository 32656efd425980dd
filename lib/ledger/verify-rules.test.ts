import { describe, expect, it } from "vitest";
import { accountViolations, currencyTotalViolation, type AccountAudit } from "./verify-rules";

const healthy: AccountAudit = {
  accountId: 7n,
  kind: "PERSONAL",
  currency: "USD",
  balance: 1_000n,
  expected: 1_000n,
  legs: 2,
  brokenLinks: 0,
  firstBroken: null,
  last: { entryId: 40n, balanceAfter: 1_000n },
  entriesBeforeCheckpoint: 0,
  checkpointEntryId: null,
};

const kinds = (a: Partial<AccountAudit>) => accountViolations({ ...healthy, ...a }).map((v) => v.kind);

describe("accountViolations", () => {
  it("finds nothing wrong with a consistent account, with or without entries", () => {
    expect(accountViolations(healthy)).toEqual([]);
    expect(kinds({ legs: 0, last: null, balance: 0n, expected: 0n })).toEqual([]);
  });

  it("reports a balance that disagrees with the ledger, with formatted amounts", () => {
    const [v] = accountViolations({ ...healthy, balance: 1_250n, last: { entryId: 40n, balanceAfter: 1_250n } });
    expect(v).toMatchObject({ kind: "balance_mismatch", accountId: 7n, details: { balance: 1_250n, expected: 1_000n } });
    expect(v!.message).toBe("Account #7: balance row says $12.50, the ledger gives $10.00 (off by $2.50).");
  });

  it("reports the chain's tail disagreeing with the balance row", () => {
    expect(kinds({ last: { entryId: 40n, balanceAfter: 999n } })).toEqual(["chain_tail_mismatch"]);
  });

  it("reports the first broken link and how many there are", () => {
    const [v] = accountViolations({ ...healthy, brokenLinks: 2, firstBroken: { entryId: 12n, balanceAfter: 5n, expectedAfter: 105n } });
    expect(v).toMatchObject({ kind: "chain_broken", details: { entryId: 12n, brokenLinks: 2 } });
    expect(v!.message).toContain("entry #12 records $0.05");
    expect(v!.message).toContain("2 broken links");
  });

  it("allows system accounts to be negative, nobody else", () => {
    const negative = { balance: -5n, expected: -5n, last: { entryId: 40n, balanceAfter: -5n } };
    expect(kinds({ ...negative, kind: "SYSTEM" })).toEqual([]);
    expect(kinds({ ...negative, kind: "COMPANY" })).toEqual(["negative_balance"]);
  });

  it("reports a missing balance row and entries hidden behind a checkpoint", () => {
    expect(kinds({ balance: null })).toEqual(["missing_balance_row"]);
    expect(kinds({ entriesBeforeCheckpoint: 1, checkpointEntryId: 30n })).toEqual(["entry_before_checkpoint"]);
  });

  it("formats in the account's currency", () => {
    const [v] = accountViolations({ ...healthy, currency: "JPY", balance: 1_250n, last: { entryId: 40n, balanceAfter: 1_250n } });
    expect(v!.message).toContain("¥1,250");
  });
});

describe("currencyTotalViolation", () => {
  it("is silent at zero and reports anything else", () => {
    expect(currencyTotalViolation("USD", 0n)).toBeNull();
    expect(currencyTotalViolation("USD", -1n)).toMatchObject({ kind: "currency_total_nonzero", accountId: null, message: "All USD balances add up to -$0.01 instead of zero." });
  });
});
