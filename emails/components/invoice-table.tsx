// The invoice lines, tax lines and totals as email-safe table markup (inline styles only).
import { Column, Row, Section, Text } from "@react-email/components";
import type { InvoiceViewModel } from "../../lib/invoicing/resolve-invoice";

const cell = { fontSize: "13px", margin: "0", padding: "4px 0", color: "#0f172a" } as const;
const right = { ...cell, textAlign: "right" as const };
const muted = { ...cell, color: "#64748b" };

export function InvoiceTable({ vm }: { vm: InvoiceViewModel }) {
  const L = vm.labels;
  return (
    <Section>
      {vm.lines.map((l) => (
        <Row key={l.position} style={{ borderBottom: "1px solid #e2e8f0" }}>
          <Column>
            <Text style={cell}>{l.quantity} × {l.name}</Text>
            <Text style={muted}>
              {l.detail ? `${l.detail} · ` : ""}
              {L.unitPrice} {l.unitPrice} · {L.net} {l.net} · {L.tax} {l.taxRate} {l.tax}
            </Text>
          </Column>
          <Column style={{ width: "120px", verticalAlign: "top" }}>
            <Text style={right}>{l.total}</Text>
          </Column>
        </Row>
      ))}
      <Row>
        <Column><Text style={cell}>{L.subtotal}</Text></Column>
        <Column style={{ width: "120px" }}><Text style={right}>{vm.subtotal}</Text></Column>
      </Row>
      {vm.taxLines.map((t) => (
        <Row key={t.label}>
          <Column><Text style={muted}>{t.label}</Text></Column>
          <Column style={{ width: "120px" }}><Text style={{ ...right, color: "#64748b" }}>{t.tax}</Text></Column>
        </Row>
      ))}
      <Row>
        <Column><Text style={cell}>{L.taxTotal}</Text></Column>
        <Column style={{ width: "120px" }}><Text style={right}>{vm.taxTotal}</Text></Column>
      </Row>
      <Row style={{ borderTop: "2px solid #0f172a" }}>
        <Column><Text style={{ ...cell, fontWeight: 700, fontSize: "15px" }}>{L.total}</Text></Column>
        <Column style={{ width: "120px" }}><Text style={{ ...right, fontWeight: 700, fontSize: "15px" }}>{vm.total}</Text></Column>
      </Row>
    </Section>
  );
}
