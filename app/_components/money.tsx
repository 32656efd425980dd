import { formatMoney } from "@/lib/money/amount";

/**
 * An amount in minor units, formatted for its currency. `signed` shows + for money in and colours
 * the sign, so a history reads at a glance. Accepts a string for values passed from the server to
 * client components (BigInt doesn't serialize).
 */
export function Money({ minor, currency, signed = false, className = "" }: { minor: bigint | string; currency: string; signed?: boolean; className?: string }) {
  const value = typeof minor === "string" ? BigInt(minor) : minor;
  const text = formatMoney(value, currency);
  if (!signed) return <span className={`tabular-nums ${className}`}>{text}</span>;
  const tone = value < 0n ? "text-red-700" : "text-emerald-700";
  return <span className={`tabular-nums font-medium ${tone} ${className}`}>{value > 0n ? `+${text}` : text}</span>;
}
