// The fake Resend's chaos mode does what the delivery tests rely on: each kind fails the way it
// says, a seed replays the same fates, and delivered / acceptedByKey / duplicatesSuppressed count
// what a real provider would have sent.
import http from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeResend, type FakeResend } from "./fake-resend";

let fake: FakeResend | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

type Answer = { status: number; body: string } | { error: string };

/** One POST /emails on its own connection; resolves with the answer or the connection error. */
function post(url: string, key: string, timeoutMs = 5_000): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request(`${url}/emails`, {
      method: "POST",
      headers: { authorization: "Bearer re_test", "content-type": "application/json", "idempotency-key": key },
      agent: false,
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error("client timeout")));
    req.on("response", (res) => {
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      res.on("error", (e) => resolve({ error: e.message }));
    });
    req.on("error", (e) => resolve({ error: e.message }));
    req.end(JSON.stringify({ to: ["a@example.test"], subject: "s", html: "<p>h</p>" }));
  });
}

describe("fake Resend, chaos mode", () => {
  it("each failure kind fails the way it says", async () => {
    fake = await startFakeResend({ chaos: { rate: 1, seed: 1, kinds: ["error500"] } });
    expect(await post(fake.url, "k1")).toMatchObject({ status: 500 });

    fake.setChaos({ rate: 1, seed: 1, kinds: ["drop-before"] });
    expect(await post(fake.url, "k1")).toHaveProperty("error");

    fake.setChaos({ rate: 1, seed: 1, kinds: ["hang"], hangMs: 300 });
    const started = performance.now();
    expect(await post(fake.url, "k1")).toHaveProperty("error"); // closed by the fake after hangMs, no answer
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);

    // Nothing was accepted so far: nothing delivered.
    expect(fake.delivered).toHaveLength(0);

    fake.setChaos({ rate: 1, seed: 1, kinds: ["drop-after"] });
    expect(await post(fake.url, "k1")).toHaveProperty("error");
    // Accepted although the sender never heard: delivered once, and the key keeps its id.
    expect(fake.delivered).toHaveLength(1);
    const id = fake.idByKey.get("k1")!;
    expect(id).toMatch(/^fake_/);

    // A retry dropped after acceptance again is served from the key's record: no second delivery.
    expect(await post(fake.url, "k1")).toHaveProperty("error");
    expect(fake.delivered).toHaveLength(1);

    fake.setChaos(null);
    const again = await post(fake.url, "k1");
    expect(again).toMatchObject({ status: 200 });
    expect(JSON.parse((again as { body: string }).body)).toEqual({ id });
    expect(fake.delivered).toHaveLength(1);
    expect(fake.acceptedByKey.get("k1")).toBe(3);
    expect(fake.duplicatesSuppressed).toBe(2);
    expect(fake.requestsFor("k1").map((r) => r.fate)).toEqual(["error500", "drop-before", "hang", "drop-after", "drop-after", "duplicate"]);
    expect(fake.requestsFor("k1").map((r) => r.newDelivery)).toEqual([false, false, false, true, false, false]);
    expect(fake.fates()).toMatchObject({ error500: 1, "drop-before": 1, hang: 1, "drop-after": 2, duplicate: 1, accepted: 0 });
  });

  it("a seed replays the same fates; the rate is roughly kept", async () => {
    const run = async (seed: number) => {
      const f = await startFakeResend({ chaos: { rate: 0.3, seed, hangMs: 50 } });
      try {
        for (let i = 0; i < 60; i++) await post(f.url, `key-${i}`);
        return f.requests.map((r) => r.fate);
      } finally {
        await f.close();
      }
    };
    const first = await run(42);
    expect(first).toHaveLength(60);
    expect(await run(42)).toEqual(first);
    const failed = first.filter((f) => f !== "accepted").length;
    expect(failed).toBeGreaterThan(5);
    expect(failed).toBeLessThan(35);
  });

  it("close() ends hanging requests instead of waiting for them", async () => {
    fake = await startFakeResend({ chaos: { rate: 1, seed: 3, kinds: ["hang"], hangMs: 60_000 } });
    const pending = post(fake.url, "k", 30_000);
    await expect.poll(() => fake!.requests.length).toBe(1);
    const started = performance.now();
    await fake.close();
    fake = undefined;
    expect(await pending).toHaveProperty("error");
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
