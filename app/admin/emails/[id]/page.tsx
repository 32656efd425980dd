import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/app/_components/button-class";
import { Card } from "@/app/_components/card";
import { formatDateTime } from "@/app/_components/format-date";
import { PageHeader } from "@/app/_components/page-header";
import { requireAdmin } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { renderInvoiceEmailBody } from "@/lib/email/render-invoice-email";
import { resolveInvoice } from "@/lib/invoicing/resolve-invoice";
import { resendEmailAction } from "../actions";

export const metadata: Metadata = { title: "Admin · Email" };

export default async function AdminEmailPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  const message = await db().emailOutbox.findUnique({ where: { id: (await params).id } });
  if (!message) notFound();
  const body = message.invoiceId ? await renderInvoiceEmailBody(await resolveInvoice(db(), message.invoiceId)) : null;
  return (
    <>
      <PageHeader title={message.subject} description={`To ${message.toEmail} · ${message.status} · ${message.attempts} attempts · queued ${formatDateTime(message.createdAt)}`} actions={<Link href="/admin/emails" className={buttonClass("secondary")}>All emails</Link>} />
      <div className="space-y-6">
        <Card title="Delivery">
          <dl className="grid gap-2 text-sm sm:grid-cols-2">
            <div><dt className="font-medium">Idempotency key</dt><dd className="break-all font-mono text-xs">{message.idempotencyKey}</dd></div>
            <div><dt className="font-medium">Provider message id</dt><dd className="break-all font-mono text-xs">{message.providerMessageId ?? "—"}</dd></div>
            <div><dt className="font-medium">Next attempt</dt><dd>{formatDateTime(message.nextAttemptAt)}</dd></div>
            <div><dt className="font-medium">Last error</dt><dd className="break-words text-red-700">{message.lastError ?? "—"}</dd></div>
          </dl>
          <form action={resendEmailAction} className="mt-4">
            <input type="hidden" name="id" value={message.id} />
            <button type="submit" className={buttonClass("primary")}>Resend</button>
          </form>
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
