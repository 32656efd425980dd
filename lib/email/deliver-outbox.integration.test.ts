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

  it("deliverDueMessages sends what is due, once per idempotency key", async () => {
    await paidCheckout(1);
    const counts = await deliverDueMessages(db(), 50, { apiKey: "re_test" });
    expect(counts.sent).toBeGreaterThanOrEqual(1);
    expect(await db().emailOutbox.count({ where: { status: "pending" } })).toBe(0);
    const keys = fake.delivered.map((r) => r.headers["idempotency-key"]);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
