// Prices a cart: the one function the review step, the completion and the benchmark use, so what
// the buyer reviewed is what is recorded. Pure: no database, no clock.
import { lineTax, sumLines, type Totals } from "../money/tax";
import { isReverseCharge } from "./vat-id";

export interface SellerTaxSettings {
  country: string;
  taxEnabled: boolean;
  taxRateBps: number;
  pricesIncludeTax: boolean;
}

export interface CartLineInput {
  productId: string;
  kind: "GOODS" | "TICKET";
  name: string;
  description: string;
  unitPrice: bigint;
  quantity: number;
  /** Product override of the seller's default rate. */
  taxRateBps: number | null;
  eventId: string | null;
  eventName: string | null;
}

export interface PricedLine extends CartLineInput {
  position: number;
  /** The rate applied: 0 under reverse charge or when the seller doesn't charge tax. */
  appliedRateBps: number;
  net: bigint;
  tax: bigint;
  lineTotal: bigint;
}

export interface PricedCheckout extends Totals {
  lines: PricedLine[];
  reverseCharge: boolean;
}

export function priceCheckout(input: {
  seller: SellerTaxSettings;
  lines: readonly CartLineInput[];
  payer: { type: "B2C" | "B2B"; country: string | null } | null;
}): PricedCheckout {
  const reverseCharge = input.payer
    ? isReverseCharge({ sellerCountry: input.seller.country, payerType: input.payer.type, payerCountry: input.payer.country })
    : false;
  const lines = input.lines.map((line, index): PricedLine => {
    const rateBps = input.seller.taxEnabled ? (line.taxRateBps ?? input.seller.taxRateBps) : 0;
    const { net, tax } = lineTax({ unitPrice: line.unitPrice, quantity: line.quantity, rateBps, inclusive: input.seller.pricesIncludeTax });
    // Reverse charge keeps the net (for tax-inclusive prices, the price without the tax) and drops
    // the tax: the business buyer accounts for it in its own country.
    const appliedRateBps = reverseCharge ? 0 : rateBps;
    const appliedTax = reverseCharge ? 0n : tax;
    return { ...line, position: index + 1, appliedRateBps, net, tax: appliedTax, lineTotal: net + appliedTax };
  });
  return { lines, reverseCharge, ...sumLines(lines) };
}
