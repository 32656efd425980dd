import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { balanceOf, createTestUser, entryCount, sumOfBalances } from "../../scripts/test/ledger-fixtures";
import { transfer } from "./transfer";

const key = () => randomUUID();

describe("transfer", () => {
  it("sends money by email, ticker-free account number or #id and returns the sender's new balance", async () => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const { result, replayed } = await transfer(alice, {
      fromAccountId: String(alice.accountId),
      to: bob.email.toUpperCase(),
      amount: "25.00",
      description: "Lunch",
      idempotencyKey: key(),
    });
    expect(replayed).toBe(false);
    expect(result).toMatchObject({ amount: "2500", currency: "USD", fromBalanceAfter: "997500", toAccountId: String(bob.accountId) });
    expect(result).not.toHaveProperty("toBalanceAfter");
    await transfer(alice, { fromAccountId: `#${alice.accountId}`, to: `#${bob.accountId}`, amount: "0.01", idempotencyKey: key() });
    expect(await balanceOf(bob.accountId)).toBe(1_002_501n);
  });

  it.each([
    ["12.345", /at most 2 decimal places/],
    ["1e3", /plain number/],
    ["0x10", /plain number/],
    ["-5", /greater than zero/],
    ["0", /greater than zero/],
  ])("rejects the amount %j with a field error and moves nothing", async (amount, message) => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const before = await entryCount();
    const error = await transfer(alice, { fromAccountId: String(alice.accountId), to: bob.email, amount, idempotencyKey: key() }).catch((e) => e);
    expect(error.fieldErrors.amount).toMatch(message);
    expect(await entryCount()).toBe(before);
  });

  it("refuses to spend from someone else's account without revealing it exists", async () => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const attempt = transfer(bob, { fromAccountId: String(alice.accountId), to: bob.email, amount: "1.00", idempotencyKey: key() });
    await expect(attempt).rejects.toMatchObject({ code: "not_found", fieldErrors: { fromAccountId: "Account not found." } });
    const admin = await createTestUser({ role: "ADMIN" });
    await expect(
      transfer(admin, { fromAccountId: String(alice.accountId), to: admin.email, amount: "1.00", idempotencyKey: key() }),
    ).rejects.toMatchObject({ code: "not_found" });
    expect(await balanceOf(alice.accountId)).toBe(1_000_000n);
  });

  it("explains unknown recipients and refuses paying yourself", async () => {
    const alice = await createTestUser();
    const send = (to: string) => transfer(alice, { fromAccountId: String(alice.accountId), to, amount: "1", idempotencyKey: key() });
    await expect(send("nobody@example.test")).rejects.toMatchObject({ fieldErrors: { to: "No USD account belongs to nobody@example.test." } });
    await expect(send("NOPE")).rejects.toMatchObject({ fieldErrors: { to: "No company with ticker NOPE has a USD account." } });
    await expect(send(alice.email)).rejects.toMatchObject({ fieldErrors: { to: expect.stringMatching(/different account/) } });
  });

  it("never overdraws under 50 concurrent transfers out of one account and conserves the total", async () => {
    const alice = await createTestUser();
    const recipients = await Promise.all(Array.from({ length: 5 }, () => createTestUser()));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        transfer(alice, { fromAccountId: String(alice.accountId), to: recipients[i % 5]!.email, amount: "300.00", idempotencyKey: key() }),
      ),
    );
    const succeeded = outcomes.filter((o) => o.status === "fulfilled").length;
    const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected").map((o) => o.reason.code);
    expect(succeeded).toBe(33); // 33 × $300 = $9,900 of $10,000
    expect(new Set(failures)).toEqual(new Set(["insufficient_funds"]));
    expect(await balanceOf(alice.accountId)).toBe(10_000n);
    const received = await Promise.all(recipients.map((r) => balanceOf(r.accountId)));
    expect(received.reduce((a, b) => a + b, 0n)).toBe(5n * 1_000_000n + 33n * 30_000n);
    expect(await sumOfBalances("USD")).toBe(0n);
  });

  it("does not deadlock when two accounts pay each other concurrently", async () => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const payments = Array.from({ length: 40 }, (_, i) => {
      const [from, to] = i % 2 === 0 ? [alice, bob] : [bob, alice];
      return transfer(from, { fromAccountId: String(from.accountId), to: to.email, amount: `${(i % 7) + 1}.00`, idempotencyKey: key() });
    });
    const results = await Promise.all(payments);
    expect(results).toHaveLength(40);
    const net = Array.from({ length: 40 }, (_, i) => BigInt(((i % 7) + 1) * 100) * (i % 2 === 0 ? -1n : 1n)).reduce((a, b) => a + b, 0n);
    expect(await balanceOf(alice.accountId)).toBe(1_000_000n + net);
    expect(await balanceOf(bob.accountId)).toBe(1_000_000n - net);
  });

  it("replays the same idempotency key 20× concurrently as one entry, and refuses it for a different payload", async () => {
    const [alice, bob] = await Promise.all([createTestUser(), createTestUser()]);
    const request = { fromAccountId: String(alice.accountId), to: bob.email, amount: "10.00", description: "rent", idempotencyKey: key() };
    const before = await entryCount();
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => transfer(alice, request)));
    expect(await entryCount()).toBe(before + 1);
    expect(outcomes.filter((o) => !o.replayed)).toHaveLength(1);
    for (const outcome of outcomes) expect(outcome.result).toEqual(outcomes[0]!.result);
    expect(await balanceOf(alice.accountId)).toBe(999_000n);

    // "10" and "10.00" are the same request once parsed.
    const again = await transfer(alice, { ...request, amount: "10" });
    expect(again.replayed).toBe(true);
    await expect(transfer(alice, { ...request, amount: "11.00" })).rejects.toMatchObject({ code: "idempotency_conflict" });
    await expect(transfer(alice, { ...request, description: "other" })).rejects.toMatchObject({ code: "idempotency_conflict" });
    expect(await entryCount()).toBe(before + 1);

    // Keys are per user: bob may use the same key for his own transfer.
    const bobs = await transfer(bob, { ...request, fromAccountId: String(bob.accountId), to: alice.email });
    expect(bobs.replayed).toBe(false);
  });

  it("lets a failed request be retried with the same key", async () => {
    const [alice, bob] = await Promise.all([createTestUser({ openingDeposit: 500n }), createTestUser()]);
    const request = { fromAccountId: String(alice.accountId), to: bob.email, amount: "6.00", idempotencyKey: key() };
    await expect(transfer(alice, request)).rejects.toMatchObject({ code: "insufficient_funds" });
    expect(await db().idempotencyKey.count({ where: { key: request.idempotencyKey } })).toBe(0);
    await transfer(bob, { fromAccountId: String(bob.accountId), to: alice.email, amount: "1.00", idempotencyKey: key() });
    const { replayed, result } = await transfer(alice, request);
    expect(replayed).toBe(false);
    expect(result.fromBalanceAfter).toBe("0");
  });
});
