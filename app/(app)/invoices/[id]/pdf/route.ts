// GET /invoices/:id/pdf — the invoice PDF for its buyer, the seller's staff or an admin.
import { apiRoute } from "@/lib/http/api-response";
import { getCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { requireInvoiceAccess } from "@/lib/invoicing/invoice-access";
import { invoicePdfFilename, renderInvoicePdf } from "@/lib/invoicing/pdf/invoice-pdf";
import { resolveInvoice } from "@/lib/invoicing/resolve-invoice";

export const runtime = "nodejs";

export const GET = apiRoute(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const user = await getCurrentUser();
  if (!user) throw new AppError("unauthorized", "Sign in to download invoices.");
  const { id } = await context.params;
  await requireInvoiceAccess(db(), user, id);
  const vm = await resolveInvoice(db(), id);
  const pdf = await renderInvoicePdf(vm);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "content-type": "application/pdf",
      "content-disposition": `attachment; filename="${invoicePdfFilename(vm)}"`,
      "cache-control": "private, no-store",
    },
  });
});
