// The mint's daily issuance cap: enforced in the sign-up's own transaction, race-safe.
import { afterEach, describe, expect, it } from "vitest";
import { signUp } from "@/lib/auth/sign-up";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { reserveMintIssuance, secondsUntilNextUtcDay } from "./mint-daily-cap";
import { OPENING_DEPOSIT_USD } from "./open-account";

let n = 0;
const newUser = () => {
  n += 1;
  return { name: `Capped ${n}`, email: `capped${n}@example.com`, password: "a long password!" };
};
const today = () => new Date().toISOString().slice(0, 10);
async function issuedToday(): Promise<bigint> {
  const row = await db().mintDailyIssuance.findUnique({ where: { day_currency: { day: new Date(`${today()}T00:00:00Z`), currency: "USD" } } });
  return row?.issued ?? 0n;
}
async function mintedDeposits(): Promise<number> {
  return db().ledgerEntry.count({ where: { type: "initial_deposit" } });
}

afterEach(async () => {
  delete process.env.MINT_DAILY_CAP;
  await db().mintDailyIssuance.deleteMany();
});

describe("reserveMintIssuance", () => {
  it("adds up to the cap, refuses past it until the next UTC day", async () => {
    const now = new Date("2026-11-21T20:00:00Z");
    await db().$transaction((tx) => reserveMintIssuance(tx, { currency: "USD", amount: 600n, cap: 1000n, now }));
    await db().$transaction((tx) => reserveMintIssuance(tx, { currency: "USD", amount: 400n, cap: 1000n, now }));
    const refused = await db()
      .$transaction((tx) => reserveMintIssuance(tx, { currency: "USD", amount: 1n, cap: 1000n, now }))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("rate_limited");
    expect((refused as AppError).retryAfterSeconds).toBe(4 * 3600);
    // A new day starts from zero; more than the cap at once is never allowed.
    const tomorrow = new Date("2026-11-22T00:00:01Z");
    await db().$transaction((tx) => reserveMintIssuance(tx, { currency: "USD", amount: 1000n, cap: 1000n, now: tomorrow }));
    await expect(db().$transaction((tx) => reserveMintIssuance(tx, { currency: "EUR", amount: 1001n, cap: 1000n, now }))).rejects.toThrow(AppError);
  });

  it("counts seconds to the next UTC midnight", () => {
    expect(secondsUntilNextUtcDay(new Date("2026-11-21T23:59:59.500Z"))).toBe(1);
    expect(secondsUntilNextUtcDay(new Date("2026-11-21T00:00:00Z"))).toBe(86_400);
  });
});

describe("sign-up under the mint's daily cap", () => {
  it("refuses the sign-up that would pass the cap and leaves nothing behind", async () => {
    process.env.MINT_DAILY_CAP = "20000"; // two opening deposits of $10,000.00
    await signUp(newUser());
    await signUp(newUser());
    const [users, deposits] = [await db().user.count(), await mintedDeposits()];
    const error = await signUp(newUser()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("rate_limited");
    expect((error as AppError).message).toMatch(/daily limit of \$20,000\.00/);
    expect((error as AppError).retryAfterSeconds).toBeGreaterThan(0);
    expect(await db().user.count()).toBe(users);
    expect(await mintedDeposits()).toBe(deposits);
    expect(await issuedToday()).toBe(2n * OPENING_DEPOSIT_USD);
  });

  it("never lets concurrent sign-ups pass the cap (randomized)", async () => {
    process.env.MINT_DAILY_CAP = "30000"; // three deposits
    const deposits = await mintedDeposits();
    const spans: { start: number; end: number }[] = [];
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, async () => {
        await new Promise((r) => setTimeout(r, Math.random() * 20));
        const start = performance.now();
        try {
          return await signUp(newUser());
        } finally {
          spans.push({ start, end: performance.now() });
        }
      }),
    );
    expect(Math.max(...spans.map((s) => s.start))).toBeLessThan(Math.min(...spans.map((s) => s.end)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results.filter((r) => r.status === "rejected")) expect(((r as PromiseRejectedResult).reason as AppError).code).toBe("rate_limited");
    expect(await mintedDeposits()).toBe(deposits + 3);
    expect(await issuedToday()).toBe(3n * OPENING_DEPOSIT_USD);
  });

  it("queues sign-ups behind a held counter row and lets exactly one take the last deposit (deterministic)", async () => {
    process.env.MINT_DAILY_CAP = "30000";
    await db().mintDailyIssuance.create({ data: { day: new Date(`${today()}T00:00:00Z`), currency: "USD", issued: 2n * OPENING_DEPOSIT_USD } });
    const deposits = await mintedDeposits();
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = db().$transaction(async (tx) => {
      await tx.$queryRawUnsafe("SELECT issued FROM mint_daily_issuance WHERE currency = 'USD' FOR UPDATE");
      locked();
      await released;
    });
    await lockTaken;
    const racers = Array.from({ length: 3 }, () => signUp(newUser()).then(() => "created", (e: AppError) => e.code));
    let waiting = 0;
    try {
      for (let i = 0; i < 100 && waiting < 3; i++) {
        await new Promise((r) => setTimeout(r, 100));
        const rows = await db().$queryRawUnsafe<{ n: bigint }[]>(
          "SELECT count(*)::bigint AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query ILIKE '%mint_daily_issuance%'",
        );
        waiting = Number(rows[0]!.n);
      }
    } finally {
      release();
      await holder;
    }
    expect(waiting).toBe(3);
    expect((await Promise.all(racers)).sort()).toEqual(["created", "rate_limited", "rate_limited"]);
    expect(await mintedDeposits()).toBe(deposits + 1);
    expect(await issuedToday()).toBe(3n * OPENING_DEPOSIT_USD);
  });
});
