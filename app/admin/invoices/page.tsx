import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/require-user";
import { formatMoney } from "@/lib/money/amount";
import { loadCommercePage } from "../_components/commerce-page";
import { InvoicesTable, type InvoiceView } from "../_components/commerce-tables";

export const metadata: Metadata = { title: "Admin · Invoices" };
const PATH = "/admin/invoices";

interface Row extends Record<string, unknown> {
  id: string;
  number: string;
  status: string;
  type: string;
  language: string;
  issue_date: Date;
  due_date: Date;
  transaction_id: string;
  currency: string;
  total: bigint;
  payer_name: string;
  seller: string;
}

export default async function AdminInvoicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const data = await loadCommercePage<Row>("invoices", PATH, "Invoices", "Every invoice, its status and the transaction it bills.", await searchParams);
  const rows: InvoiceView[] = data.rows.map((r) => ({
    id: r.id,
    number: r.number,
    status: r.status,
    type: r.type,
    language: r.language,
    seller: r.seller,
    payer: r.payer_name,
    total: formatMoney(BigInt(r.total), r.currency),
    issueDate: r.issue_date.toISOString().slice(0, 10),
    dueDate: r.due_date.toISOString().slice(0, 10),
    transactionId: r.transaction_id,
  }));
  return data.frame(<InvoicesTable rows={rows} pathname={PATH} values={data.values} sort={data.sort} size={data.size} pageSizes={data.pageSizes} />);
}
