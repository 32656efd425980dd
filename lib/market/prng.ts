// A small seeded PRNG (mulberry32): the same uint32 seed gives the same sequence on every machine,
// so a marketplace run can be replayed and unit-tested. Not for anything secret.
import { randomInt } from "node:crypto";

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (inclusive), for ranges up to 2^32. */
  int(min: number, max: number): number;
  /** Uniform bigint in [min, max] (inclusive), for ranges up to 2^32. */
  bigint(min: bigint, max: bigint): bigint;
}

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    next,
    int,
    bigint: (min, max) => {
      const span = max - min;
      if (span < 0n || span >= 2n ** 32n) throw new RangeError("range must be within 0 … 2^32 - 1");
      return min + BigInt(int(0, Number(span)));
    },
  };
}

/** A fresh random seed for production runs (recorded with the run). */
export function randomSeed(): number {
  return randomInt(0, 2 ** 32 - 1);
}
