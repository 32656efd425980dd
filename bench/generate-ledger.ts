// Bench data with set-based SQL only: N funded personal accounts and a ledger of credits from the
// USD mint, grown in chunks to any size. Every entry satisfies the table's CHECK constraints and
// carries a consistent balance-after chain (window sums over the chunk on top of the balances
// rows), and the balances rows are advanced in the same statement, so verification would pass.
//
// Shape: entry i credits account n(i) = 1 for every 100th entry (a "busy" account, ~1% of the
// ledger); the others, numbered j = 0, 1, 2, … in order, go to ((j·7919) mod N) + 1, which cycles
// through every account evenly (7919 is prime), so every account is funded. Amount: 100 + (i mod
// 9901) minor units.
import cliProgress from "cli-progress";
import pg from "pg";
import { createDb } from "../lib/db/client";
import { ensureSystemAccounts, systemAccountId } from "../lib/ledger/system-accounts";

export interface BenchAccounts {
  mintId: bigint;
  /** Personal account ids; index 0 is the busy account. */
  personal: bigint[];
}

export async function createBenchAccounts(url: string, count: number): Promise<BenchAccounts> {
  const prisma = createDb(url, 1);
  let mintId: bigint;
  try {
    await ensureSystemAccounts(prisma, ["USD"]);
    mintId = await systemAccountId(prisma, "mint", "USD");
  } finally {
    await prisma.$disconnect();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO users (id, email, name, password_hash, updated_at)
       SELECT 'bench-user-' || g, 'bench-' || g || '@example.test', 'Bench ' || g, 'not-a-real-hash', now()
         FROM generate_series(1, $1::int) g`,
      [count],
    );
    await client.query(
      `INSERT INTO accounts (kind, user_id, name, currency, updated_at)
       SELECT 'PERSONAL', 'bench-user-' || g, 'Personal USD', 'USD', now() FROM generate_series(1, $1::int) g ORDER BY g`,
      [count],
    );
    await client.query(`INSERT INTO balances (account_id, allow_negative) SELECT id, false FROM accounts WHERE kind = 'PERSONAL'`);
    // Bench-only map from the generator's account number n (1..N) to the account id.
    await client.query(`CREATE TABLE bench_accounts (n int PRIMARY KEY, account_id bigint NOT NULL)`);
    await client.query(
      `INSERT INTO bench_accounts (n, account_id)
       SELECT row_number() OVER (ORDER BY id), id FROM accounts WHERE kind = 'PERSONAL'`,
    );
    await client.query("COMMIT");
    const { rows } = await client.query<{ account_id: string }>(`SELECT account_id FROM bench_accounts ORDER BY n`);
    return { mintId, personal: rows.map((r) => BigInt(r.account_id)) };
  } finally {
    await client.end();
  }
}

const APPEND_CHUNK = `
WITH g AS (
  SELECT i, CASE WHEN i % 100 = 0 THEN 1 ELSE (((i - 1 - i / 100) * 7919) % $4::int) + 1 END AS n, (100 + (i % 9901))::bigint AS amount
    FROM generate_series($1::bigint, $2::bigint) AS i
), r AS (
  SELECT g.i, ba.account_id AS to_id, g.amount,
         (sum(g.amount) OVER (ORDER BY g.i))::bigint AS mint_cum,
         (sum(g.amount) OVER (PARTITION BY g.n ORDER BY g.i))::bigint AS to_cum
    FROM g JOIN bench_accounts ba ON ba.n = g.n
), ins AS (
  INSERT INTO ledger_entries (id, from_account_id, to_account_id, amount, currency, type, description,
                              from_balance_after, to_balance_after, created_at)
  SELECT r.i, $3::bigint, r.to_id, r.amount, 'USD', 'adjustment', 'bench credit',
         mb.balance - r.mint_cum, tb.balance + r.to_cum,
         timestamptz '2025-01-01 00:00:00+00' + r.i * interval '15 seconds'
    FROM r
    JOIN balances tb ON tb.account_id = r.to_id
   CROSS JOIN (SELECT balance FROM balances WHERE account_id = $3::bigint) mb
  RETURNING to_account_id, amount
), deltas AS (
  SELECT to_account_id AS account_id, sum(amount)::bigint AS delta, count(*) AS changes FROM ins GROUP BY to_account_id
  UNION ALL
  SELECT $3::bigint, -sum(amount)::bigint, count(*) FROM ins
)
UPDATE balances b
   SET balance = b.balance + d.delta, version = b.version + d.changes, last_updated = now()
  FROM deltas d
 WHERE b.account_id = d.account_id`;

/** Appends generated entries until the ledger holds `target` of them; shows a progress bar. */
export async function growLedger(url: string, accounts: BenchAccounts, target: number, chunkSize: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Only this loader's commits skip the WAL flush wait; the measured workloads keep the default.
    await client.query("SET synchronous_commit = off");
    const { rows } = await client.query<{ n: string }>(`SELECT coalesce(max(id), 0) AS n FROM ledger_entries`);
    let current = Number(rows[0]!.n);
    if (current >= target) return current;
    const bar = new cliProgress.SingleBar(
      {
        format: `Generating ledger to ${target.toLocaleString("en-US")} entries [{bar}] {percentage}% {value}/{total} | {eta_formatted} left`,
        hideCursor: true,
        noTTYOutput: true,
        notTTYSchedule: 5000,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(target, current);
    try {
      while (current < target) {
        const hi = Math.min(target, current + chunkSize);
        await client.query("BEGIN");
        await client.query(APPEND_CHUNK, [current + 1, hi, String(accounts.mintId), accounts.personal.length]);
        await client.query(`SELECT setval(pg_get_serial_sequence('ledger_entries', 'id'), $1::bigint)`, [hi]);
        await client.query("COMMIT");
        current = hi;
        bar.update(current);
      }
    } finally {
      bar.stop();
    }
    await client.query("VACUUM (ANALYZE) ledger_entries");
    await client.query("VACUUM (ANALYZE) balances");
    await client.query("CHECKPOINT").catch(() => undefined); // needs superuser; best effort
    return current;
  } finally {
    await client.end();
  }
}
