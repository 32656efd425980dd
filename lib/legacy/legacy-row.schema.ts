// One line of a legacy JSONL export: the original app's per-product transaction (one row per
// product of a checkout). Amounts are integer minor units ("…InCents" in the original, which meant
// minor units of `currency`). `amountInCents` is the NET line amount; the original stored it net in
// one place and gross in another, so the tax is recomputed from the rate when it is missing and
// checked when it is given.
import { z } from "zod";
import { isCurrencyCode } from "../money/currency";

const minor = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,18}$/)]).transform((v) => BigInt(v));

export const legacyRowSchema = z.object({
  id: z.string().min(1).max(100),
  checkoutSessionId: z.string().min(1).max(100),
  sellerTicker: z.string().regex(/^[A-Z0-9]{1,10}$/, "sellerTicker must be an upper-case ticker"),
  productName: z.string().min(1).max(300),
  productDescription: z.string().max(2000).default(""),
  quantity: z.number().int().min(1).max(100000),
  unitPriceInCents: minor,
  amountInCents: minor,
  currency: z.string().refine(isCurrencyCode, "currency must be an ISO 4217 code"),
  taxRatePercent: z.number().min(0).max(100).multipleOf(0.01),
  taxAmountInCents: minor.optional(),
  payer: z.object({
    type: z.enum(["B2C", "B2B"]),
    name: z.string().min(1).max(200),
    email: z.string().max(320),
    company: z.string().max(200).optional(),
    vatId: z.string().max(40).optional(),
    address: z.string().max(500).default(""),
  }),
  paymentMethod: z.enum(["balance", "invoice", "free"]).default("balance"),
  paymentStatus: z.enum(["paid", "pending", "refunded"]).default("paid"),
  createdAt: z.iso.datetime({ offset: true }).transform((v) => new Date(v)),
  invoiceNumber: z.string().regex(/^[A-Z0-9]{1,10}-\d{4}-\d{4,}$/, "invoiceNumber must look like PREFIX-YYYY-NNNN").optional(),
});

export type LegacyRow = z.infer<typeof legacyRowSchema>;
