// Email under failure in the bank test (issue 9, part 6). startBankEmail() starts a fake Resend
// that fails 30 % of requests (HTTP 500, hangs, connections dropped before and after accepting;
// scripts/test/fake-resend.ts) and returns the environment the app instances and the job worker
// need to send through it, with timeouts, leases and backoff short enough for a run of seconds.
// Every checkout's invoice email then goes through it: first right after the checkout answers
// (from the app instance, which faults may kill mid-send), then through the worker's sweep.
//
// checkBankEmail() runs after the run: it waits until no message is pending (or the deadline
// passes), then checks that every invoice has exactly one outbox message, each one `sent` with the
// provider's id for its key, that the provider delivered each key exactly once, and that it
// delivered nothing the outbox doesn't know.
import type pg from "pg";
import { CHAOS_KINDS, startFakeResend, type ChaosKind, type FakeResend } from "../test/fake-resend";

export interface BankEmail {
  /** Merge into the app instances' and the worker's environment. */
  env: Record<string, string>;
  fake: FakeResend;
}

export interface BankEmailFigures {
  messages: number;
  sent: number;
  /** Delivery attempts recorded (email_delivery_attempts), and those whose sender never finished them (killed mid-send). */
  attempts: number;
  unfinishedAttempts: number;
  attemptOutcomes: Record<string, number>;
  providerRequests: number;
  /** The fake's injected failures, per kind. */
  failuresByKind: Record<ChaosKind, number>;
  /** Retries the provider answered from its idempotency record instead of sending again. */
  duplicatesSuppressed: number;
  /** From the end of the run until no message was pending (null: the deadline passed first). */
  secondsToDrain: number | null;
}

export const BANK_EMAIL_FAILURE_RATE = 0.3;

export async function startBankEmail(seed: number): Promise<BankEmail> {
  const fake = await startFakeResend({ chaos: { rate: BANK_EMAIL_FAILURE_RATE, seed: seed ^ 0xe3a1, hangMs: 4_000 } });
  return {
    fake,
    env: {
      RESEND_API_KEY: "re_bank_fake",
      RESEND_BASE_URL: fake.url,
      // A hang (4 s) outlasts the timeout, so hangs end as timeouts; the lease outlasts the timeout.
      EMAIL_SEND_TIMEOUT_SECONDS: "2",
      EMAIL_LEASE_SECONDS: "5",
      EMAIL_RETRY_BASE_SECONDS: "0.5",
      EMAIL_SWEEP_SECONDS: "1",
      // At 30 % failures six attempts are not enough for a few hundred emails (0.3^6 ≈ 1 in 1,400
      // gives up), and a killed sender's attempt counts too; the check demands every email sent.
      EMAIL_MAX_ATTEMPTS: "30",
    },
  };
}

export async function checkBankEmail(options: { pool: pg.Pool; fake: FakeResend; violation: (message: string) => void; deadlineMs: number }): Promise<BankEmailFigures> {
  const { pool, fake, violation } = options;
  const started = performance.now();
  const deadline = Date.now() + options.deadlineMs;
  let pending = -1;
  for (;;) {
    try {
      pending = Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM email_outbox WHERE status = 'pending'`)).rows[0]!.n);
    } catch {
      // the database restarting after a fault: ask again
    }
    if (pending === 0 || Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const secondsToDrain = pending === 0 ? (performance.now() - started) / 1000 : null;
  if (pending !== 0) violation(`email: ${pending} outbox message(s) still pending ${options.deadlineMs / 1000} s after the run`);

  const perInvoice = await pool.query<{ invoice_id: string; n: number }>(
    `SELECT i.id AS invoice_id, count(e.id)::int AS n FROM invoices i LEFT JOIN email_outbox e ON e.invoice_id = i.id GROUP BY i.id`,
  );
  for (const r of perInvoice.rows) if (r.n !== 1) violation(`email: invoice ${r.invoice_id} has ${r.n} outbox messages, not 1`);

  const rows = (
    await pool.query<{ id: string; key: string; status: string; provider_message_id: string | null; invoice_id: string | null }>(
      `SELECT id, idempotency_key AS key, status::text AS status, provider_message_id, invoice_id FROM email_outbox`,
    )
  ).rows;
  if (rows.length === 0) violation("email: no outbox message to check (no checkout completed)");
  const deliveredByKey = new Map<string, number>();
  for (const d of fake.delivered) {
    const key = d.headers["idempotency-key"];
    if (!key) violation(`email: the provider delivered an email without an idempotency key (to ${String(d.body.to)})`);
    else deliveredByKey.set(key, (deliveredByKey.get(key) ?? 0) + 1);
  }
  const keys = new Set(rows.map((r) => r.key));
  for (const row of rows) {
    if (row.status !== "sent") violation(`email: outbox message ${row.id} (${row.key}) is ${row.status}, not sent`);
    const delivered = deliveredByKey.get(row.key) ?? 0;
    if (delivered !== 1) violation(`email: ${row.key} was delivered by the provider ${delivered} times, not once`);
    if (row.status === "sent" && row.provider_message_id !== fake.idByKey.get(row.key)) {
      violation(`email: ${row.key} records provider id ${row.provider_message_id}, the provider gave it ${fake.idByKey.get(row.key)}`);
    }
  }
  for (const key of deliveredByKey.keys()) if (!keys.has(key)) violation(`email: the provider delivered ${key}, which no outbox message has`);

  const attemptRows = (
    await pool.query<{ outcome: string | null; n: number }>(`SELECT outcome::text AS outcome, count(*)::int AS n FROM email_delivery_attempts GROUP BY outcome`)
  ).rows;
  const fates = fake.fates();
  return {
    messages: rows.length,
    sent: rows.filter((r) => r.status === "sent").length,
    attempts: attemptRows.reduce((n, r) => n + r.n, 0),
    unfinishedAttempts: attemptRows.find((r) => r.outcome === null)?.n ?? 0,
    attemptOutcomes: Object.fromEntries(attemptRows.map((r) => [r.outcome ?? "unfinished", r.n])),
    providerRequests: fake.requests.length,
    failuresByKind: Object.fromEntries(CHAOS_KINDS.map((k) => [k, fates[k]])) as Record<ChaosKind, number>,
    duplicatesSuppressed: fake.duplicatesSuppressed,
    secondsToDrain,
  };
}
