// A sender killed mid-send loses nothing and sends nothing twice: a child process starts delivering
// an invoice email, the provider holds the request without answering, the child is SIGKILLed. The
// message stays leased (no other sender touches it) with its attempt visibly unfinished; once the
// lease ends, an ordinary delivery sends it under the same idempotency key — once.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkout, createBuyer, createProduct, createSeller } from "../../scripts/test/checkout-fixtures";
import { startFakeResend, type FakeResend } from "../../scripts/test/fake-resend";
import { db } from "../db/client";
import { deliverOutboxMessage } from "./deliver-outbox";
import { loadMessageWithAttempts } from "./delivery-attempts";

const root = path.resolve(import.meta.dirname, "../..");
const LEASE_SECONDS = 6;

let fake: FakeResend;
beforeAll(async () => {
  // Every request hangs (no answer) until the socket is closed a minute later.
  fake = await startFakeResend({ chaos: { rate: 1, seed: 7, kinds: ["hang"], hangMs: 60_000 } });
  process.env.RESEND_BASE_URL = fake.url;
});
afterAll(async () => {
  await fake.close();
});

describe("a sender killed in the middle of a send", () => {
  it("leaves the message leased with an unfinished attempt; after the lease it is sent exactly once", async () => {
    const seller = await createSeller({ currency: "EUR" });
    const buyer = await createBuyer("EUR");
    const product = await createProduct(seller, { price: 4200n });
    const done = await checkout(buyer, [{ productId: product, quantity: 1 }]);
    const message = await db().emailOutbox.findFirstOrThrow({ where: { invoiceId: done.invoiceId } });
    const key = message.idempotencyKey;

    // Its own process group, so the SIGKILL reaches npx, tsx and the node process under them.
    const child = spawn("npx", ["tsx", "scripts/test/deliver-one.ts", message.id], {
      cwd: root,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        RESEND_API_KEY: "re_kill_test",
        RESEND_BASE_URL: fake.url,
        // Far longer than the kill takes: the child is killed waiting, not timed out.
        EMAIL_SEND_TIMEOUT_SECONDS: "5",
        EMAIL_LEASE_SECONDS: String(LEASE_SECONDS),
      },
    });
    let output = "";
    child.stdout!.on("data", (c) => (output += c));
    child.stderr!.on("data", (c) => (output += c));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code)));

    // Kill it once the provider has its request (and before its 5 s timeout could end the attempt).
    await expect
      .poll(() => fake.requestsFor(key).length, { timeout: 30_000, interval: 20 })
      .toBe(1)
      .catch((error: Error) => {
        throw new Error(`the child never reached the provider (${error.message}); its output:\n${output}`);
      });
    process.kill(-child.pid!, "SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(output).not.toMatch(/\[deliver-one\] (retry|sent|failed)/);

    // Leased, counted, and the attempt visibly unfinished — written by the child, not by this process.
    const leased = await db().emailOutbox.findUniqueOrThrow({ where: { id: message.id } });
    expect(leased).toMatchObject({ status: "pending", attempts: 1, lastError: null });
    expect(leased.leaseToken).not.toBeNull();
    const [killed] = await db().emailDeliveryAttempt.findMany({ where: { outboxId: message.id } });
    expect(killed).toMatchObject({ attempt: 1, idempotencyKey: key, leaseToken: leased.leaseToken, finishedAt: null, outcome: null, error: null, providerMessageId: null });
    expect(killed!.worker).toMatch(/^deliver-one@/);
    expect(killed!.worker).not.toMatch(new RegExp(`:${process.pid}$`));
    const leaseLeft = leased.nextAttemptAt.getTime() - Date.now();
    expect(leaseLeft).toBeGreaterThan(0);
    expect(leaseLeft).toBeLessThanOrEqual(LEASE_SECONDS * 1000);

    // The provider recovers. While the lease holds, nobody else sends.
    fake.setChaos(null);
    expect(await deliverOutboxMessage(db(), message.id, { apiKey: "re_test", worker: "test" })).toBe("not_due");
    expect(fake.requestsFor(key)).toHaveLength(1);

    // What /admin/emails/[id] shows: in progress while the lease lasts (nobody can know it died yet) …
    expect((await loadMessageWithAttempts(db(), message.id))!.attempts.map((a) => a.state)).toEqual(["in_progress"]);

    // Once it has ended, an ordinary delivery sends it — under the same key, once.
    await new Promise((r) => setTimeout(r, Math.max(0, leased.nextAttemptAt.getTime() - Date.now()) + 50));
    // … and unfinished once it has run out.
    expect((await loadMessageWithAttempts(db(), message.id))!.attempts.map((a) => a.state)).toEqual(["unfinished"]);
    expect(await deliverOutboxMessage(db(), message.id, { apiKey: "re_test", worker: "test" })).toBe("sent");
    expect(fake.requestsFor(key).map((r) => r.fate)).toEqual(["hang", "accepted"]);
    expect(fake.delivered.filter((r) => r.headers["idempotency-key"] === key)).toHaveLength(1);
    const sent = await db().emailOutbox.findUniqueOrThrow({ where: { id: message.id } });
    expect(sent).toMatchObject({ status: "sent", attempts: 2, leaseToken: null, lastError: null, providerMessageId: fake.idByKey.get(key) });
    const attempts = await db().emailDeliveryAttempt.findMany({ where: { outboxId: message.id }, orderBy: { id: "asc" } });
    expect(attempts.map((a) => [a.attempt, a.outcome, a.finishedAt === null])).toEqual([
      [1, null, true],
      [2, "sent", false],
    ]);
    expect(attempts[1]!.providerMessageId).toBe(sent.providerMessageId);
    const shown = (await loadMessageWithAttempts(db(), message.id))!;
    expect(shown.message.status).toBe("sent");
    expect(shown.attempts.map((a) => [a.state, a.durationMs === null])).toEqual([
      ["unfinished", true],
      ["sent", false],
    ]);
  }, 90_000);
});
