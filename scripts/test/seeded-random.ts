// A small seeded PRNG (mulberry32) for reproducible randomized tests: the same seed gives the same
// workload, so a failure prints its seed and can be replayed exactly.
export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
  };
}

/** The seed from `envName` when set (to replay a failure), else a fresh one. */
export function seedFromEnv(envName: string): number {
  const given = process.env[envName];
  return given ? Number(given) : Math.floor(Math.random() * 2 ** 31);
}
