import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/app/_components/button-class";
import { Card } from "@/app/_components/card";
import { formatDateTime } from "@/app/_components/format-date";
import { PageHeader } from "@/app/_components/page-header";
import { requireAdmin } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { loadMessageWithAttempts, type AttemptState, type DeliveryAttemptView } from "@/lib/email/delivery-attempts";
import { renderInvoiceEmailBody } from "@/lib/email/render-invoice-email";
import { resolveInvoice } from "@/lib/invoicing/resolve-invoice";
import { resendEmailAction } from "../actions";

export const metadata: Metadata = { title: "Admin · Email" };

export default async function AdminEmailPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const loaded = await loadMessageWithAttempts(db(), (await params).id);
  if (!loaded) notFound();
  const { message, attempts } = loaded;
  const body = message.invoiceId ? await renderInvoiceEmailBody(await resolveInvoice(db(), message.invoiceId)) : null;
  // A lease that has run out belongs to a sender that stopped: the message is simply due again.
  const sending = message.leaseToken !== null && message.nextAttemptAt > new Date();
  return (
    <>
      <PageHeader title={message.subject} description={`To ${message.toEmail} · ${message.status} · ${message.attempts} attempts · queued ${formatDateTime(message.createdAt)}`} actions={<Link href="/admin/emails" className={buttonClass("secondary")}>All emails</Link>} />
      <div className="space-y-6">
        <Card title="Delivery">
          <dl className="grid gap-2 text-sm sm:grid-cols-2">
            <div><dt className="font-medium">Idempotency key</dt><dd className="break-all font-mono text-xs">{message.idempotencyKey}</dd></div>
            <div><dt className="font-medium">Provider message id</dt><dd className="break-all font-mono text-xs">{message.providerMessageId ?? "—"}</dd></div>
            <div><dt className="font-medium">{sending ? "Being sent; lease ends" : "Next attempt"}</dt><dd>{message.status === "pending" ? formatDateTime(message.nextAttemptAt) : "—"}</dd></div>
            <div><dt className="font-medium">Last error</dt><dd className="break-words text-red-700">{message.lastError ?? "—"}</dd></div>
          </dl>
          <form action={resendEmailAction} className="mt-4">
            <input type="hidden" name="id" value={message.id} />
            <button type="submit" className={buttonClass("primary")}>Resend</button>
          </form>
        </Card>
        <Card title="Attempts" description="Every delivery attempt, oldest first: who sent it, how long the provider took and what came back. An unfinished attempt is one whose sender stopped mid-send; the message is retried under the same idempotency key once its lease ends.">
          <AttemptTimeline attempts={attempts} currentKey={message.idempotencyKey} />
        </Card>
        {body ? (
          <>
            <Card title="As rendered (HTML)">
              <iframe title="Rendered email" srcDoc={body.html} sandbox="" className="h-[36rem] w-full rounded ring-1 ring-slate-200" />
            </Card>
            <Card title="Plain text">
              <pre className="whitespace-pre-wrap break-words text-xs">{body.text}</pre>
            </Card>
          </>
        ) : message.kind === "password-reset" ? (
          <Card title="Contents">
            {/* The link is a credential: it is stored sealed (lib/email/sealed-payload.ts) and rendered only to send it. */}
            <p className="text-sm text-slate-700">A single-use password-reset link. It is stored sealed and is not shown here.</p>
          </Card>
        ) : null}
      </div>
    </>
  );
}

const STATE_TONE: Record<AttemptState, string> = {
  sent: "bg-emerald-50 text-emerald-800",
  failed: "bg-red-50 text-red-800",
  timeout: "bg-red-50 text-red-800",
  connection: "bg-red-50 text-red-800",
  obsolete: "bg-slate-100 text-slate-700",
  in_progress: "bg-sky-50 text-sky-800",
  unfinished: "bg-amber-50 text-amber-800",
};

const STATE_LABEL: Record<AttemptState, string> = {
  sent: "sent",
  failed: "failed",
  timeout: "timeout",
  connection: "connection lost",
  obsolete: "not sent (obsolete)",
  in_progress: "in progress",
  unfinished: "unfinished",
};

/** Seconds matter between attempts that are seconds apart. */
function timeWithSeconds(date: Date): string {
  return `${new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }).format(date)} UTC`;
}

function AttemptTimeline({ attempts, currentKey }: { attempts: DeliveryAttemptView[]; currentKey: string }) {
  if (attempts.length === 0) return <p className="text-sm text-slate-600">No delivery attempt yet.</p>;
  return (
    <ol className="divide-y divide-slate-100 text-sm" data-testid="email-attempts">
      {attempts.map((a) => (
        <li key={a.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 py-2" data-testid="email-attempt">
          <span className="font-medium tabular-nums">#{a.attempt}</span>
          <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATE_TONE[a.state]}`}>{STATE_LABEL[a.state]}</span>
          <time dateTime={a.startedAt.toISOString()} className="text-slate-700">{timeWithSeconds(a.startedAt)}</time>
          <span className="tabular-nums text-slate-600">{a.durationMs === null ? "no result recorded" : `${a.durationMs} ms`}</span>
          <span className="break-all font-mono text-xs text-slate-500" title="Sent by (path@host:pid)">{a.worker}</span>
          {a.idempotencyKey !== currentKey ? <span className="break-all font-mono text-xs text-slate-500">key {a.idempotencyKey} (before a resend)</span> : null}
          {a.providerMessageId ? <span className="break-all font-mono text-xs text-slate-700">provider id {a.providerMessageId}</span> : null}
          {a.error ? <span className="w-full break-words font-mono text-xs text-red-700">{a.error}</span> : null}
          {a.state === "unfinished" ? <span className="w-full text-xs text-amber-800">Its sender stopped before recording a result (killed or crashed mid-send).</span> : null}
        </li>
      ))}
    </ol>
  );
}
