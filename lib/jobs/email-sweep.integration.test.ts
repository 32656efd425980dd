// The job worker's email sweep: started with the email-delivery job, it sends due messages every
// EMAIL_SWEEP_SECONDS (not once a minute like the cron), retries after the configured backoff,
// obeys the job's Pause on /admin/jobs, and stops with the worker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkout, createBuyer, createProduct, createSeller } from "../../scripts/test/checkout-fixtures";
import { startFakeResend, type FakeResend } from "../../scripts/test/fake-resend";
import { db } from "../db/client";
import { findJob } from "./registry";
import { startWorker, type WorkerHandle } from "./worker";

const ENV = { RESEND_API_KEY: "re_sweep_test", EMAIL_SWEEP_SECONDS: "0.2", EMAIL_RETRY_BASE_SECONDS: "0.5" };
const saved = Object.fromEntries(Object.keys(ENV).map((k) => [k, process.env[k]]));
let fake: FakeResend;
let worker: WorkerHandle | undefined;

beforeAll(async () => {
  fake = await startFakeResend();
  Object.assign(process.env, ENV, { RESEND_BASE_URL: fake.url });
});
afterAll(async () => {
  await worker?.stop();
  await fake.close();
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

async function invoiceEmail() {
  const seller = await createSeller({ currency: "USD" });
  const product = await createProduct(seller, { price: 990n });
  const done = await checkout(await createBuyer("USD"), [{ productId: product, quantity: 1 }]);
  return db().emailOutbox.findFirstOrThrow({ where: { invoiceId: done.invoiceId } });
}

const statusOf = async (id: string) => (await db().emailOutbox.findUniqueOrThrow({ where: { id } })).status;

describe("the email sweep in the job worker", () => {
  it("waits while email delivery is paused, sends within a sweep once resumed, retries after the backoff, stops with the worker", async () => {
    await db().jobSetting.create({ data: { name: "email-delivery", paused: true } });
    worker = await startWorker({ connectionString: process.env.DATABASE_URL!, prisma: db(), jobs: [findJob("email-delivery")!], schedule: false, log: () => {} });

    const first = await invoiceEmail();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await statusOf(first.id)).toBe("pending");
    expect(fake.requests).toHaveLength(0);

    await db().jobSetting.update({ where: { name: "email-delivery" }, data: { paused: false } });
    await expect.poll(() => statusOf(first.id), { timeout: 10_000, interval: 100 }).toBe("sent");
    const [attempt] = await db().emailDeliveryAttempt.findMany({ where: { outboxId: first.id } });
    expect(attempt!.worker).toMatch(/^sweep@/);
    // No pg-boss job ran (nothing scheduled): the sweep sent it.
    expect(await db().jobRun.count({ where: { name: "email-delivery" } })).toBe(0);

    // A failure is retried after its 0.5 s backoff, not at the next cron minute.
    fake.failNext(1);
    const second = await invoiceEmail();
    await expect.poll(() => statusOf(second.id), { timeout: 10_000, interval: 100 }).toBe("sent");
    const attempts = await db().emailDeliveryAttempt.findMany({ where: { outboxId: second.id }, orderBy: { id: "asc" } });
    expect(attempts.map((a) => a.outcome)).toEqual(["failed", "sent"]);
    const gapMs = attempts[1]!.startedAt.getTime() - attempts[0]!.finishedAt!.getTime();
    expect(gapMs).toBeGreaterThanOrEqual(400);
    expect(gapMs).toBeLessThan(5_000);

    // Stopped with the worker: a new message stays pending.
    await worker.stop();
    worker = undefined;
    const third = await invoiceEmail();
    await new Promise((r) => setTimeout(r, 1000));
    expect(await statusOf(third.id)).toBe("pending");
  }, 60_000);
});
