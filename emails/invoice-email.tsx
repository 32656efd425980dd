// The invoice email, rendered from the invoice resolver's view model (the same data as the invoice
// page and PDF). Default props are a realistic sample so `npm run email:dev` previews it as is.
import { Body, Container, Head, Heading, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import { LABELS } from "../lib/invoicing/labels";
import type { InvoiceViewModel } from "../lib/invoicing/resolve-invoice";
import { sampleInvoice } from "../lib/invoicing/sample-invoice";
import { InvoiceTable } from "./components/invoice-table";

export interface InvoiceEmailProps {
  vm: InvoiceViewModel;
  /** Origin of the app, e.g. https://countinghouse.example; the invoice link is built from it. */
  baseUrl: string;
}

const text = { fontSize: "14px", lineHeight: "22px", color: "#0f172a", margin: "0 0 12px" } as const;
const small = { fontSize: "12px", lineHeight: "18px", color: "#475569", margin: "0 0 6px" } as const;

export default function InvoiceEmail({ vm, baseUrl }: InvoiceEmailProps) {
  const words = LABELS[vm.language];
  const L = vm.labels;
  const url = `${baseUrl.replace(/\/$/, "")}${vm.path}`;
  return (
    <Html lang={vm.language}>
      <Head />
      <Preview>{`${L.invoice} ${vm.number} · ${vm.total}`}</Preview>
      <Body style={{ backgroundColor: "#f1f5f9", fontFamily: "Helvetica, Arial, sans-serif", padding: "24px 0" }}>
        <Container style={{ backgroundColor: "#ffffff", padding: "32px", maxWidth: "600px", borderRadius: "8px" }}>
          <Text style={{ ...small, fontWeight: 700 }}>{vm.seller.legalName}</Text>
          <Text style={small}>{[vm.seller.address, vm.seller.country, vm.seller.vatId ? `${L.vatId} ${vm.seller.vatId}` : null].filter(Boolean).join(" · ")}</Text>
          <Heading as="h1" style={{ fontSize: "22px", margin: "20px 0 4px" }}>{L.invoice} {vm.number}</Heading>
          <Text style={small}>
            {L.issueDate}: {vm.issueDate} · {L.dueDate}: {vm.dueDate} · {vm.statusLabel}
          </Text>
          <Hr />
          <Text style={text}>{words.greeting(vm.buyer.contactName || vm.buyer.name)}</Text>
          <Text style={text}>{words.emailIntro(vm.seller.legalName, vm.number)}</Text>
          <Text style={small}>
            {L.billTo}: {[vm.buyer.name, vm.buyer.address, vm.buyer.vatId ? `${L.vatId} ${vm.buyer.vatId}` : null].filter(Boolean).join(" · ")}
          </Text>
          <InvoiceTable vm={vm} />
          <Section style={{ marginTop: "16px" }}>
            <Text style={small}>{vm.paymentLabel}</Text>
            {vm.notes.map((n) => (
              <Text key={n} style={small}>{n}</Text>
            ))}
          </Section>
          <Link href={url} style={{ display: "inline-block", marginTop: "12px", backgroundColor: "#4f46e5", color: "#ffffff", padding: "10px 16px", borderRadius: "6px", fontSize: "14px", textDecoration: "none" }}>
            {L.viewOnline}
          </Link>
          <Text style={{ ...small, marginTop: "16px" }}>{L.attached}</Text>
        </Container>
      </Body>
    </Html>
  );
}

InvoiceEmail.PreviewProps = { vm: sampleInvoice({ language: "de", currency: "EUR" }), baseUrl: "http://localhost:3000" } satisfies InvoiceEmailProps;
