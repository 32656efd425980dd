// Archiving moves old entries out of ledger_entries without changing what the ledger says.
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { balanceOf, createTestUser, entryCount, sumOfBalances } from "../../scripts/test/ledger-fixtures";
import { archiveEntries, planArchive } from "./archive";
import { postEntries } from "./post-entries";
import { recalculateAllBalances } from "./recalculate";
import { verifyLedger } from "./verify";

async function pay(from: bigint, to: bigint, amount: bigint) {
  await db().$transaction((tx) => postEntries(tx, [{ fromAccountId: from, toAccountId: to, amount, type: "transfer" }]));
}

describe("archiveEntries", () => {
  it("refuses a bare DELETE or UPDATE of ledger entries (no archive without a checkpoint)", async () => {
    const a = await createTestUser();
    await expect(db().$executeRawUnsafe(`DELETE FROM ledger_entries WHERE to_account_id = $1::bigint`, String(a.accountId))).rejects.toThrow(
      /append-only/,
    );
    await expect(db().$executeRawUnsafe(`UPDATE ledger_entries SET amount = 1`)).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`TRUNCATE ledger_entries CASCADE`)).rejects.toThrow(/append-only/);
  });

  it("dry run counts and changes nothing; a date before everything finds nothing", async () => {
    const [a, b] = await Promise.all([createTestUser(), createTestUser()]);
    await pay(a.accountId, b.accountId, 100n);
    const entries = await entryCount();
    const future = new Date(Date.now() + 60_000);
    const plan = await archiveEntries({ before: future, dryRun: true });
    expect(plan).toMatchObject({ entries, archived: 0 });
    expect(plan.accounts).toBeGreaterThanOrEqual(3);
    expect(plan.oldest).toBeInstanceOf(Date);
    expect(await entryCount()).toBe(entries);
    expect(await db().archivedLedgerEntry.count()).toBe(0);
    expect(await db().ledgerCheckpoint.count()).toBe(0);
    expect(await planArchive(new Date("2000-01-01"))).toMatchObject({ cutoffEntryId: null, entries: 0 });
  });

  it("archives in chunks with checkpoints; verify passes, recalculate changes nothing, later transfers still verify", async () => {
    const [a, b, c] = await Promise.all([createTestUser(), createTestUser(), createTestUser()]);
    for (let i = 1n; i <= 7n; i++) await pay(i % 2n ? a.accountId : b.accountId, c.accountId, i * 10n);
    const balancesBefore = await Promise.all([a, b, c].map((u) => balanceOf(u.accountId)));
    const entries = await entryCount();

    const progress: number[] = [];
    const result = await archiveEntries({ before: new Date(Date.now() + 60_000), chunkSize: 3, onProgress: (p) => progress.push(p.done) });
    expect(result.archived).toBe(entries);
    expect(progress.at(-1)).toBe(entries);
    expect(progress.length).toBeGreaterThan(3);
    expect(await entryCount()).toBe(0);
    expect(await db().archivedLedgerEntry.count()).toBe(entries);
    const checkpoint = await db().ledgerCheckpoint.findUniqueOrThrow({ where: { accountId: c.accountId } });
    expect(checkpoint.balance).toBe(balancesBefore[2]);

    expect((await verifyLedger()).violations).toEqual([]);
    expect((await recalculateAllBalances()).corrected).toEqual([]);
    expect(await Promise.all([a, b, c].map((u) => balanceOf(u.accountId)))).toEqual(balancesBefore);

    // Life goes on: new entries chain on from the checkpoints.
    await pay(c.accountId, a.accountId, 5n);
    await createTestUser();
    expect((await verifyLedger()).violations).toEqual([]);
    expect((await recalculateAllBalances()).corrected).toEqual([]);

    // A corrupted row is still found and fixed after archiving.
    await db().$executeRawUnsafe(`UPDATE balances SET balance = balance + 1 WHERE account_id = $1::bigint`, String(a.accountId));
    expect((await verifyLedger()).violations.map((v) => [v.kind, v.accountId])).toContainEqual(["balance_mismatch", a.accountId]);
    expect((await recalculateAllBalances()).corrected).toHaveLength(1);
    expect((await verifyLedger()).violations).toEqual([]);
    expect(await sumOfBalances("USD")).toBe(0n);

    // Archiving again only moves what is new.
    const second = await archiveEntries({ before: new Date(Date.now() + 60_000) });
    expect(second.archived).toBe(await db().archivedLedgerEntry.count() - entries);
    expect((await verifyLedger()).violations).toEqual([]);
  });

  it("archives while transfers run and the ledger still verifies", async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => createTestUser({ openingDeposit: 5_000n })));
    const transfers = Array.from({ length: 60 }, (_, i) =>
      pay(users[i % 6]!.accountId, users[(i + 1) % 6]!.accountId, BigInt(1 + (i % 9))).catch(() => undefined),
    );
    const archives = (async () => {
      for (let i = 0; i < 5; i++) await archiveEntries({ before: new Date(Date.now() + 60_000), chunkSize: 4 });
    })();
    await Promise.all([archives, ...transfers]);
    expect((await verifyLedger()).violations).toEqual([]);
    expect((await recalculateAllBalances()).corrected).toEqual([]);
  });

  it("keeps the archive and the checkpoints as immutable as the ledger; checkpoints only move forward", async () => {
    const [a, b] = await Promise.all([createTestUser(), createTestUser()]);
    await pay(a.accountId, b.accountId, 100n);
    await archiveEntries({ before: new Date(Date.now() + 60_000) });
    expect(await db().archivedLedgerEntry.count()).toBeGreaterThan(0);
    for (const sql of [
      `UPDATE ledger_entries_archive SET amount = 1`,
      `DELETE FROM ledger_entries_archive`,
      `TRUNCATE ledger_entries_archive`,
      `UPDATE ledger_checkpoints SET balance = balance + 1`,
      `DELETE FROM ledger_checkpoints`,
      `TRUNCATE ledger_checkpoints`,
    ]) {
      await expect(db().$executeRawUnsafe(sql), sql).rejects.toThrow(/append-only|only move forward/);
    }
    // Even the archiver's own setting cannot move a checkpoint backwards.
    await expect(
      db().$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`SELECT set_config('countinghouse.archiving', 'on', true)`);
        await tx.$executeRawUnsafe(`UPDATE ledger_checkpoints SET last_entry_id = last_entry_id - 1`);
      }),
    ).rejects.toThrow(/only move forward/);
  });

  it("aborts a chunk whose computed checkpoint disagrees with the ledger, naming the account, and moves nothing", async () => {
    const [a, b] = await Promise.all([createTestUser(), createTestUser()]);
    await pay(a.accountId, b.accountId, 100n);
    await archiveEntries({ before: new Date(Date.now() + 60_000) });
    await pay(a.accountId, b.accountId, 50n);
    // Drift below every guard, the way a bug or a hand edit would leave it.
    await db().$executeRawUnsafe(`ALTER TABLE ledger_checkpoints DISABLE TRIGGER ledger_checkpoints_guard`);
    await db().$executeRawUnsafe(`UPDATE ledger_checkpoints SET balance = balance + 7 WHERE account_id = $1::bigint`, String(a.accountId));
    await db().$executeRawUnsafe(`ALTER TABLE ledger_checkpoints ENABLE TRIGGER ledger_checkpoints_guard`);
    const live = await entryCount();
    await expect(archiveEntries({ before: new Date(Date.now() + 60_000) })).rejects.toThrow(
      new RegExp(`archive aborted: account #${a.accountId} checkpoint`),
    );
    expect(await entryCount()).toBe(live);
  });
});
