// The invoice as a PDF (@react-pdf/renderer), rendered from the resolver's view model, like the
// page and the email. Fonts are TTF files from the `dejavu-fonts-ttf` package, registered from disk:
// nothing is fetched over the network, and DejaVu Sans has every glyph the four invoice languages
// and the supported currencies print (€, ¥, accented letters, the narrow no-break space Intl uses
// in French numbers) — the PDF standard fonts (Helvetica) lack some of these.
import path from "node:path";
import { Document, Font, Page, renderToBuffer, StyleSheet, Text, View } from "@react-pdf/renderer";
import type { Style } from "@react-pdf/types";
import type { InvoiceViewModel } from "../resolve-invoice";

const FONT_DIR = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
let registered = false;

function registerFonts(): void {
  if (registered) return;
  Font.register({
    family: "DejaVu Sans",
    fonts: [
      { src: path.join(FONT_DIR, "DejaVuSans.ttf") },
      { src: path.join(FONT_DIR, "DejaVuSans-Bold.ttf"), fontWeight: "bold" },
    ],
  });
  // Words are never hyphenated (names, invoice numbers).
  Font.registerHyphenationCallback((word) => [word]);
  registered = true;
}

const s = StyleSheet.create({
  page: { fontFamily: "DejaVu Sans", fontSize: 9, padding: 40, color: "#0f172a" },
  h1: { fontSize: 20, fontWeight: "bold" },
  row: { flexDirection: "row" },
  between: { flexDirection: "row", justifyContent: "space-between" },
  muted: { color: "#475569" },
  label: { fontSize: 7, color: "#64748b", textTransform: "uppercase", marginBottom: 2 },
  th: { fontWeight: "bold", color: "#475569", paddingVertical: 4 },
  td: { paddingVertical: 4 },
  tableHead: { flexDirection: "row", borderBottomWidth: 1, borderBottomColor: "#cbd5e1" },
  tableRow: { flexDirection: "row", borderBottomWidth: 0.5, borderBottomColor: "#e2e8f0" },
  totals: { marginLeft: "auto", width: 220, marginTop: 10 },
  note: { marginTop: 3 },
});

const COLS = [
  { key: "desc", flex: 3.2, align: "left" },
  { key: "qty", flex: 0.6, align: "right" },
  { key: "unit", flex: 1.3, align: "right" },
  { key: "net", flex: 1.3, align: "right" },
  { key: "rate", flex: 0.8, align: "right" },
  { key: "tax", flex: 1.2, align: "right" },
  { key: "total", flex: 1.3, align: "right" },
] as const;

function Cells({ values, style }: { values: string[]; style: Style }) {
  return (
    <>
      {COLS.map((c, i) => (
        <Text key={c.key} style={[style, { flex: c.flex, textAlign: c.align, paddingRight: i < COLS.length - 1 ? 4 : 0 }]}>
          {values[i]}
        </Text>
      ))}
    </>
  );
}

export function InvoicePdf({ vm }: { vm: InvoiceViewModel }) {
  const L = vm.labels;
  const party = (lines: (string | null | undefined)[]) => lines.filter(Boolean).join("\n");
  return (
    <Document title={`${L.invoice} ${vm.number}`} author={vm.seller.legalName} language={vm.language}>
      <Page size="A4" style={s.page}>
        <View style={s.between}>
          <View>
            <Text style={s.h1}>{L.invoice}</Text>
            <Text style={s.muted}>{L.number}: {vm.number}</Text>
          </View>
          <View>
            <Text>{L.issueDate}: {vm.issueDate}</Text>
            <Text>{L.dueDate}: {vm.dueDate}</Text>
            <Text style={{ fontWeight: "bold" }}>{vm.statusLabel}</Text>
          </View>
        </View>
        <View style={[s.row, { marginTop: 24, gap: 24 }]}>
          <View style={{ flex: 1 }}>
            <Text style={s.label}>{L.seller}</Text>
            <Text>{party([vm.seller.legalName, vm.seller.address, vm.seller.country, vm.seller.vatId ? `${L.vatId} ${vm.seller.vatId}` : null])}</Text>
          </View>
          <View style={{ flex: 1 }}>
            <Text style={s.label}>{L.billTo}</Text>
            <Text>{party([vm.buyer.name, vm.buyer.contactName || null, vm.buyer.address, vm.buyer.country || null, vm.buyer.vatId ? `${L.vatId} ${vm.buyer.vatId}` : null, vm.buyer.email])}</Text>
          </View>
        </View>
        <View style={{ marginTop: 24 }}>
          <View style={s.tableHead}>
            <Cells style={s.th} values={[L.description, L.quantity, L.unitPrice, L.net, L.taxRate, L.tax, L.lineTotal]} />
          </View>
          {vm.lines.map((l) => (
            <View key={l.position} style={s.tableRow} wrap={false}>
              <Cells style={s.td} values={[l.detail ? `${l.name}\n${l.detail}` : l.name, String(l.quantity), l.unitPrice, l.net, l.taxRate, l.tax, l.total]} />
            </View>
          ))}
        </View>
        <View style={s.totals}>
          <View style={s.between}><Text>{L.subtotal}</Text><Text>{vm.subtotal}</Text></View>
          {vm.taxLines.map((t) => (
            <View key={t.label} style={s.between}><Text style={s.muted}>{t.label}</Text><Text style={s.muted}>{t.tax}</Text></View>
          ))}
          <View style={s.between}><Text>{L.taxTotal}</Text><Text>{vm.taxTotal}</Text></View>
          <View style={[s.between, { borderTopWidth: 1, borderTopColor: "#cbd5e1", marginTop: 3, paddingTop: 3 }]}>
            <Text style={{ fontWeight: "bold", fontSize: 11 }}>{L.total}</Text>
            <Text style={{ fontWeight: "bold", fontSize: 11 }}>{vm.total}</Text>
          </View>
        </View>
        <View style={{ marginTop: 24 }}>
          <Text style={s.note}>{vm.paymentLabel}</Text>
          {vm.notes.map((n) => <Text key={n} style={s.note}>{n}</Text>)}
          {vm.creditNotes.map((c) => <Text key={c.number} style={s.note}>{L.creditNote} {c.number}: {c.amount} ({c.date})</Text>)}
        </View>
      </Page>
    </Document>
  );
}

export async function renderInvoicePdf(vm: InvoiceViewModel): Promise<Buffer> {
  registerFonts();
  return renderToBuffer(<InvoicePdf vm={vm} />);
}

export function invoicePdfFilename(vm: Pick<InvoiceViewModel, "number">): string {
  return `${vm.number.replace(/[^A-Za-z0-9-]/g, "_")}.pdf`;
}
