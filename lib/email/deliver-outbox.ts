// Delivering queued emails from the outbox (written in the same database transaction as what they
// announce). Plain functions a job calls with ids only — they re-read everything from the database:
//   deliverOutboxMessage(id)   one message
//   deliverDueMessages(limit)  the pending messages whose next attempt is due
//
// - Without RESEND_API_KEY nothing is sent: messages stay `pending` (no attempt counted) and
//   /admin/emails shows them rendered.
// - Sending goes through the Resend SDK with the message's idempotency key
//   (`invoice-email/<invoiceId>`, `password-reset/<tokenId>`), so a retry after a lost response
//   never sends twice.
// - Each kind is rendered at delivery time (render-outbox-message.ts): an invoice from its invoice
//   row, a password reset from its sealed link. A reset link that was used, replaced or expired
//   before it could be sent is not sent: the message ends `failed` with the reason, no retries.
// - A message is leased before sending (`next_attempt_at` pushed forward in a guarded UPDATE), so
//   two workers never send the same message at once.
// - Failures are recorded (attempts, last error) and retried with exponential backoff; after
//   MAX_ATTEMPTS the message is `failed` until an admin resends it.
import { Resend } from "resend";
import type { Db } from "../db/client";
import { ObsoleteMessageError, renderOutboxMessage } from "./render-outbox-message";

export const MAX_ATTEMPTS = 6;
const LEASE_MS = 5 * 60_000;

/** 30 s, 1 min, 2 min, … capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export type DeliveryOutcome = "sent" | "already_sent" | "not_configured" | "not_due" | "retry" | "failed" | "obsolete";

export interface DeliveryOptions {
  now?: Date;
  apiKey?: string | undefined;
  from?: string;
}

export async function deliverOutboxMessage(prisma: Db, id: string, options: DeliveryOptions = {}): Promise<DeliveryOutcome> {
  const apiKey = "apiKey" in options ? options.apiKey : process.env.RESEND_API_KEY;
  const now = options.now ?? new Date();
  const message = await prisma.emailOutbox.findUnique({ where: { id } });
  if (!message) throw new Error(`outbox message ${id} does not exist`);
  if (message.status === "sent") return "already_sent";
  if (!apiKey) return "not_configured";
  const leased = await prisma.emailOutbox.updateMany({
    where: { id, status: { not: "sent" }, nextAttemptAt: { lte: now } },
    data: { nextAttemptAt: new Date(now.getTime() + LEASE_MS) },
  });
  if (leased.count === 0) return "not_due";

  try {
    const rendered = await renderOutboxMessage(prisma, message);
    const resend = new Resend(apiKey);
    const { data, error } = await resend.emails.send(
      {
        from: options.from ?? process.env.EMAIL_FROM ?? "Countinghouse <invoices@countinghouse.test>",
        to: [message.toEmail],
        subject: message.subject,
        html: rendered.html,
        text: rendered.text,
        ...(rendered.attachments.length > 0 ? { attachments: rendered.attachments } : {}),
      },
      { idempotencyKey: message.idempotencyKey },
    );
    if (error || !data) throw new Error(error ? `${error.name}: ${error.message}` : "provider returned no message id");
    await prisma.emailOutbox.update({
      where: { id },
      data: { status: "sent", sentAt: new Date(), providerMessageId: data.id, attempts: { increment: 1 }, lastError: null },
    });
    return "sent";
  } catch (error) {
    if (error instanceof ObsoleteMessageError) {
      await prisma.emailOutbox.update({ where: { id }, data: { status: "failed", lastError: error.message, nextAttemptAt: now } });
      return "obsolete";
    }
    const attempts = message.attempts + 1;
    const failed = attempts >= MAX_ATTEMPTS;
    await prisma.emailOutbox.update({
      where: { id },
      data: {
        attempts,
        lastError: String(error instanceof Error ? error.message : error).slice(0, 1000),
        status: failed ? "failed" : "pending",
        nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)),
      },
    });
    return failed ? "failed" : "retry";
  }
}

/** Delivers up to `limit` due messages, oldest due first; returns how each went. */
export async function deliverDueMessages(prisma: Db, limit = 20, options: DeliveryOptions = {}): Promise<Record<DeliveryOutcome, number>> {
  const now = options.now ?? new Date();
  const due = await prisma.emailOutbox.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true },
  });
  const counts: Record<DeliveryOutcome, number> = { sent: 0, already_sent: 0, not_configured: 0, not_due: 0, retry: 0, failed: 0, obsolete: 0 };
  for (const { id } of due) counts[await deliverOutboxMessage(prisma, id, { ...options, now })] += 1;
  return counts;
}

/**
 * Admin "resend": a failed or pending message becomes due now (attempts reset). A message already
 * sent is re-sent under a new idempotency key (`…/resend-N`), since the provider would otherwise
 * answer the original key with the original message.
 */
export async function requeueMessage(prisma: Db, id: string): Promise<void> {
  const message = await prisma.emailOutbox.findUnique({ where: { id } });
  if (!message) throw new Error(`outbox message ${id} does not exist`);
  const base = message.idempotencyKey.replace(/\/resend-\d+$/, "");
  const resends = Number(/\/resend-(\d+)$/.exec(message.idempotencyKey)?.[1] ?? 0);
  await prisma.emailOutbox.update({
    where: { id },
    data: {
      status: "pending",
      sentAt: null,
      attempts: 0,
      nextAttemptAt: new Date(),
      ...(message.status === "sent" ? { idempotencyKey: `${base}/resend-${resends + 1}` } : {}),
    },
  });
}
