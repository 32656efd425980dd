// Email under failure (issue 9, part 6): invoice emails from real checkouts, a provider that fails
// 30 % of requests in all four ways (500, hang, connection dropped before accepting, connection
// dropped after accepting), and two delivery loops racing each other as two workers would, with
// short timeouts, leases and backoff. When everything is sent: every invoice's email was delivered
// by the provider exactly once, under its own key, each outbox row holds the provider's id for that
// key, and the attempt history matches the provider's log request for request.
//
// EMAIL_CHAOS_SEED replays the provider's fates (the order requests arrive in still varies).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, db, type Db } from "../db/client";
import { checkout, createBuyer, createProduct, createSeller, type TestBuyer } from "../../scripts/test/checkout-fixtures";
import { CHAOS_KINDS, startFakeResend, type FakeResend, type RequestFate } from "../../scripts/test/fake-resend";
import { seedFromEnv } from "../../scripts/test/seeded-random";
import type { EmailAttemptOutcome } from "../db/generated/client";
import { startEmailSweep, type EmailSweep } from "./email-sweep";

const CHECKOUTS = 66;
const SEED = seedFromEnv("EMAIL_CHAOS_SEED");
/** Short enough to finish in seconds; the lease still well over the timeout, as the config demands. */
const CONFIG = { sendTimeoutMs: 800, leaseMs: 5_000, retryBaseMs: 200, maxAttempts: 30 };
const DEADLINE_MS = 90_000;

/** What the sender must have concluded from each of the provider's fates. */
const EXPECTED_OUTCOME: Record<RequestFate, EmailAttemptOutcome | "none"> = {
  accepted: "sent",
  duplicate: "sent",
  error500: "failed",
  hang: "timeout",
  "drop-before": "connection",
  "drop-after": "connection",
  failed: "failed",
  rejected: "none",
};

let fake: FakeResend;
const clients: Db[] = [];
const sweeps: EmailSweep[] = [];

beforeAll(async () => {
  fake = await startFakeResend({ chaos: { rate: 0.3, seed: SEED, hangMs: 3_000 } });
  process.env.RESEND_BASE_URL = fake.url;
});

afterAll(async () => {
  await Promise.all(sweeps.map((s) => s.stop()));
  await Promise.all(clients.map((c) => c.$disconnect()));
  await fake.close();
});

describe(`invoice emails against a provider failing 30 % of requests (seed ${SEED})`, () => {
  it(
    "every invoice email is delivered exactly once, sent with the provider's id, with every failure kind recorded as an attempt",
    async () => {
      // Real checkouts: three sellers (two languages, two currencies), buyers paying from their balance.
      const sellers = [
        await createSeller({ currency: "EUR", invoiceLanguage: "de" }),
        await createSeller({ currency: "USD", invoiceLanguage: "en" }),
        await createSeller({ currency: "EUR", invoiceLanguage: "fr" }),
      ];
      const products = await Promise.all(sellers.map((s) => createProduct(s, { price: 1250n })));
      const buyers = new Map<string, TestBuyer>();
      const invoiceIds: string[] = [];
      for (let i = 0; i < CHECKOUTS; i++) {
        const seller = sellers[i % sellers.length]!;
        const buyerKey = `${seller.currency}:${i % 6}`;
        if (!buyers.has(buyerKey)) buyers.set(buyerKey, await createBuyer(seller.currency));
        const done = await checkout(buyers.get(buyerKey)!, [{ productId: products[i % sellers.length]!, quantity: 1 + (i % 3) }]);
        invoiceIds.push(done.invoiceId);
      }
      const messages = await db().emailOutbox.findMany({ where: { invoiceId: { in: invoiceIds } } });
      expect(messages).toHaveLength(CHECKOUTS);
      expect(await db().emailOutbox.count()).toBe(CHECKOUTS);

      // Two workers: each its own connection pool and its own sweep loop, as in two processes.
      const sweepLog: string[] = [];
      const started = performance.now();
      for (const worker of ["worker-1", "worker-2"]) {
        const prisma = createDb(process.env.DATABASE_URL!, 4);
        clients.push(prisma);
        sweeps.push(
          startEmailSweep({ prisma, intervalMs: 100, concurrency: 3, delivery: { apiKey: "re_test", config: CONFIG, worker }, log: (line) => sweepLog.push(`${worker}: ${line}`) }),
        );
      }
      const deadline = Date.now() + DEADLINE_MS;
      let unsent = CHECKOUTS;
      while (Date.now() < deadline) {
        unsent = await db().emailOutbox.count({ where: { status: { not: "sent" } } });
        if (unsent === 0) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const secondsToDrain = (performance.now() - started) / 1000;
      await Promise.all(sweeps.map((s) => s.stop()));
      expect(unsent, `messages still unsent after ${DEADLINE_MS / 1000} s`).toBe(0);
      expect(sweepLog).toEqual([]);

      const rows = await db().emailOutbox.findMany({ orderBy: { id: "asc" } });
      const attempts = await db().emailDeliveryAttempt.findMany({ orderBy: { id: "asc" } });
      expect(rows.length).toBe(CHECKOUTS);
      expect(attempts.length).toBeGreaterThanOrEqual(CHECKOUTS);

      // The provider delivered each invoice's email exactly once, and nothing the outbox doesn't know.
      const keys = new Set(rows.map((r) => r.idempotencyKey));
      expect(new Set(invoiceIds.map((id) => `invoice-email/${id}`))).toEqual(keys);
      expect(fake.delivered.map((r) => r.headers["idempotency-key"]).sort()).toEqual([...keys].sort());
      for (const r of fake.requests) expect(keys.has(r.headers["idempotency-key"]!), `unknown key ${r.headers["idempotency-key"]}`).toBe(true);

      for (const row of rows) {
        const key = row.idempotencyKey;
        // Sent, with the id the provider gave this key.
        expect(row).toMatchObject({ status: "sent", leaseToken: null, lastError: null });
        expect(row.providerMessageId).toBe(fake.idByKey.get(key));
        expect(fake.acceptedByKey.get(key)).toBeGreaterThanOrEqual(1);
        // The attempt history, request for request: the provider saw exactly the attempts recorded,
        // in the same order, and each ended the way that request's fate means.
        const requests = fake.requestsFor(key);
        const mine = attempts.filter((a) => a.outboxId === row.id);
        expect(mine.map((a) => a.attempt)).toEqual(mine.map((_, i) => i + 1));
        expect(row.attempts).toBe(mine.length);
        expect(mine.map((a) => a.outcome)).toEqual(requests.map((r) => EXPECTED_OUTCOME[r.fate]));
        expect(mine.filter((a) => a.outcome === "sent").map((a) => a.providerMessageId)).toEqual([row.providerMessageId]);
        for (const a of mine) {
          expect(a.finishedAt, `attempt ${a.id} unfinished`).not.toBeNull();
          expect(a.idempotencyKey).toBe(key);
          if (a.outcome !== "sent") expect(a.error).toBeTruthy();
        }
        // One delivery per key: the first acceptance (possibly never answered: drop-after); every later
        // request with the key, dropped after acceptance or answered, is served from the provider's
        // idempotency record and not sent again. Exactly one request got an answer with the id.
        expect(requests.filter((r) => r.newDelivery)).toHaveLength(1);
        const fates = requests.map((r) => r.fate);
        expect(fates.filter((f) => f === "accepted" || f === "duplicate")).toHaveLength(1);
      }

      // Every failure kind actually happened, both workers sent, and duplicates were suppressed.
      const fates = fake.fates();
      for (const kind of CHAOS_KINDS) expect(fates[kind], `failure kind ${kind} never occurred`).toBeGreaterThan(0);
      expect(fake.duplicatesSuppressed).toBe(fates["drop-after"]);
      const byWorker = new Map<string, number>();
      for (const a of attempts) byWorker.set(a.worker.split("@")[0]!, (byWorker.get(a.worker.split("@")[0]!) ?? 0) + 1);
      expect(byWorker.get("worker-1")).toBeGreaterThan(0);
      expect(byWorker.get("worker-2")).toBeGreaterThan(0);

      const outcomes = Object.fromEntries(["sent", "failed", "timeout", "connection"].map((o) => [o, attempts.filter((a) => a.outcome === o).length]));
      console.log(
        `[email chaos] seed ${SEED}: ${rows.length} emails sent in ${secondsToDrain.toFixed(1)} s; ${fake.requests.length} provider requests ` +
          `(${JSON.stringify(fates)}); attempts ${JSON.stringify(outcomes)}; by worker ${JSON.stringify(Object.fromEntries(byWorker))}; ` +
          `duplicates suppressed ${fake.duplicatesSuppressed}; most attempts for one email ${Math.max(...rows.map((r) => r.attempts))}`,
      );
    },
    150_000,
  );
});
