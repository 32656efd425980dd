// Every knob of `npm run bench:ledger`, read once from the environment. Defaults keep a full run
// to a few minutes on a 2-core machine.
function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}".`);
  return value;
}

export type BenchStep = "reads" | "transfers" | "recalculate";

export interface BenchConfig {
  /** An existing local server (any database on it); without it a throwaway cluster is started. */
  databaseUrl: string | undefined;
  accounts: number;
  /** Ledger sizes: the small and large read measurements, and the two recalculation sizes. */
  entriesSmall: number;
  entriesMid: number;
  entriesLarge: number;
  chunkSize: number;
  readSamples: number;
  readWarmup: number;
  naiveSamples: number;
  latencySamples: number;
  seconds: number;
  rounds: number;
  workers: number;
  poolSize: number;
  /** Also run the profiling variants (pool sizes, the same call through raw node-postgres). */
  profile: boolean;
  poolSweep: number[];
  steps: Set<BenchStep>;
  keepDatabase: boolean;
  resultsFile: boolean;
}

export function readBenchConfig(): BenchConfig {
  const workers = intEnv("BENCH_WORKERS", 16);
  const steps = (process.env.BENCH_STEPS ?? "reads,transfers,recalculate").split(",").map((s) => s.trim()).filter(Boolean);
  for (const step of steps) {
    if (!["reads", "transfers", "recalculate"].includes(step)) throw new Error(`Unknown BENCH_STEPS entry "${step}".`);
  }
  return {
    databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
    accounts: intEnv("BENCH_ACCOUNTS", 10_000),
    entriesSmall: intEnv("BENCH_ENTRIES_SMALL", 1_000),
    entriesMid: intEnv("BENCH_ENTRIES_MID", 100_000),
    entriesLarge: intEnv("BENCH_ENTRIES_LARGE", 1_000_000),
    chunkSize: intEnv("BENCH_CHUNK", 50_000),
    readSamples: intEnv("BENCH_READ_SAMPLES", 5_000),
    readWarmup: intEnv("BENCH_READ_WARMUP", 1_000),
    naiveSamples: intEnv("BENCH_NAIVE_SAMPLES", 30),
    latencySamples: intEnv("BENCH_LATENCY_SAMPLES", 400),
    seconds: intEnv("BENCH_SECONDS", 8),
    rounds: Math.max(1, intEnv("BENCH_ROUNDS", 2)),
    workers,
    poolSize: intEnv("BENCH_POOL_SIZE", workers),
    profile: process.env.BENCH_PROFILE !== "0",
    poolSweep: (process.env.BENCH_POOL_SWEEP ?? "4,32").split(",").filter(Boolean).map(Number).filter((n) => Number.isInteger(n) && n > 0),
    steps: new Set(steps as BenchStep[]),
    keepDatabase: process.env.BENCH_KEEP === "1",
    resultsFile: process.env.BENCH_RESULTS !== "0",
  };
}
