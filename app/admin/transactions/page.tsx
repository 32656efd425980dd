import type { Metadata } from "next";
import { formatDateTime } from "@/app/_components/format-date";
import { requireAdmin } from "@/lib/auth/require-user";
import { formatMoney } from "@/lib/money/amount";
import { loadCommercePage } from "../_components/commerce-page";
import { TransactionsTable, type TransactionView } from "../_components/commerce-tables";

export const metadata: Metadata = { title: "Admin · Transactions" };
const PATH = "/admin/transactions";

interface Row extends Record<string, unknown> {
  id: string;
  created_at: Date;
  currency: string;
  total: bigint;
  refunded: bigint;
  payment_method: string;
  payment_status: string;
  payer_type: string;
  payer_name: string;
  legacy: boolean;
  seller: string;
  invoice_id: string | null;
  invoice_number: string | null;
  lines: number;
}

export default async function AdminTransactionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  const data = await loadCommercePage<Row>("transactions", PATH, "Transactions", "One row per checkout: seller, payer, line count, totals and payment.", await searchParams);
  const rows: TransactionView[] = data.rows.map((r) => ({
    id: r.id,
    createdAt: formatDateTime(r.created_at),
    createdAtIso: r.created_at.toISOString(),
    seller: r.seller,
    payer: r.payer_name,
    payerType: r.payer_type,
    lines: Number(r.lines),
    total: formatMoney(BigInt(r.total), r.currency),
    refunded: BigInt(r.refunded) > 0n ? formatMoney(BigInt(r.refunded), r.currency) : null,
    method: r.payment_method,
    status: r.payment_status,
    invoiceId: r.invoice_id,
    invoiceNumber: r.invoice_number,
    legacy: r.legacy,
  }));
  return data.frame(<TransactionsTable rows={rows} pathname={PATH} values={data.values} sort={data.sort} size={data.size} pageSizes={data.pageSizes} />);
}
