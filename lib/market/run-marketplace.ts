// One marketplace run (the original game's `automaticPurchase`), in ONE database transaction:
//
//   1. claim the slot: INSERT marketplace_runs … ON CONFLICT (slot) DO NOTHING. A duplicate job for
//      the same slot blocks on the unique index until the first commits, then finds the row and
//      posts nothing; if the first rolled back, the duplicate runs instead. Exactly once per slot.
//   2. read the active products and pick purchases from a seeded PRNG (pure, lib/market/picking.ts).
//   3. lock the selling companies' rows (ascending id) — business rows before balance rows, the
//      same order as trades — so the going-public check below never waits while balances are held.
//   4. post exactly two marketplace_batch entries per selling company, revenue (marketplace → company)
//      and cost (company → marketplace), in ONE postEntries call (balance rows locked in ascending
//      account id inside it). The marketplace system account may go negative: money is conserved.
//      Above MAX_ENTRIES_PER_POSTING entries (over 500 selling companies) the posting is split into
//      consecutive calls of whole companies in ascending account order, still one transaction, so
//      the lock order stays ascending.
//   5. counters last: products.total_sales, then the going-public check, then the run row.
import type { Db, Tx } from "../db/client";
import { listEligibleCompanies } from "../companies/going-public";
import { MAX_ENTRIES_PER_POSTING, postEntries, type EntryInput } from "../ledger/post-entries";
import { ensureSystemAccounts, systemAccountId } from "../ledger/system-accounts";
import { marketConfig } from "./config";
import { batchDescription, groupByCompany, pickPurchases, type CompanyBatch, type OfferedProduct } from "./picking";
import { createRng, randomSeed } from "./prng";

export type RunTrigger = "scheduled" | "manual" | "seed" | "bench";

export interface RunOptions {
  /** Unique per run: "scheduled:<ISO minute>" for cron slots, "manual:<uuid>" for Run now (the uuid comes with the form, see run-now-slot.ts). */
  slot: string;
  trigger: RunTrigger;
  seed?: number;
  triggeredById?: string | null;
  /** Back-dated runs (the demo seed): recorded times; see also the ledger back-date setting. */
  now?: Date;
  /** Restrict to these companies (benchmarks). */
  companyIds?: readonly string[];
  /** Post one pair of entries per purchase instead of per company (benchmark baseline only). */
  perPurchase?: boolean;
  /** Benchmark hook: performance.now() just before the posting locks the balance rows. */
  onPostingStart?: (at: number) => void;
}

export interface CompanyResult {
  ticker: string;
  companyId: string;
  products: number;
  units: number;
  revenue: string;
  cost: string;
}

export interface RunSummary {
  id: string;
  slot: string;
  trigger: RunTrigger;
  seed: number;
  budgetMinor: bigint;
  spentMinor: bigint;
  costMinor: bigint;
  purchases: number;
  units: number;
  companies: number;
  entriesWritten: number;
  wentPublic: string[];
  results: CompanyResult[];
  durationMs: number;
}

/** A duplicate names the run already recorded for its slot (its id, as RunSummary.id). */
export type RunOutcome = { status: "ran"; run: RunSummary } | { status: "duplicate"; slot: string; runId: string };

export async function runMarketplace(prisma: Db, options: RunOptions): Promise<RunOutcome> {
  const config = marketConfig();
  const seed = options.seed ?? randomSeed();
  const started = performance.now();
  const startedAt = options.now ?? new Date();
  await prisma.$transaction((tx) => ensureSystemAccounts(tx, [config.currency], ["marketplace"]));

  return prisma.$transaction(
    async (tx) => {
      // Back-dated runs (the demo seed only) stamp their ledger entries with the run's time.
      if (options.now) await tx.$executeRawUnsafe(`SELECT set_config('countinghouse.backdate_to', $1, true)`, options.now.toISOString());
      const rng = createRng(seed);
      const products = await loadOffer(tx, config.currency, options.companyIds);
      const picks = pickPurchases(products, rng, {
        budgetMinMinor: config.budgetMinMinor,
        budgetMaxMinor: config.budgetMaxMinor,
        costPercentMin: config.costPercentMin,
        costPercentMax: config.costPercentMax,
        maxPurchases: config.maxPurchasesPerRun,
      });
      // 1. the claim (the budget is known before any write, so the row satisfies its CHECKs)
      const claimed = await tx.$queryRawUnsafe<{ id: bigint }[]>(
        `INSERT INTO marketplace_runs (slot, trigger, currency, seed, budget_minor, spent_minor, cost_minor, purchases, units,
                                       companies, entries_written, results, started_at, finished_at, duration_ms, triggered_by_id)
         VALUES ($1, $2::"MarketplaceRunTrigger", $3, $4, $5::bigint, 0, 0, 0, 0, 0, 0, '{}'::jsonb, $6, $6, 0, $7)
         ON CONFLICT (slot) DO NOTHING RETURNING id`,
        options.slot,
        options.trigger,
        config.currency,
        seed,
        String(picks.budgetMinor),
        startedAt,
        options.triggeredById ?? null,
      );
      if (claimed.length === 0) {
        // DO NOTHING only after the conflicting claim committed (an in-progress one is waited for; a
        // rolled-back one lets ours in), and this statement's fresh snapshot sees that commit.
        const [existing] = await tx.$queryRawUnsafe<{ id: bigint }[]>(`SELECT id FROM marketplace_runs WHERE slot = $1`, options.slot);
        return { status: "duplicate", slot: options.slot, runId: String(existing!.id) } as const;
      }
      const runId = claimed[0]!.id;

      const accountOf = new Map(products.map((p) => [p.companyId, p.accountId]));
      const batches = groupByCompany(picks.purchases, accountOf);
      const companyIds = batches.map((b) => b.companyId).sort();
      // 3. business rows first
      if (companyIds.length > 0) {
        await tx.$queryRawUnsafe(`SELECT id FROM companies WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`, companyIds);
      }
      // 4. the posting
      const marketplace = await systemAccountId(tx, "marketplace", config.currency);
      const entries = options.perPurchase ? perPurchaseEntries(picks.purchases, accountOf, marketplace, config.currency) : batchEntries(batches, marketplace, config.currency);
      // The benchmark's baseline posts each purchase on its own (two entries per call), as the
      // original app did; a real run posts per company.
      const chunks = options.perPurchase ? pairs(entries) : chunkWholeCompanies(entries);
      options.onPostingStart?.(performance.now());
      for (const chunk of chunks) await postEntries(tx, chunk, { createdByUserId: options.triggeredById ?? null });

      // 5. counters last
      const units = new Map<string, number>();
      for (const b of batches) for (const [id, n] of b.unitsByProduct) units.set(id, n);
      if (units.size > 0) {
        await tx.$executeRawUnsafe(
          `UPDATE products p SET total_sales = p.total_sales + v.units
             FROM unnest($1::text[], $2::bigint[]) AS v(id, units) WHERE p.id = v.id`,
          [...units.keys()],
          [...units.values()].map(String),
        );
      }
      const listed = await listEligibleCompanies(tx, companyIds, startedAt);
      const tickers = new Map(
        (await tx.company.findMany({ where: { id: { in: companyIds } }, select: { id: true, ticker: true } })).map((c) => [c.id, c.ticker]),
      );
      const results: CompanyResult[] = batches.map((b) => ({
        ticker: tickers.get(b.companyId) ?? "?",
        companyId: b.companyId,
        products: b.products,
        units: b.units,
        revenue: String(b.revenueMinor),
        cost: String(b.costMinor),
      }));
      const costMinor = batches.reduce((s, b) => s + b.costMinor, 0n);
      const durationMs = Math.round(performance.now() - started);
      const finishedAt = options.now ? new Date(startedAt.getTime() + durationMs) : new Date();
      const summary: RunSummary = {
        id: String(runId),
        slot: options.slot,
        trigger: options.trigger,
        seed,
        budgetMinor: picks.budgetMinor,
        spentMinor: picks.spentMinor,
        costMinor,
        purchases: picks.purchases.length,
        units: picks.purchases.length,
        companies: batches.length,
        entriesWritten: entries.length,
        wentPublic: listed.map((l) => l.ticker),
        results,
        durationMs,
      };
      await tx.$executeRawUnsafe(
        `UPDATE marketplace_runs SET spent_minor = $2::bigint, cost_minor = $3::bigint, purchases = $4, units = $4, companies = $5,
                entries_written = $6, results = $7::jsonb, finished_at = $8, duration_ms = $9 WHERE id = $1`,
        runId,
        String(summary.spentMinor),
        String(costMinor),
        summary.purchases,
        summary.companies,
        summary.entriesWritten,
        JSON.stringify({ companies: results, wentPublic: summary.wentPublic }),
        finishedAt,
        durationMs,
      );
      return { status: "ran", run: summary } as const;
    },
    { timeout: 300_000, maxWait: 60_000 },
  );
}

async function loadOffer(tx: Tx, currency: string, companyIds?: readonly string[]): Promise<OfferedProduct[]> {
  const rows = await tx.$queryRawUnsafe<{ id: string; company_id: string; account_id: bigint; price_minor: bigint }[]>(
    `SELECT p.id, p.company_id, c.operating_account_id AS account_id, p.price_minor
       FROM products p
       JOIN companies c ON c.id = p.company_id
       JOIN accounts a ON a.id = c.operating_account_id AND a.status = 'OPEN'
      WHERE p.active AND p.kind = 'GOODS' AND p.currency = $1 AND p.price_minor > 0
        AND ($2::text[] IS NULL OR p.company_id = ANY($2::text[]))`,
    currency,
    companyIds ? [...companyIds] : null,
  );
  return rows.map((r) => ({ id: r.id, companyId: r.company_id, accountId: BigInt(r.account_id), priceMinor: BigInt(r.price_minor) }));
}

function batchEntries(batches: readonly CompanyBatch[], marketplace: bigint, currency: string): EntryInput[] {
  return batches.flatMap((b) => [
    { fromAccountId: marketplace, toAccountId: b.accountId, amount: b.revenueMinor, currency, type: "marketplace_batch" as const, batchCount: b.units, companyId: b.companyId, description: batchDescription(b, "revenue") },
    { fromAccountId: b.accountId, toAccountId: marketplace, amount: b.costMinor, currency, type: "marketplace_batch" as const, batchCount: b.units, companyId: b.companyId, description: batchDescription(b, "cost") },
  ]);
}

/** The old way, for the benchmark: a purchase and a cost entry per unit. */
function perPurchaseEntries(purchases: readonly { productId: string; companyId: string; priceMinor: bigint; costMinor: bigint }[], accountOf: ReadonlyMap<string, bigint>, marketplace: bigint, currency: string): EntryInput[] {
  return [...purchases]
    .sort((a, b) => (accountOf.get(a.companyId)! < accountOf.get(b.companyId)! ? -1 : accountOf.get(a.companyId)! > accountOf.get(b.companyId)! ? 1 : 0))
    .flatMap((p) => [
      { fromAccountId: marketplace, toAccountId: accountOf.get(p.companyId)!, amount: p.priceMinor, currency, type: "product_purchase" as const, productId: p.productId, companyId: p.companyId },
      { fromAccountId: accountOf.get(p.companyId)!, toAccountId: marketplace, amount: p.costMinor, currency, type: "product_cost" as const, productId: p.productId, companyId: p.companyId },
    ]);
}

function pairs(entries: readonly EntryInput[]): EntryInput[][] {
  const out: EntryInput[][] = [];
  for (let i = 0; i < entries.length; i += 2) out.push(entries.slice(i, i + 2));
  return out;
}

/** Entries come in pairs per company (or per purchase); never split a pair across calls. */
function chunkWholeCompanies(entries: readonly EntryInput[]): EntryInput[][] {
  if (entries.length <= MAX_ENTRIES_PER_POSTING) return entries.length ? [[...entries]] : [];
  const size = MAX_ENTRIES_PER_POSTING - (MAX_ENTRIES_PER_POSTING % 2);
  const chunks: EntryInput[][] = [];
  for (let i = 0; i < entries.length; i += size) chunks.push(entries.slice(i, i + size));
  return chunks;
}
