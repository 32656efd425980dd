import { describe, expect, it } from "vitest";
import { Coalescer, Failed } from "./coalescer";

/** A run function whose batches the test releases by hand. */
function controlledRun() {
  const batches: { requests: number[]; release: (answers?: (number | Failed)[]) => void; fail: (error: unknown) => void }[] = [];
  const run = (requests: number[]) =>
    new Promise<(number | Failed)[]>((resolve, reject) => {
      batches.push({ requests, release: (answers) => resolve(answers ?? requests.map((r) => r * 10)), fail: reject });
    });
  return { batches, run };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("Coalescer", () => {
  it("sends what arrives in one turn of the event loop as one batch, answers each at its index", async () => {
    const { batches, run } = controlledRun();
    const c = new Coalescer(run, { maxBatch: 10, maxInFlight: 2, windowMs: 0 });
    const answers = [1, 2, 3].map((n) => c.submit(n));
    await tick();
    expect(batches.map((b) => b.requests)).toEqual([[1, 2, 3]]);
    batches[0]!.release();
    expect(await Promise.all(answers)).toEqual([10, 20, 30]);
  });

  it("queues while every slot is busy, then sends the queue as one batch; a full batch leaves at once", async () => {
    const { batches, run } = controlledRun();
    const c = new Coalescer(run, { maxBatch: 3, maxInFlight: 1, windowMs: 0 });
    const first = c.submit(1);
    await tick();
    const queued = [2, 3, 4, 5].map((n) => c.submit(n));
    await tick();
    expect(batches).toHaveLength(1); // the only slot is busy
    batches[0]!.release();
    await first;
    await tick();
    expect(batches.map((b) => b.requests)).toEqual([[1], [2, 3, 4]]);
    batches[1]!.release();
    await tick();
    expect(batches.map((b) => b.requests)).toEqual([[1], [2, 3, 4], [5]]);
    batches[2]!.release();
    expect(await Promise.all(queued)).toEqual([20, 30, 40, 50]);
    expect(c.stats).toMatchObject({ batches: 3, requests: 5, largestBatch: 3, mostInFlight: 1 });
  });

  it("runs up to maxInFlight batches side by side", async () => {
    const { batches, run } = controlledRun();
    const c = new Coalescer(run, { maxBatch: 2, maxInFlight: 2, windowMs: 0 });
    const all = [1, 2, 3, 4, 5].map((n) => c.submit(n));
    await tick();
    expect(batches.map((b) => b.requests)).toEqual([[1, 2], [3, 4]]);
    batches[1]!.release();
    await tick();
    expect(batches.map((b) => b.requests)).toEqual([[1, 2], [3, 4], [5]]);
    batches[0]!.release();
    batches[2]!.release();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50]);
    expect(c.stats.mostInFlight).toBe(2);
  });

  it("fails one request with Failed and every request of a batch that throws", async () => {
    const { batches, run } = controlledRun();
    const c = new Coalescer(run, { maxBatch: 10, maxInFlight: 1, windowMs: 0 });
    const [a, b] = [c.submit(1), c.submit(2)];
    await tick();
    batches[0]!.release([10, new Failed(new Error("only b"))]);
    expect(await a).toBe(10);
    await expect(b).rejects.toThrow("only b");
    const [x, y] = [c.submit(3), c.submit(4)];
    await tick();
    batches[1]!.fail(new Error("connection lost"));
    await expect(x).rejects.toThrow("connection lost");
    await expect(y).rejects.toThrow("connection lost");
  });

  it("waits windowMs before a non-full batch leaves", async () => {
    const { batches, run } = controlledRun();
    const c = new Coalescer(run, { maxBatch: 10, maxInFlight: 1, windowMs: 30 });
    void c.submit(1);
    await tick();
    expect(batches).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 40));
    expect(batches).toHaveLength(1);
  });
});
