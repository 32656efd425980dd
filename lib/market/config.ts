// Every number of the game in one place, with the defaults. Amounts are minor units of
// MARKET_CURRENCY. Each can be overridden per process with an environment variable (named beside
// it) so a demo, a test or a benchmark can change the economy without code changes.

export interface MarketConfig {
  /** The currency companies, the marketplace and the stock market use. */
  currency: string;
  /** Shares each new company issues. */
  sharesPerCompany: bigint;
  /** A company goes public when its operating balance is strictly over this. */
  publicThresholdMinor: bigint;
  /** IPO / fair price = balance × fairValueMultiple / shares. */
  fairValueMultiple: bigint;
  /** Lowest share price: one cent. */
  minSharePriceMinor: bigint;
  /** Marketplace: cron schedule and budget range per run. */
  marketplaceCron: string;
  budgetMinMinor: bigint;
  budgetMaxMinor: bigint;
  /** Production cost per unit as a percentage of price, drawn uniformly in [min, max]. */
  costPercentMin: number;
  costPercentMax: number;
  /** Safety valve: a run stops after this many purchases even with budget left (cheap catalogues). */
  maxPurchasesPerRun: number;
  /** Trades: shares per trade, and price impact = price × (value / market cap) × impactBasisPoints / 10,000. */
  maxSharesPerTrade: bigint;
  impactBasisPoints: bigint;
  /** Drift: cron, step toward the fair price in basis points of the gap, cap in basis points of the price. */
  driftCron: string;
  driftStepBasisPoints: bigint;
  driftCapBasisPoints: bigint;
}

function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

function bigintEnv(name: string, fallback: bigint): bigint {
  const value = env(name);
  if (value === undefined) return fallback;
  if (!/^\d{1,18}$/.test(value)) throw new Error(`${name} must be a whole number, got "${value}"`);
  return BigInt(value);
}

function numberEnv(name: string, fallback: number): number {
  const value = env(name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${name} must be a number, got "${value}"`);
  return n;
}

export function loadMarketConfig(): MarketConfig {
  const config: MarketConfig = {
    currency: "USD",
    sharesPerCompany: bigintEnv("MARKET_SHARES_PER_COMPANY", 1_000_000n),
    publicThresholdMinor: bigintEnv("MARKET_PUBLIC_THRESHOLD_MINOR", 5_000_000n), // $50,000.00
    fairValueMultiple: bigintEnv("MARKET_FAIR_VALUE_MULTIPLE", 10n),
    minSharePriceMinor: 1n,
    marketplaceCron: env("MARKET_MARKETPLACE_CRON") ?? "*/10 * * * *",
    budgetMinMinor: bigintEnv("MARKET_BUDGET_MIN_MINOR", 2_000_000n), // $20,000.00
    budgetMaxMinor: bigintEnv("MARKET_BUDGET_MAX_MINOR", 4_000_000n), // $40,000.00
    costPercentMin: numberEnv("MARKET_COST_PERCENT_MIN", 23),
    costPercentMax: numberEnv("MARKET_COST_PERCENT_MAX", 67),
    maxPurchasesPerRun: numberEnv("MARKET_MAX_PURCHASES_PER_RUN", 100_000),
    maxSharesPerTrade: bigintEnv("MARKET_MAX_SHARES_PER_TRADE", 1_000_000n),
    impactBasisPoints: bigintEnv("MARKET_IMPACT_BASIS_POINTS", 800n), // 8%
    driftCron: env("MARKET_DRIFT_CRON") ?? "*/5 * * * *",
    driftStepBasisPoints: bigintEnv("MARKET_DRIFT_STEP_BASIS_POINTS", 50n), // 0.5% of the gap
    driftCapBasisPoints: bigintEnv("MARKET_DRIFT_CAP_BASIS_POINTS", 300n), // 3% of the price
  };
  if (config.budgetMinMinor <= 0n || config.budgetMaxMinor < config.budgetMinMinor) {
    throw new Error("MARKET_BUDGET_MIN_MINOR must be positive and not above MARKET_BUDGET_MAX_MINOR");
  }
  if (!(config.costPercentMin >= 0 && config.costPercentMax <= 100 && config.costPercentMin <= config.costPercentMax)) {
    throw new Error("MARKET_COST_PERCENT_MIN/MAX must satisfy 0 ≤ min ≤ max ≤ 100");
  }
  return config;
}

let cached: MarketConfig | undefined;

/** The process's configuration, read once. */
export function marketConfig(): MarketConfig {
  cached ??= loadMarketConfig();
  return cached;
}
