// Two `npm run admin:create` for the same email at once (two operators, a retried deploy step): one
// administrator is created, the other run gets the plain "already exists" refusal — never Prisma's
// P2002 — and leaves nothing behind. First a fixed interleaving (both runs passed the existence check
// and wait to INSERT behind a held table lock), then seeded random batches against the serial
// expectation: per email, exactly one is created.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { holdLock, queueBehind } from "../../scripts/test/lock-interleaving";
import { seededRandom, seedFromEnv } from "../../scripts/test/seeded-random";
import { createAdmin } from "./create-admin";

const taken = (email: string) => `A user with the email ${email} already exists; nothing was changed.`;

async function rowsFor(email: string) {
  const users = await db().user.findMany({ where: { email }, select: { id: true, role: true, accounts: { select: { id: true } } } });
  return users.map((u) => ({ role: u.role, accounts: u.accounts.length }));
}

describe("createAdmin under concurrency", () => {
  it("two runs for one email queued at the INSERT: one admin, the other a conflict naming the email, no P2002", async () => {
    const email = `ops-${randomUUID()}@example.test`;
    const accountsBefore = await db().account.count({ where: { kind: "PERSONAL" } });
    // SHARE mode lets the existence check (a read) through and holds every INSERT into users.
    const lock = await holdLock(`LOCK TABLE users IN SHARE MODE`);
    const outcomes = await queueBehind(lock, [() => createAdmin({ email }), () => createAdmin({ email })]);
    const created = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(created).toHaveLength(1);
    expect(refused).toHaveLength(1);
    const error = refused[0]!.reason as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect([error.code, error.status, error.message]).toEqual(["conflict", 409, taken(email)]);
    expect(await rowsFor(email)).toEqual([{ role: "ADMIN", accounts: 1 }]);
    // The refused run's account never existed: its transaction rolled back with the user row.
    expect(await db().account.count({ where: { kind: "PERSONAL" } })).toBe(accountsBefore + 1);
  });

  it("random batches of concurrent runs over a few emails: exactly one admin per email, every other run refused", async () => {
    const seed = seedFromEnv("CREATE_ADMIN_SEED");
    const random = seededRandom(seed);
    const emails = Array.from({ length: 3 }, () => `ops-${randomUUID()}@example.test`);
    const calls = Array.from({ length: 8 }, () => random.pick(emails));
    const usersBefore = await db().user.count();
    const outcomes = await Promise.allSettled(calls.map((email) => createAdmin({ email: random.chance(0.5) ? email.toUpperCase() : email })));
    const context = `seed ${seed}`;
    const used = [...new Set(calls)];
    for (const email of used) {
      const mine = outcomes.filter((_, i) => calls[i] === email);
      expect(mine.filter((o) => o.status === "fulfilled"), `${context} ${email}`).toHaveLength(1);
      for (const o of mine.filter((o): o is PromiseRejectedResult => o.status === "rejected")) {
        expect(o.reason, context).toBeInstanceOf(AppError);
        expect((o.reason as AppError).message, context).toBe(taken(email));
      }
      expect(await rowsFor(email), context).toEqual([{ role: "ADMIN", accounts: 1 }]);
    }
    expect(await db().user.count()).toBe(usersBefore + used.length);
  });
});
