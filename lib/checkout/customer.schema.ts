// The customer step: a person (B2C) or a business (B2B). The same schema validates the form, what
// is stored on the session, and again at completion (a stored draft is never trusted).
import { z } from "zod";
import { AppError, fieldErrorsFromIssues } from "../errors/app-error";
import { plainText } from "../validation/text";
import { validateVatId } from "./vat-id";

const capitalized = (label: string) => `${label[0]!.toUpperCase()}${label.slice(1)}`;
// Control characters are refused (a NUL cannot even be stored in the session's JSON); an address may
// span lines.
const text = (label: string, max = 200, multiline = false) =>
  plainText(`${capitalized(label)} can't contain control characters.`, { multiline })
    .trim()
    .min(1, `Enter ${label}.`)
    .max(max, `${capitalized(label)} is limited to ${max} characters.`);
const email = z.string().trim().toLowerCase().pipe(z.email("Enter a valid email address."));
const country = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^([A-Z]{2})?$/, "Use a two-letter country code such as US or DE.")
  .default("");

export const customerSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("B2C"), name: text("your name"), email, address: text("your address", 500, true), country }),
  z.object({
    type: z.literal("B2B"),
    companyName: text("the company name"),
    vatId: z.string().trim(),
    address: text("the billing address", 500, true),
    email,
    contactName: plainText("The contact name can't contain control characters.").trim().max(200, "The contact name is limited to 200 characters.").default(""),
  }),
]);

export type CustomerInput = z.input<typeof customerSchema>;

/** A validated customer with what the transaction and invoice need, VAT ID normalized. */
export interface Customer {
  type: "B2C" | "B2B";
  /** The person (B2C) or the company (B2B): the invoice's addressee. */
  name: string;
  email: string;
  company: string | null;
  vatId: string | null;
  address: string;
  /** ISO country: from the VAT ID for businesses, as entered for people ("" when not given). */
  country: string;
  contactName: string;
}

export function parseCustomer(input: unknown): Customer {
  const parsed = customerSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFromIssues(parsed.error.issues);
    throw new AppError("invalid_input", "Check the highlighted fields.", { fieldErrors });
  }
  const c = parsed.data;
  if (c.type === "B2C") {
    return { type: "B2C", name: c.name, email: c.email, company: null, vatId: null, address: c.address, country: c.country, contactName: "" };
  }
  const vat = validateVatId(c.vatId);
  return { type: "B2B", name: c.companyName, email: c.email, company: c.companyName, vatId: vat.vatId, address: c.address, country: vat.country, contactName: c.contactName };
}

/** The stored JSON shape (what the form submitted, normalized), so the form can be refilled. */
export function customerToInput(c: Customer): CustomerInput {
  return c.type === "B2C"
    ? { type: "B2C", name: c.name, email: c.email, address: c.address, country: c.country }
    : { type: "B2B", companyName: c.company ?? c.name, vatId: c.vatId ?? "", address: c.address, email: c.email, contactName: c.contactName };
}
