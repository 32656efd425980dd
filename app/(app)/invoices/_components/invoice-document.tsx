// The invoice as a page: renders the resolver's view model (lib/invoicing/resolve-invoice.ts),
// exactly what the PDF and the email render.
import { ResponsiveTable } from "@/app/_components/responsive-table";
import type { InvoiceViewModel } from "@/lib/invoicing/resolve-invoice";

function Party({ title, lines }: { title: string; lines: (string | null | undefined)[] }) {
  return (
    <div>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h3>
      <p className="mt-1 whitespace-pre-line text-sm text-slate-800">{lines.filter(Boolean).join("\n")}</p>
    </div>
  );
}

export function InvoiceDocument({ vm }: { vm: InvoiceViewModel }) {
  const L = vm.labels;
  return (
    <article lang={vm.language} className="rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200 sm:p-8">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 className="text-2xl font-semibold text-slate-900">{L.invoice}</h2>
          <p className="text-sm text-slate-600">{L.number}: <span data-testid="invoice-number" className="font-mono">{vm.number}</span></p>
        </div>
        <dl className="text-sm text-slate-700">
          <div><dt className="inline">{L.issueDate}: </dt><dd className="inline">{vm.issueDate}</dd></div>
          <div><dt className="inline">{L.dueDate}: </dt><dd className="inline">{vm.dueDate}</dd></div>
          <div><dd className="mt-1 inline-block rounded bg-slate-100 px-2 py-0.5 text-xs font-semibold uppercase" data-testid="invoice-status">{vm.statusLabel}</dd></div>
        </dl>
      </header>
      <div className="mt-6 grid gap-6 sm:grid-cols-2">
        <Party title={L.seller} lines={[vm.seller.legalName, vm.seller.address, vm.seller.country, vm.seller.vatId ? `${L.vatId} ${vm.seller.vatId}` : null]} />
        <Party title={L.billTo} lines={[vm.buyer.name, vm.buyer.contactName || null, vm.buyer.address, vm.buyer.country || null, vm.buyer.vatId ? `${L.vatId} ${vm.buyer.vatId}` : null, vm.buyer.email]} />
      </div>
      {/* A table where it fits; below 768 px one card per line, its total beside its name. */}
      <div className="mt-6">
        <ResponsiveTable
          caption={L.invoice}
          columns={[
            { key: "description", header: L.description, phone: "title" },
            { key: "quantity", header: L.quantity, align: "right", phone: "detail", className: "tabular-nums" },
            { key: "unitPrice", header: L.unitPrice, align: "right", phone: "detail", className: "whitespace-nowrap tabular-nums" },
            { key: "net", header: L.net, align: "right", phone: "detail", className: "whitespace-nowrap tabular-nums" },
            { key: "taxRate", header: L.taxRate, align: "right", phone: "detail", className: "whitespace-nowrap tabular-nums" },
            { key: "tax", header: L.tax, align: "right", phone: "detail", className: "whitespace-nowrap tabular-nums" },
            { key: "total", header: L.lineTotal, align: "right", phone: "amount", className: "whitespace-nowrap tabular-nums" },
          ]}
          rows={vm.lines.map((l) => ({
            id: String(l.position),
            cells: {
              description: (
                <>
                  {l.name}
                  {l.detail ? <span className="block text-xs font-normal text-slate-500">{l.detail}</span> : null}
                </>
              ),
              quantity: l.quantity,
              unitPrice: l.unitPrice,
              net: l.net,
              taxRate: l.taxRate,
              tax: l.tax,
              total: l.total,
            },
          }))}
        />
      </div>
      <dl className="ml-auto mt-4 max-w-xs space-y-1 text-sm">
        <div className="flex justify-between gap-4"><dt>{L.subtotal}</dt><dd className="tabular-nums">{vm.subtotal}</dd></div>
        {vm.taxLines.map((t) => (
          <div key={t.label} className="flex justify-between gap-4 text-slate-600"><dt>{t.label}</dt><dd className="tabular-nums">{t.tax}</dd></div>
        ))}
        <div className="flex justify-between gap-4"><dt>{L.taxTotal}</dt><dd className="tabular-nums">{vm.taxTotal}</dd></div>
        <div className="flex justify-between gap-4 border-t border-slate-200 pt-1 text-base font-semibold"><dt>{L.total}</dt><dd className="tabular-nums" data-testid="invoice-total">{vm.total}</dd></div>
      </dl>
      <ul className="mt-6 space-y-1 text-sm text-slate-700">
        <li>{vm.paymentLabel}</li>
        {vm.notes.map((n) => <li key={n}>{n}</li>)}
        {vm.creditNotes.map((c) => <li key={c.number}>{L.creditNote} {c.number}: {c.amount} ({c.date})</li>)}
      </ul>
    </article>
  );
}
