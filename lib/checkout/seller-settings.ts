// Seller settings, edited by the seller's owners (canManageSeller(…, "owner")). Issued invoices keep their
// snapshots, so an edit here changes only what is sold and issued from now on.
import { z } from "zod";
import type { Tx } from "../db/client";
import { AppError, fieldErrorsFromIssues } from "../errors/app-error";
import { isCurrencyCode } from "../money/currency";
import { plainText } from "../validation/text";
import { requireSellerStaff } from "./can-manage-seller";
import { validateVatId } from "./vat-id";

export const sellerSettingsSchema = z.object({
  currency: z.string().trim().toUpperCase().refine(isCurrencyCode, "Use an ISO 4217 currency code such as USD or EUR."),
  taxEnabled: z.boolean(),
  taxRate: z.string().trim().regex(/^\d{1,3}(\.\d{1,2})?$/, "Enter a rate such as 19 or 7.5.").transform((v) => Math.round(Number(v) * 100)).refine((bps) => bps <= 10_000, "The rate is at most 100 %."),
  pricesIncludeTax: z.boolean(),
  invoicePrefix: z.string().trim().toUpperCase().regex(/^[A-Z0-9]{1,10}$/, "1–10 letters or digits, e.g. INV."),
  invoiceLanguage: z.enum(["en", "de", "es", "fr"], { error: "Choose en, de, es or fr." }),
  // Printed on every invoice: one line for the name, lines for the address, no other control characters.
  legalName: plainText("The legal name can't contain control characters.").trim().max(200, "The legal name is limited to 200 characters."),
  address: plainText("The address can't contain control characters.", { multiline: true }).trim().max(500, "The address is limited to 500 characters."),
  country: z.string().trim().toUpperCase().regex(/^([A-Z]{2})?$/, "Two letters, e.g. DE."),
  vatId: z.string().trim().max(40),
  paymentTermsDays: z.coerce.number().refine((d) => d === 14 || d === 30, "Net 14 or net 30."),
});

export type SellerSettingsInput = z.input<typeof sellerSettingsSchema>;

export async function updateSellerSettings(tx: Tx, userId: string, companyId: string, input: SellerSettingsInput): Promise<void> {
  await requireSellerStaff(tx, userId, companyId, "owner");
  const parsed = sellerSettingsSchema.safeParse(input);
  if (!parsed.success) throw new AppError("invalid_input", "Check the highlighted fields.", { fieldErrors: fieldErrorsFromIssues(parsed.error.issues) });
  const s = parsed.data;
  const vatId = s.vatId === "" ? null : validateVatId(s.vatId).vatId;
  await tx.company.update({
    where: { id: companyId },
    data: { currency: s.currency, taxEnabled: s.taxEnabled, taxRateBps: s.taxRate, pricesIncludeTax: s.pricesIncludeTax, invoicePrefix: s.invoicePrefix, invoiceLanguage: s.invoiceLanguage, legalName: s.legalName, address: s.address, country: s.country, vatId, paymentTermsDays: s.paymentTermsDays },
  });
}
