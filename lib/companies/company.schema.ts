// Input schemas for companies, members and products: the same schema validates the form and the
// action/route, and its issues become per-field messages.
import { z } from "zod";
import { AppError, fieldErrorsFromIssues } from "../errors/app-error";
import { plainText } from "../validation/text";

export const TICKER_PATTERN = /^[A-Z]{1,5}$/;

// Names are one line; descriptions may span lines. Other control characters are refused (a NUL cannot
// even be stored).
const NAME_CONTROL = "The name can't contain control characters.";
const DESCRIPTION_CONTROL = "The description can't contain control characters.";

export const createCompanySchema = z.object({
  name: plainText(NAME_CONTROL).trim().min(1, "Enter the company's name.").max(80, "Name is limited to 80 characters."),
  // Typed in any case; stored upper-case.
  ticker: z
    .string()
    .trim()
    .transform((t) => t.toUpperCase())
    .pipe(z.string().regex(TICKER_PATTERN, "A ticker is 1–5 letters A–Z, e.g. ACME.")),
  description: plainText(DESCRIPTION_CONTROL, { multiline: true }).trim().max(500, "Description is limited to 500 characters.").default(""),
});
export type CreateCompanyInput = z.input<typeof createCompanySchema>;

export const grantAccessSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email("Enter the person's email address.")),
  role: z.enum(["owner", "manager"], { message: "Choose owner or manager." }),
});
export type GrantAccessInput = z.input<typeof grantAccessSchema>;

export const productSchema = z.object({
  name: plainText(NAME_CONTROL).trim().min(1, "Enter the product's name.").max(80, "Name is limited to 80 characters."),
  description: plainText(DESCRIPTION_CONTROL, { multiline: true }).trim().max(500, "Description is limited to 500 characters.").default(""),
  /** A decimal amount in the company's currency, e.g. "12.50"; parsed exactly by lib/money. */
  price: z.string().trim().min(1, "Enter a price, e.g. 12.50."),
  active: z.boolean().default(true),
});
export type ProductInput = z.input<typeof productSchema>;

/** Parses or throws AppError("invalid_input") with per-field messages. */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFromIssues(parsed.error.issues);
    throw new AppError("invalid_input", Object.values(fieldErrors)[0] ?? `Invalid ${what}.`, { fieldErrors });
  }
  return parsed.data;
}
