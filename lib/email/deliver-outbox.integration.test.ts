import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/client";
import { checkout, createBuyer, createProduct, createSeller, B2C } from "../../scripts/test/checkout-fixtures";
import { startFakeResend, type FakeResend } from "../../scripts/test/fake-resend";
import { backoffMs, deliverDueMessages, deliverOutboxMessage, requeueMessage } from "./deliver-outbox";
import { emailDeliveryConfig } from "./delivery-config";

const MAX_ATTEMPTS = emailDeliveryConfig().maxAttempts;

let fake: FakeResend;
beforeAll(async () => {
  fake = await startFakeResend();
  process.env.RESEND_BASE_URL = fake.url;
});
afterAll(async () => {
  await fake.close();
});

async function paidCheckout(quantity = 2) {
  const seller = await createSeller({ currency: "EUR", invoiceLanguage: "de" });
  const buyer = await createBuyer("EUR");
  const a = await createProduct(seller, { price: 5000n, name: "Product A" });
  const b = await createProduct(seller, { price: 10000n, name: "Product B" });
  const done = await checkout(buyer, [{ productId: a, quantity }, { productId: b, quantity: 1 }]);
  const message = await db().emailOutbox.findFirstOrThrow({ where: { invoiceId: done.invoiceId } });
  return { done, message };
}

describe("outbox delivery through Resend (local fake)", () => {
  it("without RESEND_API_KEY the message stays pending and nothing is sent", async () => {
    const { message } = await paidCheckout();
    expect(await deliverOutboxMessage(db(), message.id, { apiKey: undefined })).toBe("not_configured");
    expect(await db().emailOutbox.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("sends to the payer with the subject, every line and the totals in the HTML, the PDF attached, and the idempotency key", async () => {
    const { done, message } = await paidCheckout();
    const before = fake.requests.length;
    expect(await deliverOutboxMessage(db(), message.id, { apiKey: "re_test" })).toBe("sent");
    const request = fake.requests.at(-1)!;
    expect(fake.requests.length).toBe(before + 1);
    expect(request.headers["idempotency-key"]).toBe(`invoice-email/${done.invoiceId}`);
    expect(request.body.to).toEqual([B2C.email]);
    expect(request.body.subject).toBe(`Rechnung ${done.invoiceNumber} von ${message.subject.split(" von ")[1]}`);
    expect(request.body.html).toContain("Product A");
    expect(request.body.html).toContain("Product B");
    expect(request.body.html).toContain("200,00\u00a0€"); // subtotal 2 × 50 + 100
    expect(request.body.html).toContain("38,00\u00a0€"); // tax
    expect(request.body.html).toContain("238,00\u00a0€"); // total
    expect(request.body.text).toContain("238,00");
    expect(request.body.attachments).toHaveLength(1);
    expect(request.body.attachments![0]!.filename).toBe(`${done.invoiceNumber}.pdf`);
    expect(Buffer.from(request.body.attachments![0]!.content!, "base64").subarray(0, 5).toString()).toBe("%PDF-");
    const after = await db().emailOutbox.findUniqueOrThrow({ where: { id: message.id } });
    expect(after).toMatchObject({ status: "sent", attempts: 1, providerMessageId: request.id, lastError: null });
    // Delivering again sends nothing.
    expect(await deliverOutboxMessage(db(), message.id, { apiKey: "re_test" })).toBe("already_sent");
    expect(fake.requests.length).toBe(before + 1);
  });

  it("records failures and retries with backoff; gives up after MAX_ATTEMPTS; an admin can requeue", async () => {
    const { message } = await paidCheckout(1);
    let now = new Date();
    fake.failNext(MAX_ATTEMPTS);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const outcome = await deliverOutboxMessage(db(), message.id, { apiKey: "re_test", now });
      expect(outcome).toBe(attempt < MAX_ATTEMPTS ? "retry" : "failed");
      const row = await db().emailOutbox.findUniqueOrThrow({ where: { id: message.id } });
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toMatch(/Simulated provider outage/);
      expect(row.nextAttemptAt.getTime()).toBe(now.getTime() + backoffMs(attempt));
      // Not due before the backoff has passed.
      if (attempt < MAX_ATTEMPTS) expect(await deliverOutboxMessage(db(), message.id, { apiKey: "re_test", now })).toBe("not_due");
      now = new Date(now.getTime() + backoffMs(attempt));
    }
    await requeueMessage(db(), message.id);
    expect(await deliverOutboxMessage(db(), message.id, { apiKey: "re_test" })).toBe("sent");
  });

  it("records every attempt: started before the provider call, finished with its outcome, error and provider id", async () => {
    const { message } = await paidCheckout(1);
    fake.failNext(1);
    const now = new Date();
    expect(await deliverOutboxMessage(db(), message.id, { apiKey: "re_test", now, worker: "test" })).toBe("retry");
    expect(await deliverOutboxMessage(db(), message.id, { apiKey: "re_test", now: new Date(now.getTime() + backoffMs(1)), worker: "test" })).toBe("sent");
    const row = await db().emailOutbox.findUniqueOrThrow({ where: { id: message.id } });
    const attempts = await db().emailDeliveryAttempt.findMany({ where: { outboxId: message.id }, orderBy: { id: "asc" } });
    expect(attempts).toHaveLength(2);
    expect(attempts.map((a) => [a.attempt, a.outcome, a.idempotencyKey])).toEqual([
      [1, "failed", message.idempotencyKey],
      [2, "sent", message.idempotencyKey],
    ]);
    expect(attempts[0]!.error).toMatch(/Simulated provider outage \(HTTP 500\)/);
    expect(attempts[1]).toMatchObject({ error: null, providerMessageId: row.providerMessageId });
    expect(attempts[1]!.worker).toMatch(new RegExp(`^test@.+:${process.pid}$`));
    for (const a of attempts) expect(a.finishedAt!.getTime()).toBeGreaterThanOrEqual(a.startedAt.getTime());
    expect(row).toMatchObject({ status: "sent", attempts: 2, leaseToken: null });
  });

  it("a provider that never answers is cut off after the send timeout: a `timeout` attempt, retried later", async () => {
    const { message } = await paidCheckout(1);
    fake.setChaos({ rate: 1, seed: 1, kinds: ["hang"], hangMs: 30_000 });
    try {
      const started = performance.now();
      const now = new Date();
      const outcome = await deliverOutboxMessage(db(), message.id, { apiKey: "re_test", now, config: { sendTimeoutMs: 500 } });
      const seconds = (performance.now() - started) / 1000;
      expect(outcome).toBe("retry");
      // Bounded by the timeout, not by the provider (which would hold the request for 30 s).
      expect(seconds).toBeLessThan(5);
      const row = await db().emailOutbox.findUniqueOrThrow({ where: { id: message.id } });
      expect(row).toMatchObject({ status: "pending", attempts: 1, leaseToken: null });
      expect(row.lastError).toMatch(/No answer from the provider within 0.5 s/);
      expect(row.nextAttemptAt.getTime()).toBe(now.getTime() + backoffMs(1));
      const [attempt] = await db().emailDeliveryAttempt.findMany({ where: { outboxId: message.id } });
      expect(attempt).toMatchObject({ outcome: "timeout", providerMessageId: null });
      expect(fake.requestsFor(message.idempotencyKey).map((r) => r.fate)).toEqual(["hang"]);
      fake.setChaos(null);
      expect(await deliverOutboxMessage(db(), message.id, { apiKey: "re_test", now: row.nextAttemptAt })).toBe("sent");
      expect(fake.requestsFor(message.idempotencyKey).map((r) => r.fate)).toEqual(["hang", "accepted"]);
    } finally {
      fake.setChaos(null);
    }
  });

  it("a sender whose lease ran out while it waited on the provider cannot overwrite a later sender's success", async () => {
    const { message } = await paidCheckout(1);
    // Sender A's request hangs; its own timeout (1.5 s) ends it later as a failure.
    fake.setChaos({ rate: 1, seed: 2, kinds: ["hang"], hangMs: 30_000 });
    const config = { sendTimeoutMs: 1500, leaseMs: 2000 };
    const first = deliverOutboxMessage(db(), message.id, { apiKey: "re_test", config, worker: "sender-a" });
    try {
      await expect.poll(() => fake.requestsFor(message.idempotencyKey).length, { timeout: 10_000, interval: 20 }).toBe(1);
    } finally {
      fake.setChaos(null);
    }
    // Sender B comes after A's lease has ended (its clock is past it) and delivers the message.
    const later = new Date(Date.now() + 10_000);
    expect(await deliverOutboxMessage(db(), message.id, { apiKey: "re_test", config, now: later, worker: "sender-b" })).toBe("sent");
    const sent = await db().emailOutbox.findUniqueOrThrow({ where: { id: message.id } });
    // A's late failure finds its lease gone and changes nothing on the message.
    expect(await first).toBe("superseded");
    const row = await db().emailOutbox.findUniqueOrThrow({ where: { id: message.id } });
    expect(row).toEqual(sent);
    expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null, providerMessageId: fake.idByKey.get(message.idempotencyKey) });
    const attempts = await db().emailDeliveryAttempt.findMany({ where: { outboxId: message.id }, orderBy: { id: "asc" } });
    expect(attempts.map((a) => [a.attempt, a.outcome, a.worker.split("@")[0]])).toEqual([
      [1, "timeout", "sender-a"],
      [2, "sent", "sender-b"],
    ]);
    expect(fake.delivered.filter((r) => r.headers["idempotency-key"] === message.idempotencyKey)).toHaveLength(1);
  });

  it("a message whose last allowed attempt never finished gives up once that attempt's lease ends", async () => {
    const { message } = await paidCheckout(1);
    const now = new Date();
    // What a sender killed during the last allowed attempt leaves: the attempt counted, the lease
    // held (until `now`), the attempt row unfinished.
    await db().$executeRaw`
      WITH m AS (UPDATE email_outbox SET attempts = ${MAX_ATTEMPTS}, lease_token = gen_random_uuid(), next_attempt_at = ${now}
                  WHERE id = ${message.id} RETURNING id, attempts, idempotency_key, lease_token)
      INSERT INTO email_delivery_attempts (outbox_id, attempt, idempotency_key, lease_token, worker, started_at)
      SELECT id, attempts, idempotency_key, lease_token, 'killed', clock_timestamp() FROM m`;
    const before = fake.requests.length;
    expect(await deliverOutboxMessage(db(), message.id, { apiKey: "re_test", now: new Date(now.getTime() - 1) })).toBe("not_due");
    expect(await deliverOutboxMessage(db(), message.id, { apiKey: "re_test", now })).toBe("failed");
    expect(fake.requests.length).toBe(before);
    const row = await db().emailOutbox.findUniqueOrThrow({ where: { id: message.id } });
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS, leaseToken: null });
    expect(row.lastError).toMatch(/never finished/);
    // An admin resend starts over under the same key (it was never recorded as sent).
    await requeueMessage(db(), message.id);
    expect(await deliverOutboxMessage(db(), message.id, { apiKey: "re_test" })).toBe("sent");
  });

  it("the attempt history is append-only: a finished attempt cannot change, no attempt can be deleted", async () => {
    const { message } = await paidCheckout(1);
    expect(await deliverOutboxMessage(db(), message.id, { apiKey: "re_test" })).toBe("sent");
    const [attempt] = await db().emailDeliveryAttempt.findMany({ where: { outboxId: message.id } });
    expect(attempt).toBeDefined();
    await expect(db().$executeRaw`UPDATE email_delivery_attempts SET outcome = 'failed', error = 'rewritten', provider_message_id = NULL WHERE id = ${attempt!.id}`).rejects.toThrow(/append-only/);
    await expect(db().$executeRaw`DELETE FROM email_delivery_attempts WHERE id = ${attempt!.id}`).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`TRUNCATE email_delivery_attempts CASCADE`)).rejects.toThrow(/append-only/);
    // Finishing is all an unfinished attempt may do, once, with an outcome and its finish time together.
    await expect(
      db().$executeRaw`INSERT INTO email_delivery_attempts (outbox_id, attempt, idempotency_key, lease_token, worker, started_at, outcome)
                       VALUES (${message.id}, 9, 'k', gen_random_uuid(), 'w', now(), 'failed')`,
    ).rejects.toThrow(/email_delivery_attempts_finished_check/);
  });

  it("deliverDueMessages sends what is due, once per idempotency key", async () => {
    await paidCheckout(1);
    const counts = await deliverDueMessages(db(), 50, { apiKey: "re_test" });
    expect(counts.sent).toBeGreaterThanOrEqual(1);
    expect(await db().emailOutbox.count({ where: { status: "pending" } })).toBe(0);
    const keys = fake.delivered.map((r) => r.headers["idempotency-key"]);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
