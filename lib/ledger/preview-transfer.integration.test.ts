// The review step: who receives the money and what the balance will be, with nothing posted.
import { describe, expect, it } from "vitest";
import { balanceOf, createTestUser, entryCount } from "../../scripts/test/ledger-fixtures";
import { db } from "../db/client";
import { openCompanyAccount } from "./open-account";
import { previewTransfer } from "./preview-transfer";

describe("previewTransfer", () => {
  it("names a person or a company with its ticker, shows the balance after, and posts nothing", async () => {
    const [alice, bob] = await Promise.all([createTestUser({ name: "Alice Preview" }), createTestUser({ name: "Bob Preview" })]);
    const companyAccount = await db().$transaction(async (tx) => {
      const company = await tx.company.create({ data: { name: "Quill & Co", ticker: "QUIL", ownerId: bob.id } });
      return (await openCompanyAccount(tx, { companyId: company.id })).id;
    });
    const entries = await entryCount();

    const toBob = await previewTransfer(alice, { fromAccountId: String(alice.accountId), to: bob.email.toUpperCase(), amount: "$1,000.5" });
    expect(toBob).toMatchObject({
      amount: "100050",
      amountDecimal: "1000.50",
      currency: "USD",
      balanceBefore: "1000000",
      balanceAfter: "899950",
      recipient: { accountId: String(bob.accountId), kind: "person", displayName: "Bob Preview", ticker: null },
    });

    const byNumber = await previewTransfer(alice, { fromAccountId: `#${alice.accountId}`, to: `#${companyAccount}`, amount: ".5" });
    expect(byNumber.recipient).toMatchObject({ kind: "company", displayName: "Quill & Co", ticker: "QUIL", accountName: "Operating USD" });
    expect((await previewTransfer(alice, { fromAccountId: String(alice.accountId), to: "quil", amount: "1" })).recipient.accountId).toBe(String(companyAccount));

    expect(await entryCount()).toBe(entries);
    expect(await balanceOf(alice.accountId)).toBe(1_000_000n);
  });

  it("refuses with a field error: too much, a decimal comma, the same account, someone else's account", async () => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const base = { fromAccountId: String(alice.accountId), to: bob.email };
    const fieldErrors = async (input: Parameters<typeof previewTransfer>[1], actor = alice) => {
      try {
        await previewTransfer(actor, input);
        return null;
      } catch (error) {
        return (error as { fieldErrors?: Record<string, string> }).fieldErrors ?? null;
      }
    };
    expect(await fieldErrors({ ...base, amount: "10000.01" })).toEqual({ amount: expect.stringContaining("more than the $10,000.00") });
    expect(await fieldErrors({ ...base, amount: "12,34" })).toEqual({ amount: expect.stringContaining("Use a point for decimals") });
    expect(await fieldErrors({ ...base, amount: "12,34", locale: "de-DE" })).toBeNull();
    expect(await fieldErrors({ ...base, to: `#${alice.accountId}`, amount: "1" })).toEqual({ to: expect.stringContaining("different account") });
    expect(await fieldErrors({ ...base, amount: "1" }, bob)).toEqual({ fromAccountId: "Account not found." });
  });
});
