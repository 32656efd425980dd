import { z } from "zod";

/** What the trade form and any API accept. Quantity stays a string of digits: parsed exactly. */
export const tradeInputSchema = z.object({
  ticker: z
    .string()
    .trim()
    .transform((t) => t.toUpperCase())
    .pipe(z.string().regex(/^[A-Z]{1,5}$/, "Choose a listed company.")),
  side: z.enum(["buy", "sell"], { message: "Choose buy or sell." }),
  quantity: z.string().trim().regex(/^\d{1,7}$/, "Enter a whole number of shares, e.g. 10."),
  /** The personal account that pays or is paid; default: the trader's first personal account in the market currency. */
  accountId: z
    .string()
    .trim()
    .regex(/^#?\d{1,18}$/, "Choose the account to trade from.")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  idempotencyKey: z.string().regex(/^[\x21-\x7e]{1,255}$/, "Idempotency key must be 1–255 visible ASCII characters."),
});

export type TradeInput = z.input<typeof tradeInputSchema>;
