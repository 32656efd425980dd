// Delivering queued emails from the outbox (written in the same database transaction as what they
// announce). Plain functions a job calls with ids only — they re-read everything from the database:
//   deliverOutboxMessage(id)   one message
//   deliverDueMessages(limit)  the pending messages whose next attempt is due
//
// - Without RESEND_API_KEY nothing is sent: messages stay `pending` (no attempt counted) and
//   /admin/emails shows them rendered.
// - Sending goes through the Resend SDK with the message's idempotency key
//   (`invoice-email/<invoiceId>`, `password-reset/<tokenId>`), so a retry after a lost response —
//   a timeout, a dropped connection, a sender killed mid-send — never sends twice.
// - Each kind is rendered at delivery time (render-outbox-message.ts): an invoice from its invoice
//   row, a password reset from its sealed link. A reset link that was used, replaced or expired
//   before it could be sent is not sent: the message ends `failed` with the reason, no retries.
// - An attempt starts by leasing the message: one statement pushes next_attempt_at to the lease's
//   end, sets a fresh lease_token, counts the attempt and inserts its email_delivery_attempts row.
//   Two senders never hold a message at once; a sender that dies mid-send leaves the message
//   leased (and its attempt row unfinished) until the lease ends, then any sender retries it under
//   the same idempotency key.
// - Each provider call is aborted after EMAIL_SEND_TIMEOUT_SECONDS (the SDK's fetch has no timeout
//   of its own; it passes the request options' AbortSignal on to fetch). The lease outlasts it
//   (delivery-config.ts).
// - The result is recorded in one transaction with the attempt row's outcome. A failure only under
//   the lease it was sent under (WHERE lease_token = mine): a sender whose lease ran out while it
//   waited on the provider cannot overwrite what a later sender recorded. A success under the
//   idempotency key it was sent with, lease or not: the provider has the message under that key,
//   so the message is sent whoever recorded it.
// - Failures are retried with exponential backoff (EMAIL_RETRY_BASE_SECONDS doubling, capped at an
//   hour); after EMAIL_MAX_ATTEMPTS the message is `failed` until an admin resends it.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { Resend } from "resend";
import type { Db } from "../db/client";
import type { EmailAttemptOutcome, EmailOutbox } from "../db/generated/client";
import { AppError } from "../errors/app-error";
import { isRecordId } from "../validation/record-id";
import { backoffMs, checkDeliveryConfig, emailDeliveryConfig, type EmailDeliveryConfig } from "./delivery-config";
import { ObsoleteMessageError, renderOutboxMessage, type RenderedMessage } from "./render-outbox-message";

export { backoffMs } from "./delivery-config";

export type DeliveryOutcome =
  | "sent"
  | "already_sent"
  | "not_configured"
  | "not_due"
  | "retry"
  | "failed"
  | "obsolete"
  /** This attempt's lease was taken over (it ran out, or an admin requeued): its result is only in its attempt row. */
  | "superseded";

export const DELIVERY_OUTCOMES: readonly DeliveryOutcome[] = ["sent", "already_sent", "not_configured", "not_due", "retry", "failed", "obsolete", "superseded"];

export interface DeliveryOptions {
  /** The clock for what is due, the lease's end and the backoff (tests move it); default the real one. */
  now?: Date;
  apiKey?: string | undefined;
  from?: string;
  /** Overrides of the environment's timing (delivery-config.ts). */
  config?: Partial<EmailDeliveryConfig>;
  /** Which path sends ("sweep", "job", "after-checkout", "admin-resend" …), recorded on the attempt with host and pid. */
  worker?: string;
}

interface AttemptResult {
  outcome: EmailAttemptOutcome;
  error: string | null;
  providerMessageId: string | null;
}

const clip = (text: string) => text.slice(0, 1000);
const describe = (error: unknown) => clip(error instanceof Error ? `${error.name}: ${error.message}` : String(error));

export function deliveryConfig(options: DeliveryOptions = {}): EmailDeliveryConfig {
  return checkDeliveryConfig({ ...emailDeliveryConfig(), ...options.config });
}

export async function deliverOutboxMessage(prisma: Db, id: string, options: DeliveryOptions = {}): Promise<DeliveryOutcome> {
  const apiKey = "apiKey" in options ? options.apiKey : process.env.RESEND_API_KEY;
  const config = deliveryConfig(options);
  const clock = () => options.now ?? new Date();
  const message = await prisma.emailOutbox.findUnique({ where: { id } });
  if (!message) throw new Error(`outbox message ${id} does not exist`);
  if (message.status === "sent") return "already_sent";
  if (!apiKey) return "not_configured";
  const now = clock();
  if (message.status !== "pending" || message.nextAttemptAt > now) return "not_due";

  if (message.attempts >= config.maxAttempts) {
    // Only reachable when the last allowed attempt never finished (a recorded failure at the limit
    // marks the message failed at once): its sender stopped mid-send and its lease has run out.
    const gaveUp = await prisma.emailOutbox.updateMany({
      where: { id, status: "pending", attempts: message.attempts, nextAttemptAt: { lte: now } },
      data: { status: "failed", leaseToken: null, lastError: `Gave up after ${message.attempts} attempts; the last one never finished (its sender stopped mid-send).` },
    });
    return gaveUp.count > 0 ? "failed" : "not_due";
  }

  const lease = await takeLease(prisma, message, now, config, options.worker);
  if (!lease) return "not_due";

  let result: AttemptResult;
  try {
    const rendered = await renderOutboxMessage(prisma, message);
    result = await callProvider(apiKey, message, lease.idempotencyKey, rendered, config, options.from);
  } catch (error) {
    result = error instanceof ObsoleteMessageError
      ? { outcome: "obsolete", error: clip(error.message), providerMessageId: null }
      : { outcome: "failed", error: describe(error), providerMessageId: null };
  }
  return recordResult(prisma, message.id, lease, result, config, clock());
}

interface Lease {
  attemptId: bigint;
  attempt: number;
  token: string;
  idempotencyKey: string;
}

/**
 * One statement: lease the message if it is still pending and due (nobody else holds it), count the
 * attempt, and insert the attempt row — so there is never a lease without its attempt row, and a
 * sender killed after this leaves a visible unfinished attempt.
 */
async function takeLease(prisma: Db, message: EmailOutbox, now: Date, config: EmailDeliveryConfig, worker = "direct"): Promise<Lease | null> {
  const token = randomUUID();
  const leaseUntil = new Date(now.getTime() + config.leaseMs);
  const who = `${worker}@${hostname()}:${process.pid}`;
  const rows = await prisma.$queryRaw<{ attempt_id: bigint; attempt: number; idempotency_key: string }[]>`
    WITH leased AS (
      UPDATE email_outbox
         SET next_attempt_at = ${leaseUntil}, lease_token = ${token}::uuid, attempts = attempts + 1
       WHERE id = ${message.id} AND status = 'pending' AND next_attempt_at <= ${now}
      RETURNING id, attempts, idempotency_key
    )
    INSERT INTO email_delivery_attempts (outbox_id, attempt, idempotency_key, lease_token, worker, started_at)
    SELECT id, attempts, idempotency_key, ${token}::uuid, ${who}, clock_timestamp() FROM leased
    RETURNING id AS attempt_id, attempt, idempotency_key`;
  const row = rows[0];
  return row ? { attemptId: row.attempt_id, attempt: row.attempt, token, idempotencyKey: row.idempotency_key } : null;
}

/**
 * One provider call, bounded by the send timeout. The SDK turns every network failure (refused,
 * reset, closed before an answer, aborted) into `{ error: { statusCode: null } }` without the cause,
 * so the abort signal tells a timeout from a connection failure.
 */
async function callProvider(
  apiKey: string,
  message: EmailOutbox,
  idempotencyKey: string,
  rendered: RenderedMessage,
  config: EmailDeliveryConfig,
  from?: string,
): Promise<AttemptResult> {
  const signal = AbortSignal.timeout(config.sendTimeoutMs);
  const timedOut = (): AttemptResult => ({ outcome: "timeout", error: `No answer from the provider within ${config.sendTimeoutMs / 1000} s (EMAIL_SEND_TIMEOUT_SECONDS)`, providerMessageId: null });
  try {
    const { data, error } = await new Resend(apiKey).emails.send(
      {
        from: from ?? process.env.EMAIL_FROM ?? "Countinghouse <invoices@countinghouse.test>",
        to: [message.toEmail],
        subject: message.subject,
        html: rendered.html,
        text: rendered.text,
        ...(rendered.attachments.length > 0 ? { attachments: rendered.attachments } : {}),
      },
      { idempotencyKey, signal },
    );
    if (data?.id && !error) return { outcome: "sent", error: null, providerMessageId: data.id };
    if (signal.aborted) return timedOut();
    if (error && error.statusCode === null) {
      return { outcome: "connection", error: clip(`Connection failed or dropped before an answer (${error.name}: ${error.message})`), providerMessageId: null };
    }
    const text = error ? `${error.name}: ${error.message}${error.statusCode ? ` (HTTP ${error.statusCode})` : ""}` : "The provider returned no message id";
    return { outcome: "failed", error: clip(text), providerMessageId: null };
  } catch (error) {
    if (signal.aborted) return timedOut();
    return { outcome: "failed", error: describe(error), providerMessageId: null };
  }
}

/** The attempt row's outcome and the message's new state, in one transaction. */
async function recordResult(prisma: Db, id: string, lease: Lease, result: AttemptResult, config: EmailDeliveryConfig, now: Date): Promise<DeliveryOutcome> {
  const finishAttempt = prisma.$executeRaw`
    UPDATE email_delivery_attempts
       SET finished_at = clock_timestamp(), outcome = ${result.outcome}::"EmailAttemptOutcome", error = ${result.error}, provider_message_id = ${result.providerMessageId}
     WHERE id = ${lease.attemptId} AND finished_at IS NULL`;

  if (result.outcome === "sent") {
    // Keyed on the idempotency key, not the lease: whoever holds the message now, the provider has
    // it under this key, and any later attempt would get this same id back.
    const [, updated] = await prisma.$transaction([
      finishAttempt,
      prisma.emailOutbox.updateMany({
        where: { id, idempotencyKey: lease.idempotencyKey, status: { not: "sent" } },
        data: { status: "sent", sentAt: new Date(), providerMessageId: result.providerMessageId, lastError: null, leaseToken: null },
      }),
    ]);
    return updated.count > 0 ? "sent" : "superseded";
  }

  if (result.outcome === "obsolete") {
    const [, updated] = await prisma.$transaction([
      finishAttempt,
      prisma.emailOutbox.updateMany({
        where: { id, leaseToken: lease.token },
        data: { status: "failed", lastError: result.error, nextAttemptAt: now, leaseToken: null },
      }),
    ]);
    return updated.count > 0 ? "obsolete" : "superseded";
  }

  const giveUp = lease.attempt >= config.maxAttempts;
  const [, updated] = await prisma.$transaction([
    finishAttempt,
    // Only under our own lease: if it ran out while we waited and another sender took the message
    // (and perhaps sent it), this changes nothing.
    prisma.emailOutbox.updateMany({
      where: { id, leaseToken: lease.token },
      data: {
        status: giveUp ? "failed" : "pending",
        lastError: result.error,
        nextAttemptAt: new Date(now.getTime() + backoffMs(lease.attempt, config.retryBaseMs)),
        leaseToken: null,
      },
    }),
  ]);
  if (updated.count === 0) return "superseded";
  return giveUp ? "failed" : "retry";
}

export type DeliveryCounts = Record<DeliveryOutcome | "error", number>;

/**
 * Delivers up to `limit` due messages, oldest due first, `concurrency` at a time; returns how each
 * went. A message whose delivery throws (the database went away mid-attempt) is counted as `error`
 * and the others still go; the first such error is thrown at the end so the caller sees it.
 */
export async function deliverDueMessages(prisma: Db, limit = 20, options: DeliveryOptions & { concurrency?: number } = {}): Promise<DeliveryCounts> {
  const due = await prisma.emailOutbox.findMany({
    where: { status: "pending", nextAttemptAt: { lte: options.now ?? new Date() } },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  const counts = Object.fromEntries([...DELIVERY_OUTCOMES, "error"].map((o) => [o, 0])) as DeliveryCounts;
  const errors: unknown[] = [];
  let next = 0;
  // Each message is leased with its own clock reading (options.now aside): a batch whose early
  // messages time out must not lease later ones with a lease end computed before it started.
  const lane = async () => {
    while (next < due.length) {
      const { id } = due[next++]!;
      try {
        counts[await deliverOutboxMessage(prisma, id, options)] += 1;
      } catch (error) {
        counts.error += 1;
        errors.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 1, due.length)) }, lane));
  if (errors.length > 0) {
    throw new Error(`${errors.length} of ${due.length} deliveries failed with an error (${JSON.stringify(counts)}); first: ${describe(errors[0])}`, { cause: errors[0] });
  }
  return counts;
}

/**
 * Admin "resend": a failed or pending message becomes due now (attempts reset, any lease dropped:
 * a sender still holding it can then record a success, never a failure). A message already sent is
 * re-sent under a new idempotency key (`…/resend-N`), since the provider would otherwise answer the
 * original key with the original message.
 */
export async function requeueMessage(prisma: Db, id: string): Promise<void> {
  const message = isRecordId(id) ? await prisma.emailOutbox.findUnique({ where: { id } }) : null;
  // An admin's form names the message: a wrong id is their answer to read, not a crash.
  if (!message) throw new AppError("not_found", "This email does not exist.");
  const base = message.idempotencyKey.replace(/\/resend-\d+$/, "");
  const resends = Number(/\/resend-(\d+)$/.exec(message.idempotencyKey)?.[1] ?? 0);
  await prisma.emailOutbox.update({
    where: { id },
    data: {
      status: "pending",
      sentAt: null,
      attempts: 0,
      nextAttemptAt: new Date(),
      leaseToken: null,
      ...(message.status === "sent" ? { idempotencyKey: `${base}/resend-${resends + 1}` } : {}),
    },
  });
}
