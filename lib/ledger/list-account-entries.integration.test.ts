// An account's history reads live and archived entries as one list in one keyset order, and the
// search and amount filters apply to both.
import { describe, expect, it } from "vitest";
import { db } from "../db/client";
import { createTestUser } from "../../scripts/test/ledger-fixtures";
import { accountEntriesCsv } from "./entries-csv";
import { archiveEntries } from "./archive";
import { listAccountEntries, type AccountEntryFilter } from "./list-account-entries";
import { postEntries } from "./post-entries";

async function pay(from: bigint, to: bigint, amount: bigint, description: string) {
  await db().$transaction((tx) => postEntries(tx, [{ fromAccountId: from, toAccountId: to, amount, type: "transfer", description }]));
}

async function walk(accountId: bigint, filter: AccountEntryFilter, limit: number) {
  const seen: { id: bigint; archived: boolean; signedAmount: bigint; description: string }[] = [];
  let before: bigint | undefined;
  for (;;) {
    const page = await listAccountEntries(db(), accountId, { ...filter, before, limit });
    seen.push(...page.entries);
    if (page.nextCursor === null) return seen;
    before = page.nextCursor;
  }
}

describe("listAccountEntries with archived entries", () => {
  it("pages through live then archived entries newest first, each marked, across a page boundary", async () => {
    const [a, b] = await Promise.all([createTestUser({ name: "Ada Archive" }), createTestUser({ name: "Bea Bookkeeper" })]);
    for (let i = 1n; i <= 4n; i++) await pay(a.accountId, b.accountId, i * 100n, `old payment ${i}`);
    const archived = await archiveEntries({ before: new Date(Date.now() + 60_000) });
    expect(archived.archived).toBeGreaterThanOrEqual(6); // 2 opening deposits + 4 payments at least
    for (let i = 5n; i <= 7n; i++) await pay(a.accountId, b.accountId, i * 100n, `new payment ${i}`);

    // Page size 2: the pages are [7,6] [5,4] [3,2] [1,deposit] — the second straddles live and archive.
    const rows = await walk(a.accountId, {}, 2);
    expect(rows).toHaveLength(8);
    const ids = rows.map((r) => r.id);
    expect(ids).toEqual([...ids].sort((x, y) => (x > y ? -1 : x < y ? 1 : 0)));
    expect(rows.map((r) => r.archived)).toEqual([false, false, false, true, true, true, true, true]);
    expect(rows.map((r) => r.signedAmount)).toEqual([-700n, -600n, -500n, -400n, -300n, -200n, -100n, 1_000_000n]);
    expect(rows[3]!.description).toBe("old payment 4");

    // "Newer" from the last page walks back to the first, across the archive boundary again.
    let page = await listAccountEntries(db(), a.accountId, { before: rows[5]!.id, limit: 2 });
    expect(page.entries.map((r) => r.id)).toEqual(ids.slice(6));
    expect(page.nextCursor).toBeNull();
    const back: bigint[] = [...page.entries.map((r) => r.id)];
    while (page.prevCursor !== null) {
      page = await listAccountEntries(db(), a.accountId, { after: page.prevCursor, limit: 2 });
      back.unshift(...page.entries.map((r) => r.id));
    }
    expect(back).toEqual(ids);
    expect(page.nextCursor).toBe(ids[1]);

    // The counterparty sees the same entries from the other side.
    const bRows = await walk(b.accountId, {}, 3);
    expect(bRows.filter((r) => r.archived)).toHaveLength(5);
    expect(bRows[0]!.signedAmount).toBe(700n);

    // CSV: one line per entry plus the header, archived column last.
    let csv = "";
    for await (const chunk of accountEntriesCsv(db(), a.accountId, "USD", {})) csv += chunk;
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/,archived$/);
    expect(lines).toHaveLength(9);
    expect(lines.slice(1).map((l) => l.split(",").at(-1))).toEqual(["false", "false", "false", "true", "true", "true", "true", "true"]);
  });

  it("searches description and counterparty, and filters by an amount range, in both tables", async () => {
    const [a, b, c] = await Promise.all([
      createTestUser({ name: "Searcher" }),
      createTestUser({ name: "Zelda Quill" }),
      createTestUser({ name: "Yusuf 100% Real" }),
    ]);
    await pay(a.accountId, b.accountId, 1_500n, "Rent for March");
    await archiveEntries({ before: new Date(Date.now() + 60_000) });
    await pay(a.accountId, c.accountId, 2_500n, "Groceries");
    await pay(a.accountId, b.accountId, 9_900n, "Rent for April");

    const descriptions = async (filter: AccountEntryFilter) => (await walk(a.accountId, filter, 1)).map((r) => r.description);
    expect(await descriptions({ search: "rent" })).toEqual(["Rent for April", "Rent for March"]);
    expect(await descriptions({ search: "zelda" })).toEqual(["Rent for April", "Rent for March"]);
    expect(await descriptions({ search: b.email.slice(0, 10) })).toEqual(["Rent for April", "Rent for March"]);
    // LIKE wildcards are literal text.
    expect(await descriptions({ search: "100%" })).toEqual(["Groceries"]);
    expect(await descriptions({ search: "_" })).toEqual([]);
    expect(await descriptions({ search: "system" })).toHaveLength(1); // the opening deposit from the mint
    expect(await descriptions({ minAmount: 1_500n, maxAmount: 2_500n })).toEqual(["Groceries", "Rent for March"]);
    expect(await descriptions({ minAmount: 5_000n, search: "rent" })).toEqual(["Rent for April"]);
  });
});
