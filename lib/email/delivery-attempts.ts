// The delivery history of one outbox message as /admin/emails/[id] shows it: every attempt
// (email_delivery_attempts) oldest first, with what became of it. An attempt without a recorded
// end is either still running (it holds the message's current, unexpired lease) or unfinished: its
// sender stopped mid-send (killed, crashed, lost its database) and the message was or will be
// retried under the same idempotency key once the lease ended.
import type { Db } from "../db/client";
import type { EmailAttemptOutcome, EmailOutbox } from "../db/generated/client";

export type AttemptState = EmailAttemptOutcome | "in_progress" | "unfinished";

export interface DeliveryAttemptView {
  id: string;
  attempt: number;
  idempotencyKey: string;
  worker: string;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  state: AttemptState;
  error: string | null;
  providerMessageId: string | null;
}

interface AttemptRow {
  finishedAt: Date | null;
  outcome: EmailAttemptOutcome | null;
  leaseToken: string;
}

export function attemptState(attempt: AttemptRow, message: { leaseToken: string | null; nextAttemptAt: Date }, now: Date): AttemptState {
  if (attempt.outcome) return attempt.outcome;
  // While a sender holds the lease, next_attempt_at is when that lease ends.
  return attempt.leaseToken === message.leaseToken && message.nextAttemptAt > now ? "in_progress" : "unfinished";
}

/**
 * The message and its attempts from one snapshot (REPEATABLE READ), so a page never shows a message
 * still being sent beside the attempt that has meanwhile sent it.
 */
export async function loadMessageWithAttempts(prisma: Db, id: string, now = new Date()): Promise<{ message: EmailOutbox; attempts: DeliveryAttemptView[] } | null> {
  const [message, rows] = await prisma.$transaction(
    [prisma.emailOutbox.findUnique({ where: { id } }), prisma.emailDeliveryAttempt.findMany({ where: { outboxId: id }, orderBy: { id: "asc" } })],
    { isolationLevel: "RepeatableRead" },
  );
  return message ? { message, attempts: rows.map((r) => view(r, message, now)) } : null;
}

function view(
  r: AttemptRow & { id: bigint; attempt: number; idempotencyKey: string; worker: string; startedAt: Date; error: string | null; providerMessageId: string | null },
  message: { leaseToken: string | null; nextAttemptAt: Date },
  now: Date,
): DeliveryAttemptView {
  return {
    id: String(r.id),
    attempt: r.attempt,
    idempotencyKey: r.idempotencyKey,
    worker: r.worker,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
    state: attemptState(r, message, now),
    error: r.error,
    providerMessageId: r.providerMessageId,
  };
}
