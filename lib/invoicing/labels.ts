// Every word the invoice page, PDF and email print, in the four invoice languages. Dates and money
// are formatted with Intl for the matching locale (see resolve-invoice.ts).
export type InvoiceLanguage = "en" | "de" | "es" | "fr";

export const INVOICE_LANGUAGES: readonly InvoiceLanguage[] = ["en", "de", "es", "fr"];

export const LOCALES: Record<InvoiceLanguage, string> = { en: "en-US", de: "de-DE", es: "es-ES", fr: "fr-FR" };

export interface InvoiceLabels {
  invoice: string;
  creditNote: string;
  number: string;
  issueDate: string;
  dueDate: string;
  seller: string;
  billTo: string;
  vatId: string;
  description: string;
  quantity: string;
  unitPrice: string;
  net: string;
  taxRate: string;
  tax: string;
  lineTotal: string;
  subtotal: string;
  taxTotal: string;
  total: string;
  taxLine: (rate: string) => string;
  status: Record<"open" | "paid" | "void", string>;
  paymentMethod: Record<"balance" | "invoice" | "free", string>;
  paidNote: string;
  payByNote: (date: string) => string;
  voidNote: string;
  reverseChargeNote: string;
  roundingNote: string;
  ticketFor: (event: string) => string;
  greeting: (name: string) => string;
  emailIntro: (seller: string, number: string) => string;
  emailSubject: (seller: string) => string;
  viewOnline: string;
  attached: string;
}

export const LABELS: Record<InvoiceLanguage, InvoiceLabels> = {
  en: {
    invoice: "Invoice",
    creditNote: "Credit note",
    number: "Invoice number",
    issueDate: "Issue date",
    dueDate: "Due date",
    seller: "From",
    billTo: "Bill to",
    vatId: "VAT ID",
    description: "Description",
    quantity: "Qty",
    unitPrice: "Unit price",
    net: "Net",
    taxRate: "Tax rate",
    tax: "Tax",
    lineTotal: "Total",
    subtotal: "Subtotal",
    taxTotal: "Tax total",
    total: "Total",
    taxLine: (rate) => `Tax ${rate}`,
    status: { open: "Open", paid: "Paid", void: "Void" },
    paymentMethod: { balance: "Paid from balance", invoice: "Pay by invoice", free: "Free" },
    paidNote: "Paid in full. Thank you!",
    payByNote: (date) => `Please pay by ${date}.`,
    voidNote: "This invoice has been voided.",
    reverseChargeNote: "Reverse charge: VAT to be accounted for by the recipient (Article 196, Council Directive 2006/112/EC).",
    roundingNote: "Tax is calculated per line and rounded half up to the smallest currency unit.",
    ticketFor: (event) => `Ticket for ${event}`,
    greeting: (name) => `Hello ${name},`,
    emailIntro: (seller, number) => `thank you for your order. ${seller} has issued invoice ${number}; it is attached as a PDF.`,
    emailSubject: (seller) => `Invoice {number} from ${seller}`,
    viewOnline: "View invoice online",
    attached: "Invoice PDF attached",
  },
  de: {
    invoice: "Rechnung",
    creditNote: "Gutschrift",
    number: "Rechnungsnummer",
    issueDate: "Rechnungsdatum",
    dueDate: "Fällig am",
    seller: "Von",
    billTo: "Rechnung an",
    vatId: "USt-IdNr.",
    description: "Beschreibung",
    quantity: "Menge",
    unitPrice: "Einzelpreis",
    net: "Netto",
    taxRate: "Steuersatz",
    tax: "Steuer",
    lineTotal: "Gesamt",
    subtotal: "Zwischensumme",
    taxTotal: "Steuer gesamt",
    total: "Gesamtbetrag",
    taxLine: (rate) => `USt. ${rate}`,
    status: { open: "Offen", paid: "Bezahlt", void: "Storniert" },
    paymentMethod: { balance: "Bezahlt vom Guthaben", invoice: "Zahlung auf Rechnung", free: "Kostenlos" },
    paidNote: "Vollständig bezahlt. Vielen Dank!",
    payByNote: (date) => `Bitte zahlen Sie bis zum ${date}.`,
    voidNote: "Diese Rechnung wurde storniert.",
    reverseChargeNote: "Steuerschuldnerschaft des Leistungsempfängers (Reverse Charge, Art. 196 MwStSystRL).",
    roundingNote: "Die Steuer wird je Position berechnet und kaufmännisch auf die kleinste Währungseinheit gerundet.",
    ticketFor: (event) => `Ticket für ${event}`,
    greeting: (name) => `Hallo ${name},`,
    emailIntro: (seller, number) => `vielen Dank für Ihre Bestellung. ${seller} hat die Rechnung ${number} ausgestellt; sie ist als PDF angehängt.`,
    emailSubject: (seller) => `Rechnung {number} von ${seller}`,
    viewOnline: "Rechnung online ansehen",
    attached: "Rechnung als PDF im Anhang",
  },
  es: {
    invoice: "Factura",
    creditNote: "Nota de crédito",
    number: "Número de factura",
    issueDate: "Fecha de emisión",
    dueDate: "Fecha de vencimiento",
    seller: "De",
    billTo: "Facturar a",
    vatId: "NIF-IVA",
    description: "Descripción",
    quantity: "Cant.",
    unitPrice: "Precio unitario",
    net: "Neto",
    taxRate: "Tipo",
    tax: "Impuesto",
    lineTotal: "Total",
    subtotal: "Subtotal",
    taxTotal: "Total impuestos",
    total: "Total",
    taxLine: (rate) => `IVA ${rate}`,
    status: { open: "Pendiente", paid: "Pagada", void: "Anulada" },
    paymentMethod: { balance: "Pagado con saldo", invoice: "Pago por factura", free: "Gratis" },
    paidNote: "Pagada en su totalidad. ¡Gracias!",
    payByNote: (date) => `Por favor, pague antes del ${date}.`,
    voidNote: "Esta factura ha sido anulada.",
    reverseChargeNote: "Inversión del sujeto pasivo: el IVA corresponde al destinatario (art. 196 de la Directiva 2006/112/CE).",
    roundingNote: "El impuesto se calcula por línea y se redondea al alza desde la mitad a la unidad monetaria mínima.",
    ticketFor: (event) => `Entrada para ${event}`,
    greeting: (name) => `Hola ${name}:`,
    emailIntro: (seller, number) => `gracias por su pedido. ${seller} ha emitido la factura ${number}; se adjunta en PDF.`,
    emailSubject: (seller) => `Factura {number} de ${seller}`,
    viewOnline: "Ver la factura en línea",
    attached: "Factura en PDF adjunta",
  },
  fr: {
    invoice: "Facture",
    creditNote: "Avoir",
    number: "Numéro de facture",
    issueDate: "Date d’émission",
    dueDate: "Date d’échéance",
    seller: "De",
    billTo: "Facturé à",
    vatId: "N° TVA",
    description: "Description",
    quantity: "Qté",
    unitPrice: "Prix unitaire",
    net: "HT",
    taxRate: "Taux",
    tax: "TVA",
    lineTotal: "TTC",
    subtotal: "Total HT",
    taxTotal: "Total TVA",
    total: "Total TTC",
    taxLine: (rate) => `TVA ${rate}`,
    status: { open: "À payer", paid: "Payée", void: "Annulée" },
    paymentMethod: { balance: "Payé par solde", invoice: "Paiement sur facture", free: "Gratuit" },
    paidNote: "Entièrement payée. Merci !",
    payByNote: (date) => `Merci de régler avant le ${date}.`,
    voidNote: "Cette facture a été annulée.",
    reverseChargeNote: "Autoliquidation : TVA due par le preneur (article 196 de la directive 2006/112/CE).",
    roundingNote: "La TVA est calculée par ligne et arrondie à la demi-unité supérieure de la plus petite unité monétaire.",
    ticketFor: (event) => `Billet pour ${event}`,
    greeting: (name) => `Bonjour ${name},`,
    emailIntro: (seller, number) => `merci pour votre commande. ${seller} a émis la facture ${number}, jointe au format PDF.`,
    emailSubject: (seller) => `Facture {number} de ${seller}`,
    viewOnline: "Voir la facture en ligne",
    attached: "Facture PDF en pièce jointe",
  },
};
