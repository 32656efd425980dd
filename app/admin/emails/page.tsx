import type { Metadata } from "next";
import { formatDateTime } from "@/app/_components/format-date";
import { requireAdmin } from "@/lib/auth/require-user";
import { loadCommercePage } from "../_components/commerce-page";
import { EmailsTable, type EmailView } from "../_components/commerce-tables";

export const metadata: Metadata = { title: "Admin · Emails" };
const PATH = "/admin/emails";

interface Row extends Record<string, unknown> {
  id: string;
  to_email: string;
  subject: string;
  status: string;
  attempts: number;
  last_error: string | null;
  provider_message_id: string | null;
  next_attempt_at: Date;
  leased: boolean;
  created_at: Date;
  invoice_number: string | null;
}

export default async function AdminEmailsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const configured = Boolean(process.env.RESEND_API_KEY);
  const data = await loadCommercePage<Row>(
    "emails",
    PATH,
    "Emails",
    configured ? "The email outbox: every message, its delivery attempts, the last error, when it is tried next and the provider's message id. Open one for its attempt history." : "RESEND_API_KEY is not set: messages stay here unsent. Open one to see it rendered.",
    await searchParams,
  );
  const rows: EmailView[] = data.rows.map((r) => ({
    id: r.id,
    to: r.to_email,
    subject: r.subject,
    status: r.status,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    providerMessageId: r.provider_message_id,
    // Pending: when it is due, or while a sender holds it, when that sender's lease ends.
    nextAttempt: r.status === "pending" ? formatDateTime(r.next_attempt_at) : null,
    nextAttemptIso: r.next_attempt_at.toISOString(),
    leased: r.leased,
    createdAt: formatDateTime(r.created_at),
    invoiceNumber: r.invoice_number,
  }));
  return data.frame(<EmailsTable rows={rows} pathname={PATH} values={data.values} sort={data.sort} size={data.size} pageSizes={data.pageSizes} />);
}
