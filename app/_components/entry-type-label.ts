import type { LedgerEntryType } from "@/lib/db/generated/enums";

const LABELS: Record<LedgerEntryType, string> = {
  initial_deposit: "Opening deposit",
  transfer: "Transfer",
  product_purchase: "Product purchase",
  product_cost: "Product cost",
  marketplace_batch: "Marketplace batch",
  stock_purchase: "Stock purchase",
  stock_sale: "Stock sale",
  checkout_payment: "Checkout payment",
  checkout_tax: "Checkout tax",
  refund: "Refund",
  adjustment: "Adjustment",
};

export function entryTypeLabel(type: LedgerEntryType): string {
  return LABELS[type];
}

export const ENTRY_TYPE_OPTIONS = Object.entries(LABELS).map(([value, label]) => ({ value: value as LedgerEntryType, label }));
