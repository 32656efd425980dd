// Admin "Send now" before any worker has started against this database: pg-boss has no queue for the
// job yet (workers create them), and sending used to fail with "Queue … does not exist". The job now
// waits in a queue created with its own options and runs when the first worker starts.
import { afterAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { findJob } from "./registry";
import { sendJobNow, startWorker, type WorkerHandle } from "./worker";

let worker: WorkerHandle | undefined;
afterAll(async () => {
  await worker?.stop();
});

describe("sendJobNow", () => {
  it("queues a job before any worker ever ran; the first worker runs it", async () => {
    const cleanup = findJob("idempotency-cleanup")!;
    const url = process.env.DATABASE_URL!;
    const jobId = await sendJobNow(url, cleanup);
    expect(jobId).toEqual(expect.any(String));
    worker = await startWorker({ connectionString: url, prisma: db(), jobs: [cleanup], schedule: false, pollingIntervalSeconds: 0.5, emailSweep: false, log: () => {} });
    const until = Date.now() + 30_000;
    let state: string | undefined;
    while (Date.now() < until) {
      state = (await worker.boss.getJobById(cleanup.name, jobId!))?.state;
      if (state === "completed") break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(state).toBe("completed");
  });
});
