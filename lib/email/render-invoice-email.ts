// Renders the invoice email (HTML + plain text) and its PDF attachment from the view model.
import { createElement } from "react";
import { render } from "@react-email/render";
import InvoiceEmail from "../../emails/invoice-email";
import { invoicePdfFilename, renderInvoicePdf } from "../invoicing/pdf/invoice-pdf";
import type { InvoiceViewModel } from "../invoicing/resolve-invoice";

export interface RenderedInvoiceEmail {
  html: string;
  text: string;
  attachment: { filename: string; content: Buffer };
}

export function appBaseUrl(): string {
  return process.env.APP_BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

export async function renderInvoiceEmailBody(vm: InvoiceViewModel, baseUrl = appBaseUrl()): Promise<{ html: string; text: string }> {
  const element = createElement(InvoiceEmail, { vm, baseUrl });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}

export async function renderInvoiceEmail(vm: InvoiceViewModel, baseUrl = appBaseUrl()): Promise<RenderedInvoiceEmail> {
  const [body, pdf] = await Promise.all([renderInvoiceEmailBody(vm, baseUrl), renderInvoicePdf(vm)]);
  return { ...body, attachment: { filename: invoicePdfFilename(vm), content: pdf } };
}
