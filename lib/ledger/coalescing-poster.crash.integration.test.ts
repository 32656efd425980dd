// Crashes while batches are in flight (Jepsen's bank test at our scale): the randomized transfer
// workload runs through the coalescing poster while another connection terminates the backends of
// running ledger_transfer_batch statements at random moments. Each transfer whose batch died must be
// either fully applied (entry, balances and stored answer) or absent (none of them); the serial replay
// of the committed entries must still reproduce every balance and balance-after; and retrying each
// dead transfer with its key must replay it or carry it out, once.
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createTestUser } from "../../scripts/test/ledger-fixtures";
import { seededRandom, seedFromEnv } from "../../scripts/test/seeded-random";
import { checkTransfers, committedSince, planTransfers, runTransfers, type Attempt } from "../../scripts/test/transfer-workload";
import { db } from "../db/client";
import { createTransferCoalescer, setTransferCoalescer } from "./coalescing-poster";
import type { TransferResult } from "./transfer-batch";
import { transfer } from "./transfer";
import { verifyLedger } from "./verify";

const SEED = seedFromEnv("LEDGER_MODEL_SEED");
const TRANSFERS = Number(process.env.LEDGER_CRASH_TRANSFERS ?? 1500);

afterAll(() => setTransferCoalescer(undefined));

/** Terminates a running batch's backend every 5–40 ms until stopped; answers how many it killed. */
function startKiller(random: ReturnType<typeof seededRandom>) {
  let stopped = false;
  let kills = 0;
  const done = (async () => {
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      while (!stopped) {
        const { rows } = await admin.query<{ terminated: boolean }>(
          `SELECT pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
            WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()
              AND query LIKE '%ledger_transfer_batch%' LIMIT 1`,
        );
        if (rows[0]?.terminated) kills++;
        await new Promise((r) => setTimeout(r, random.int(5, 40)));
      }
    } finally {
      await admin.end();
    }
  })();
  return { stop: async () => ((stopped = true), await done, kills) };
}

describe(`transfers through the coalescing poster while batches are killed (seed ${SEED})`, () => {
  it("leaves each transfer of a killed batch fully applied or absent", { timeout: 600_000 }, async () => {
    const random = seededRandom(SEED);
    const users = [];
    for (let i = 0; i < 12; i++) users.push(await createTestUser({ openingDeposit: BigInt(random.int(0, 6000)) }));
    const accounts = users.map((u) => ({ id: u.accountId, allowNegative: false }));
    const plans = planTransfers(random, users, users.slice(0, 3), TRANSFERS);
    setTransferCoalescer(createTransferCoalescer({ maxBatch: 8, maxInFlight: 4, windowMs: 0 }));

    const ids = accounts.map((a) => a.id);
    const readBalances = async () => new Map((await db().balance.findMany({ where: { accountId: { in: ids } } })).map((b) => [b.accountId, b.balance]));
    const initial = await readBalances();
    const startId = (await db().ledgerEntry.aggregate({ _max: { id: true } }))._max.id ?? 0n;

    const killer = startKiller(seededRandom(SEED + 1));
    const { attempts } = await runTransfers(plans, 16);
    const kills = await killer.stop();
    const committed = await committedSince(startId);

    // A dead attempt is judged by what the database holds for its key.
    const dead = attempts.filter((a) => a.answer.kind === "error");
    const keyRows = new Map(
      (await db().idempotencyKey.findMany({ where: { operation: "transfer", key: { in: dead.map((a) => a.plan.key) } } })).map((k) => [k.key, k.response as TransferResult | null]),
    );
    const entryByKey = new Map(committed.filter((e) => e.idempotencyKey).map((e) => [e.idempotencyKey!, e]));
    const answered = new Set(attempts.filter((a) => a.answer.kind === "created").map((a) => a.plan.key));
    let applied = 0;
    let absent = 0;
    const judged: Attempt[] = [];
    for (const a of attempts) {
      if (a.answer.kind !== "error") {
        judged.push(a);
        continue;
      }
      const entry = entryByKey.get(a.plan.key);
      const stored = keyRows.get(a.plan.key);
      if (!entry) {
        absent++;
        continue; // absent: checkTransfers demands no key row is left for it either
      }
      // Applied: the entry, its balances (checked by the replay) and its stored answer, all together.
      expect(stored?.entryId, `key ${a.plan.key}`).toBe(String(entry.id));
      if (answered.has(a.plan.key) || entry.amount !== a.amount) continue; // a live attempt already speaks for the key
      applied++;
      answered.add(a.plan.key);
      judged.push({ ...a, answer: { kind: "created", result: stored! } });
    }
    const result = await checkTransfers({ accounts, initial, attempts: judged, committed, finalBalances: await readBalances() });
    expect(result.problems, `seed ${SEED}`).toEqual([]);
    expect(kills).toBeGreaterThan(0);
    expect(dead.length).toBeGreaterThan(0);
    expect(result.created).toBeGreaterThan(TRANSFERS / 10);

    // Retried with their keys, dead transfers are replayed (applied) or carried out now (absent), once.
    for (const a of dead) {
      const retry = await transfer(a.plan.sender, { fromAccountId: String(a.plan.fromAccountId), to: a.plan.to, amount: String(a.amount), amountUnit: "minor", idempotencyKey: a.plan.key }).then(
        (r) => r,
        (e: unknown) => e,
      );
      if (entryByKey.has(a.plan.key) && entryByKey.get(a.plan.key)!.amount === a.amount) {
        expect(retry, `key ${a.plan.key}`).toMatchObject({ replayed: true, result: { entryId: String(entryByKey.get(a.plan.key)!.id) } });
      }
    }
    expect((await verifyLedger()).violations).toEqual([]);
    console.log(`crash test: ${kills} batches killed, ${dead.length} dead attempts (${applied} applied, ${absent} absent), ${result.created} created`);
  });
});
