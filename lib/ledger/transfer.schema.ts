import { z } from "zod";
import { plainText } from "../validation/text";
import { MAX_DESCRIPTION_LENGTH } from "./post-entries";

/** What the transfer form and POST /api/v1/transfers accept. Amount stays a string: parsed exactly later. */
export const transferInputSchema = z.object({
  fromAccountId: z.string().trim().regex(/^#?\d{1,18}$/, "Choose the account to pay from."),
  to: plainText("Recipient can't contain control characters.")
    .trim()
    .min(1, "Enter the recipient's email, a company ticker or an account number.")
    .max(320, "Recipient is too long."),
  amount: z.string().max(40, "Amount is too long."),
  /** "major": typed by a person ("12.34"). "minor": API clients send minor units ("1234"). */
  amountUnit: z.enum(["major", "minor"]).default("major"),
  /** Optional assertion by API clients: must equal the source account's currency. */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "Currency must be an ISO 4217 code such as USD.")
    .optional(),
  description: plainText("Description can't contain control characters.")
    .trim()
    .max(MAX_DESCRIPTION_LENGTH, `Description is limited to ${MAX_DESCRIPTION_LENGTH} characters.`)
    .default(""),
  idempotencyKey: z.string().regex(/^[\x21-\x7e]{1,255}$/, "Idempotency key must be 1–255 visible ASCII characters."),
});

export type TransferInput = z.input<typeof transferInputSchema>;
