// `npm run bench:market`: the marketplace and the stock market on a fresh durable database.
//   1. One marketplace run of 10,000 purchases over 50 companies, batched (2 entries per company,
//      one posting) vs the same purchases (same seed) posted one purchase at a time in one run;
//      wall time and how long the company balance rows stay locked (posting start → commit).
//   2. Trades per second on one hot ticker with 16 concurrent traders (buy/sell 1 share).
// Knobs: BENCH_TRADE_SECONDS (default 10), BENCH_DATABASE_URL (an existing local server).
import os from "node:os";
import { randomUUID } from "node:crypto";

// The run's shape, before anything reads the market configuration: a budget no run can exhaust,
// capped at exactly 10,000 purchases.
process.env.MARKET_BUDGET_MIN_MINOR = "100000000";
process.env.MARKET_BUDGET_MAX_MINOR = "100000000";
process.env.MARKET_MAX_PURCHASES_PER_RUN = "10000";
process.env.DATABASE_POOL_SIZE = "20";

const { db, disconnectDb } = await import("../lib/db/client");
const { createCompany } = await import("../lib/companies/create-company");
const { createProduct } = await import("../lib/companies/products");
const { checkGoingPublicAfterCommit } = await import("../lib/companies/going-public");
const { openPersonalAccount } = await import("../lib/ledger/open-account");
const { ensureSystemAccounts } = await import("../lib/ledger/system-accounts");
const { postEntries } = await import("../lib/ledger/post-entries");
const { runMarketplace } = await import("../lib/market/run-marketplace");
const { trade } = await import("../lib/stocks/trade");
const { verifyLedger } = await import("../lib/ledger/verify");
const { openBenchDatabase } = await import("./bench-database");
const { runForDuration } = await import("./run-workers");
const { formatTable } = await import("./format-table");

const log = (line: string) => console.log(line);
const database = await openBenchDatabase({ serverUrl: process.env.BENCH_DATABASE_URL, keep: false, log });
process.env.DATABASE_URL = database.url;
const tradeSeconds = Number(process.env.BENCH_TRADE_SECONDS ?? 10);

async function user(name: string, deposit: bigint) {
  return db().$transaction(async (tx) => {
    await ensureSystemAccounts(tx, ["USD"]);
    const u = await tx.user.create({ data: { email: `${name}-${randomUUID()}@bench.test`, name, passwordHash: "x" }, select: { id: true, role: true } });
    const account = await openPersonalAccount(tx, { userId: u.id, openingDeposit: deposit });
    return { ...u, accountId: account.id };
  });
}

try {
  console.log(`Countinghouse market benchmark — ${new Date().toISOString()}`);
  console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load avg ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`database: ${database.description}\n`);

  // --- 1. batched vs per-purchase ---------------------------------------------------------------
  const founder = await user("founder", 1_000_000n);
  const companyIds: string[] = [];
  for (let i = 0; i < 50; i++) {
    const ticker = String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26), 66, 77);
    const c = await createCompany(db(), founder, { name: `Bench ${ticker}`, ticker });
    for (let p = 0; p < 4; p++) await createProduct(db(), founder, c.id, { name: `P${p}`, price: `${1 + ((i + p) % 9)}.${(p * 25) % 100}`.padEnd(4, "0") });
    companyIds.push(c.id);
  }
  const measure = async (perPurchase: boolean) => {
    let postingStart = 0;
    const t0 = performance.now();
    const outcome = await runMarketplace(db(), { slot: `bench:${randomUUID()}`, trigger: "bench", seed: 4242, companyIds, perPurchase, onPostingStart: (at) => (postingStart = at) });
    const t1 = performance.now();
    if (outcome.status !== "ran") throw new Error("bench run did not run");
    return { wall: t1 - t0, locked: t1 - postingStart, run: outcome.run };
  };
  const batched = await measure(false);
  const single = await measure(true);
  const speedup = single.wall / batched.wall;
  console.log("1. One marketplace run: 10,000 purchases over 50 companies (same seed, same purchases)\n");
  console.log(
    formatTable(
      ["posting", "purchases", "companies", "ledger entries", "wall time", "company rows locked"],
      [
        ["batched (2 per company)", String(batched.run.purchases), String(batched.run.companies), String(batched.run.entriesWritten), `${batched.wall.toFixed(0)} ms`, `${batched.locked.toFixed(1)} ms`],
        ["per purchase", String(single.run.purchases), String(single.run.companies), String(single.run.entriesWritten), `${single.wall.toFixed(0)} ms`, `${single.locked.toFixed(1)} ms`],
      ],
    ),
  );
  console.log(`\nbatched is ${speedup.toFixed(1)}× faster (target ≥ 50×) and writes ${(single.run.entriesWritten / batched.run.entriesWritten).toFixed(0)}× fewer entries.\n`);

  // --- 2. trades on one hot ticker --------------------------------------------------------------
  const owner = await user("owner", 10_000_000n);
  const hot = await createCompany(db(), owner, { name: "Hot Stock", ticker: "HOT" });
  await db().$transaction((tx) => postEntries(tx, [{ fromAccountId: owner.accountId, toAccountId: hot.operatingAccountId, amount: 6_000_000n, type: "transfer" }]));
  await checkGoingPublicAfterCommit(db(), [hot.operatingAccountId]);
  const traders = await Promise.all(Array.from({ length: 16 }, (_, i) => user(`trader${i}`, 100_000_000n)));
  const sides = traders.map(() => "buy" as "buy" | "sell");
  const latencies: number[] = [];
  const result = await runForDuration(16, tradeSeconds, async (w) => {
    const t = performance.now();
    await trade(db(), traders[w]!, { ticker: "HOT", side: sides[w]!, quantity: "1", idempotencyKey: randomUUID() });
    latencies.push(performance.now() - t);
    sides[w] = sides[w] === "buy" ? "sell" : "buy";
  });
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]?.toFixed(1) ?? "-";
  console.log("2. Trades on one hot ticker, 16 concurrent traders (1 share, alternating buy/sell)\n");
  console.log(
    formatTable(
      ["trades", "errors", "seconds", "trades/s", "p50", "p95", "node cpu", "machine busy"],
      [[String(result.operations), String(result.errors), result.seconds.toFixed(1), result.perSecond.toFixed(0), `${pct(0.5)} ms`, `${pct(0.95)} ms`, `${(result.nodeCpu * 100).toFixed(0)}%`, `${(result.machineBusy * 100).toFixed(0)}%`]],
    ),
  );
  if (result.firstError) console.log(`first error: ${result.firstError}`);
  // Reference in the same run: the cheapest thing that also serializes on the hot company — a
  // one-entry posting (autocommitted) into its balance row from each of the 16 traders.
  const reference = await runForDuration(16, tradeSeconds, (w) =>
    postEntries(db(), [{ fromAccountId: traders[w]!.accountId, toAccountId: hot.operatingAccountId, amount: 1n, type: "transfer" }]),
  );
  console.log(
    `\nreference, same run: postEntries into the hot company's balance, 16 workers: ${reference.perSecond.toFixed(0)}/s — trades reach ${((result.perSecond / reference.perSecond) * 100).toFixed(0)}% of it` +
      " (a trade is an interactive transaction: idempotency claim, company row, position, posting, share-side statement, stored response, commit).",
  );
  const report = await verifyLedger();
  console.log(`\nledger verification after the benchmark: ${report.violations.length === 0 ? "clean" : `${report.violations.length} violations`}`);
} finally {
  await disconnectDb().catch(() => undefined);
  await database.close().catch(() => undefined);
}
