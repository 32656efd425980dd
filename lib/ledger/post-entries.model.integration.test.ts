// Randomized model-based concurrency test of postEntries: thousands of postings (1–5 entries, random
// amounts, many above the balance, a few hot accounts) from 16 connections, half autocommitted and
// half inside interactive transactions; then a serial replay of the committed entries must reproduce
// the balances, the balance-after chain and every refusal (scripts/test/ledger-model.ts).
//
// Reproduce a failure with LEDGER_MODEL_SEED=<seed>; run longer with LEDGER_MODEL_POSTINGS=100000.
import { describe, expect, it } from "vitest";
import { createDb, db } from "../db/client";
import { createTestUser } from "../../scripts/test/ledger-fixtures";
import { checkAgainstModel, generatePostings, type ModelAccount, type PostingOutcome } from "../../scripts/test/ledger-model";
import { seededRandom, seedFromEnv } from "../../scripts/test/seeded-random";
import { InsufficientFundsError } from "./ledger-errors";
import { postEntries } from "./post-entries";
import { systemAccountId } from "./system-accounts";

const SEED = seedFromEnv("LEDGER_MODEL_SEED");
const POSTINGS = Number(process.env.LEDGER_MODEL_POSTINGS ?? 3000);
const CONNECTIONS = 16;

describe(`postEntries against a serial model (seed ${SEED}, ${POSTINGS} postings)`, () => {
  it("commits exactly what it acknowledged, with the balances and refusals of a serial replay", { timeout: 600_000 }, async () => {
    const random = seededRandom(SEED);
    const users = [];
    for (let i = 0; i < 12; i++) users.push(await createTestUser({ openingDeposit: BigInt(random.int(0, 6000)) }));
    const mint = await systemAccountId(db(), "mint", "USD");
    const accounts: ModelAccount[] = [...users.map((u) => ({ id: u.accountId, allowNegative: false })), { id: mint, allowNegative: true }];
    const hot = accounts.slice(0, 3);
    const postings = generatePostings(random, accounts, hot, POSTINGS);
    const modes = postings.map(() => (random.chance(0.5) ? "autocommit" : "transaction"));

    const ids = accounts.map((a) => a.id);
    const readBalances = async () =>
      new Map((await db().balance.findMany({ where: { accountId: { in: ids } } })).map((b) => [b.accountId, b.balance]));
    const initial = await readBalances();
    const startId = (await db().ledgerEntry.aggregate({ _max: { id: true } }))._max.id ?? 0n;

    const client = createDb(process.env.DATABASE_URL!, CONNECTIONS);
    const outcomes: PostingOutcome[] = new Array(postings.length);
    let next = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    try {
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          for (let i = next++; i < postings.length; i = next++) {
            const entries = postings[i]!.entries.map((e) => ({ ...e, type: "transfer" as const }));
            inFlight++;
            maxInFlight = Math.max(maxInFlight, inFlight);
            try {
              const posted =
                modes[i] === "autocommit" ? await postEntries(client, entries) : await client.$transaction((tx) => postEntries(tx, entries));
              outcomes[i] = { kind: "posted", entryIds: posted.map((p) => p.id) };
            } catch (error) {
              outcomes[i] =
                error instanceof InsufficientFundsError
                  ? { kind: "insufficient_funds", accountId: error.accountId, available: error.available, needed: error.needed }
                  : { kind: "error", error };
            } finally {
              inFlight--;
            }
          }
        }),
      );
    } finally {
      await client.$disconnect();
    }

    const committed = await db().ledgerEntry.findMany({
      where: { id: { gt: startId } },
      orderBy: { id: "asc" },
      select: { id: true, fromAccountId: true, toAccountId: true, amount: true, fromBalanceAfter: true, toBalanceAfter: true },
    });
    const result = checkAgainstModel({ accounts, initial, postings, outcomes, committed, finalBalances: await readBalances() });

    expect(result.problems, `seed ${SEED}`).toEqual([]);
    // The workload must have exercised both paths, concurrently.
    expect(result.posted).toBeGreaterThan(POSTINGS / 10);
    expect(result.refused).toBeGreaterThan(POSTINGS / 10);
    expect(committed.length).toBeGreaterThan(0);
    expect(maxInFlight).toBeGreaterThanOrEqual(CONNECTIONS / 2);
  });
});
