// A small seeded PRNG (mulberry32) for reproducible randomized tests: the same seed gives the same
// workload, so a failure prints its seed and can be replayed exactly.
import { createRng } from "../../lib/market/prng";

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function seededRandom(seed: number): Random {
  // The same generator as the marketplace's (lib/market/prng.ts), so there is one mulberry32.
  const rng = createRng(seed);
  return {
    next: rng.next,
    int: rng.int,
    pick: (items) => items[Math.floor(rng.next() * items.length)]!,
    chance: (p) => rng.next() < p,
  };
}

/** The seed from `envName` when set (to replay a failure), else a fresh one. */
export function seedFromEnv(envName: string): number {
  const given = process.env[envName];
  return given ? Number(given) : Math.floor(Math.random() * 2 ** 31);
}
