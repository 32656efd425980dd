// Issue 9 part 4: 100 concurrent identical transfer requests with one Idempotency-Key have exactly one
// effect and get identical answers, byte for byte (one 201, the rest 200 replays); the same key with
// another body is a 409 and changes nothing. Through the real route handler, all 100 in flight at once.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { balanceOf, createTestUser, entryCount } from "@/scripts/test/ledger-fixtures";
import { POST } from "./route";

async function apiUser() {
  const user = await createTestUser();
  return { ...user, token: (await createApiToken({ userId: user.id, name: "race" })).token };
}

function send(token: string, key: string, body: object) {
  return POST(
    new Request("http://localhost/api/v1/transfers", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify(body),
    }),
    undefined,
  );
}

describe("one Idempotency-Key, 100 concurrent requests", () => {
  it("has one effect and answers every request with the same bytes", async () => {
    const [alice, bob] = await Promise.all([apiUser(), apiUser()]);
    const key = randomUUID();
    const body = { fromAccountId: String(alice.accountId), to: bob.email, amount: "1234", currency: "USD", description: "race" };
    const entriesBefore = await entryCount();
    const timings: { start: number; end: number }[] = [];
    const answers = await Promise.all(
      Array.from({ length: 100 }, async () => {
        const start = performance.now();
        const response = await send(alice.token, key, body);
        const text = await response.text();
        timings.push({ start, end: performance.now() });
        return { status: response.status, replayed: response.headers.get("idempotent-replayed"), text };
      }),
    );
    // They overlapped: every request started before the first one finished.
    expect(Math.max(...timings.map((t) => t.start))).toBeLessThan(Math.min(...timings.map((t) => t.end)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200 && a.replayed === "true")).toHaveLength(99);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
    expect(await entryCount()).toBe(entriesBefore + 1);
    expect(await balanceOf(alice.accountId)).toBe(1_000_000n - 1234n);
    expect(await balanceOf(bob.accountId)).toBe(1_000_000n + 1234n);

    // The same key with another body: 409, nothing moves — also while racing the original body.
    const mixed = await Promise.all(
      Array.from({ length: 20 }, (_, i) => send(alice.token, key, i % 2 ? body : { ...body, amount: "999" }).then(async (r) => ({ status: r.status, text: await r.text() }))),
    );
    expect(mixed.filter((a) => a.status === 409)).toHaveLength(10);
    expect(mixed.filter((a) => a.status === 200 && a.text === answers[0]!.text)).toHaveLength(10);
    expect(JSON.parse(mixed.find((a) => a.status === 409)!.text).error.code).toBe("idempotency_conflict");
    expect(await entryCount()).toBe(entriesBefore + 1);
    expect(await balanceOf(alice.accountId)).toBe(1_000_000n - 1234n);
  });

  it("races two different bodies on a fresh key: exactly one wins, the others are 409 or its replay", async () => {
    const [alice, bob] = await Promise.all([apiUser(), apiUser()]);
    const key = randomUUID();
    const bodies = [100, 200].map((amount) => ({ fromAccountId: String(alice.accountId), to: bob.email, amount: String(amount), description: "race 2" }));
    const entriesBefore = await entryCount();
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => send(alice.token, key, bodies[i % 2]!).then(async (r) => ({ status: r.status, i, text: await r.text() }))),
    );
    const winner = answers.find((a) => a.status === 201)!;
    expect(winner).toBeDefined();
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    for (const a of answers) expect(a.status).toBe(a.i % 2 === winner.i % 2 ? (a === winner ? 201 : 200) : 409);
    expect(await entryCount()).toBe(entriesBefore + 1);
    expect(await balanceOf(bob.accountId)).toBe(1_000_000n + BigInt(bodies[winner.i % 2]!.amount));
  });
});
