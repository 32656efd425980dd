// Whether `npm start` seeds the demo data. The demo users' passwords are public (README, start
// banner), so they go only into the default database in .data/ — a personal sandbox — unless
// someone asks for them explicitly with SEED_DEMO=1. An external DATABASE_URL may be a real
// deployment: an empty one stays empty (its first admin is created on purpose, not by a seed).
// Only an empty database is ever seeded (`npm run db:seed` adds missing demo data to any database).

export interface DemoSeedDecision {
  seed: boolean;
  /** A line for the start log when the choice is not the obvious one. */
  note?: string;
}

export class SeedDemoFlagError extends Error {
  override name = "SeedDemoFlagError";
}

/** SEED_DEMO: unset → the default for the database; 1/true/yes → seed; 0/false/no → never. */
export function parseSeedDemoFlag(value: string | undefined): boolean | undefined {
  const normalized = value?.trim().toLowerCase();
  if (!normalized) return undefined;
  if (["1", "true", "yes"].includes(normalized)) return true;
  if (["0", "false", "no"].includes(normalized)) return false;
  throw new SeedDemoFlagError(`SEED_DEMO must be 1 (seed the demo data into an empty database) or 0 (never), got "${value}".`);
}

export function demoSeedDecision(input: { defaultDatabase: boolean; empty: boolean; seedDemo: string | undefined }): DemoSeedDecision {
  const flag = parseSeedDemoFlag(input.seedDemo);
  if (!input.empty) {
    return flag ? { seed: false, note: "SEED_DEMO=1: the database is not empty, so nothing is seeded (`npm run db:seed` adds missing demo data)." } : { seed: false };
  }
  if (flag === false) return { seed: false, note: "SEED_DEMO=0: the empty database is left without demo data." };
  if (flag === true) return { seed: true, note: input.defaultDatabase ? undefined : "SEED_DEMO=1: seeding the demo data (public passwords) into DATABASE_URL." };
  if (input.defaultDatabase) return { seed: true };
  return {
    seed: false,
    note: "The database is empty. Demo data (users with the README's public passwords) goes only into the default database; set SEED_DEMO=1 to seed this one.",
  };
}
