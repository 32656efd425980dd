import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../../scripts/test/ledger-fixtures";
import { createTestCompany } from "../../scripts/test/market-fixtures";
import { db } from "../db/client";
import type { JobDefinition } from "./job-definition";
import { findJob } from "./registry";
import { startWorker, type WorkerHandle } from "./worker";

const workers: WorkerHandle[] = [];

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  const owner = await createTestUser();
  await createTestCompany(owner, { prices: ["10.00", "25.00"] });
  await createTestCompany(owner, { prices: ["7.50"] });
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
});

describe("pg-boss workers", () => {
  it("two workers given the same marketplace slot twice produce exactly one run", async () => {
    const marketplace = findJob("marketplace-run")!;
    const url = process.env.DATABASE_URL!;
    for (let i = 0; i < 2; i++) {
      workers.push(await startWorker({ connectionString: url, prisma: db(), jobs: [marketplace], schedule: false, pollingIntervalSeconds: 0.5, log: () => {} }));
    }
    const slot = "2026-11-21T13:30:00.000Z";
    // Two jobs for one occurrence (what a duplicated cron send or a double click would create),
    // sent through different processes' queues at the same moment.
    await Promise.all(workers.map((w) => w.boss.send(marketplace.name, { slot })));
    const runs = await waitFor(
      () => db().jobRun.findMany({ where: { name: marketplace.name } }),
      (rows) => rows.filter((r) => r.status !== "running").length >= 2,
    );
    expect(runs.map((r) => r.status).sort()).toEqual(["completed", "completed"]);
    expect(runs.filter((r) => (r.output as { duplicate?: boolean })?.duplicate)).toHaveLength(1);
    const recorded = await db().marketplaceRun.findMany();
    expect(recorded.map((r) => r.slot)).toEqual([`scheduled:${slot}`]);
    expect(await db().ledgerEntry.count({ where: { type: "marketplace_batch" } })).toBe(2 * recorded[0]!.companies);
  });

  it("retries a failing job with backoff and records each attempt with its error", async () => {
    let calls = 0;
    const flaky: JobDefinition = {
      name: "test-flaky",
      title: "Flaky",
      description: "fails once",
      cron: null,
      retryLimit: 2,
      retryDelaySeconds: 1,
      expireInSeconds: 30,
      async run() {
        calls += 1;
        if (calls === 1) throw new Error("first attempt fails");
        return { ok: true };
      },
    };
    const w = await startWorker({ connectionString: process.env.DATABASE_URL!, prisma: db(), jobs: [flaky], schedule: false, pollingIntervalSeconds: 0.5, log: () => {} });
    workers.push(w);
    await w.boss.send(flaky.name, {});
    const runs = await waitFor(
      () => db().jobRun.findMany({ where: { name: flaky.name }, orderBy: { id: "asc" } }),
      (rows) => rows.some((r) => r.status === "completed"),
    );
    expect(runs.map((r) => [r.status, r.attempt])).toEqual([
      ["failed", 0],
      ["completed", 1],
    ]);
    expect(runs[0]!.error).toContain("first attempt fails");
  });

  it("a paused job is skipped and recorded as such", async () => {
    const w = workers[0]!;
    await db().jobSetting.create({ data: { name: "marketplace-run", paused: true } });
    await w.boss.send("marketplace-run", { slot: "2026-11-21T13:40:00.000Z" });
    const runs = await waitFor(
      () => db().jobRun.findMany({ where: { name: "marketplace-run", status: "skipped" } }),
      (rows) => rows.length > 0,
    );
    expect(runs).toHaveLength(1);
    expect(await db().marketplaceRun.count({ where: { slot: "scheduled:2026-11-21T13:40:00.000Z" } })).toBe(0);
  });
});
