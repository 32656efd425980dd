// A living economy for a fresh database: extra players and companies, then 30 days of history
// replayed through the SAME code paths as production — runMarketplace, driftPrices, trade — with
// back-dated times (runs and trades record the time they are given; their ledger entries are
// stamped through the seed-only countinghouse.backdate_to setting, see the market migration).
//
// Timeline: at the start the two flagship companies get the first marketplace runs to themselves
// until both list (so their price history spans the whole window); then in four-hour steps: a
// marketplace run every 8 hours over all companies, a price drift every step, and up to three random
// trades by players who do not own the company. Deterministic (seeded PRNG), idempotent (skipped
// when seeded runs exist), and reported step by step for the progress bar.
import { hashPassword } from "../auth/password";
import { createCompany } from "../companies/create-company";
import { createProduct } from "../companies/products";
import type { Db } from "../db/client";
import { isAppError } from "../errors/app-error";
import { openPersonalAccount } from "../ledger/open-account";
import { createRng } from "../market/prng";
import { runMarketplace } from "../market/run-marketplace";
import { driftPrices } from "../stocks/drift-prices";
import { trade } from "../stocks/trade";
import { toDecimalString } from "../money/amount";
import { FLAGSHIP_TICKERS, HISTORY_DAYS, WORLD_COMPANIES, WORLD_PLAYERS } from "./demo-world";
import { DEMO_ALICE, DEMO_BOB } from "./demo-users";

export interface WorldProgress {
  done: number;
  total: number;
  step: string;
}

const HOUR = 3_600_000;
/**
 * History advances in steps of four hours: drift every step, a marketplace run every other step
 * (every 8 hours), up to three trades per step. Dense enough for the charts, light enough to seed
 * in well under a minute even on the embedded WebAssembly database.
 */
const STEP_HOURS = 4;

export async function seedMarketWorld(prisma: Db, options: { onProgress?: (p: WorldProgress) => void; now?: Date } = {}): Promise<string[]> {
  const created: string[] = [];
  const hours = HISTORY_DAYS * 24;
  const total = WORLD_PLAYERS.length + WORLD_COMPANIES.length + hours / STEP_HOURS + 1;
  let done = 0;
  const step = (label: string) => options.onProgress?.({ done: ++done, total, step: label });

  for (const p of WORLD_PLAYERS) {
    if (!(await prisma.user.findUnique({ where: { email: p.email }, select: { id: true } }))) {
      const passwordHash = await hashPassword(p.password);
      await prisma.$transaction(async (tx) => {
        const user = await tx.user.create({ data: { email: p.email, name: p.name, role: p.role, passwordHash }, select: { id: true } });
        await openPersonalAccount(tx, { userId: user.id });
      });
      created.push(`user ${p.email}`);
    }
    step(`player ${p.name}`);
  }
  for (const c of WORLD_COMPANIES) {
    if (!(await prisma.company.findUnique({ where: { ticker: c.ticker }, select: { id: true } }))) {
      const owner = await prisma.user.findUniqueOrThrow({ where: { email: c.ownerEmail }, select: { id: true, role: true } });
      const company = await createCompany(prisma, owner, { name: c.name, ticker: c.ticker, description: c.description });
      for (const [name, price] of c.products) await createProduct(prisma, owner, company.id, { name, price: toDecimalString(price, "USD") });
      created.push(`company ${c.ticker}`);
    }
    step(`company ${c.ticker}`);
  }

  if ((await prisma.marketplaceRun.count({ where: { trigger: "seed" } })) > 0) {
    options.onProgress?.({ done: total, total, step: "market history already seeded" });
    return created;
  }
  const now = options.now ?? new Date();
  const start = Math.floor((now.getTime() - HISTORY_DAYS * 86_400_000) / HOUR) * HOUR;
  const rng = createRng(20261121);

  // The flagships list on day one.
  const flagships = await prisma.company.findMany({ where: { ticker: { in: [...FLAGSHIP_TICKERS] } }, select: { id: true } });
  for (let i = 0; i < 24; i++) {
    if ((await prisma.company.count({ where: { ticker: { in: [...FLAGSHIP_TICKERS] }, isPublic: true } })) === flagships.length) break;
    const at = new Date(start + i * 60_000 * 5);
    await runMarketplace(prisma, { slot: `seed:${at.toISOString()}`, trigger: "seed", seed: rng.int(0, 2 ** 31), now: at, companyIds: flagships.map((f) => f.id) });
  }
  step("flagship listings");

  const traders = await prisma.user.findMany({
    where: { email: { in: [DEMO_ALICE.email, DEMO_BOB.email, ...WORLD_PLAYERS.map((p) => p.email)] } },
    select: { id: true, role: true, memberships: { select: { companyId: true } } },
  });
  let trades = 0;
  for (let h = STEP_HOURS; h <= hours; h += STEP_HOURS) {
    const at = new Date(start + h * HOUR);
    if (at > now) break;
    if (h % (2 * STEP_HOURS) === 0) await runMarketplace(prisma, { slot: `seed:${at.toISOString()}`, trigger: "seed", seed: rng.int(0, 2 ** 31), now: at });
    await driftPrices(prisma, { now: at });
    const listed = await prisma.company.findMany({ where: { isPublic: true }, select: { id: true, ticker: true }, orderBy: { ticker: "asc" } });
    const count = listed.length ? rng.int(0, 3) : 0;
    for (let t = 0; t < count; t++) {
      const trader = traders[rng.int(0, traders.length - 1)]!;
      const company = listed[rng.int(0, listed.length - 1)]!;
      if (trader.memberships.some((m) => m.companyId === company.id)) continue;
      const held = (await prisma.stockPosition.findUnique({ where: { userId_companyId: { userId: trader.id, companyId: company.id } } }))?.quantity ?? 0n;
      const side = held > 0n && rng.next() < 0.3 ? "sell" : "buy";
      const quantity = side === "sell" ? BigInt(rng.int(1, Number(held < 500n ? held : 500n))) : BigInt(rng.int(10, 800));
      const when = new Date(at.getTime() + rng.int(1, STEP_HOURS * 60 - 1) * 60_000);
      if (when > now) continue;
      try {
        await trade(prisma, trader, { ticker: company.ticker, side, quantity: String(quantity), idempotencyKey: `seed-${h}-${t}` }, { now: when });
        trades += 1;
      } catch (error) {
        // A player short of cash, or a company that cannot pay: the real refusal; skip the trade.
        if (!isAppError(error)) throw error;
      }
    }
    step(`history ${at.toISOString().slice(0, 10)}`);
  }
  created.push(`market history: ${hours} hours, ${trades} trades`);
  options.onProgress?.({ done: total, total, step: "market history" });
  return created;
}
