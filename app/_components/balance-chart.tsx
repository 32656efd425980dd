// An account's balance after each of its recent entries (oldest → newest) as a line with labelled
// axes: balance in the account's currency up the side (lowest, highest), dates along the bottom
// (first, last), and the range in words. Coordinates are computed with BigInt from the balances, so
// no money value ever passes through a float; the labels are formatted exactly by formatMoney.
// Axis labels are HTML around the SVG, so they stay readable at any width.
import { formatMoney } from "@/lib/money/amount";
import { formatDateInZone, formatTimeInZone } from "@/lib/time/time-zone";

const W = 1000;
const H = 200;

export interface BalancePoint {
  at: Date;
  balance: bigint;
}

export function BalanceChart({ points, currency, timeZone, empty }: { points: BalancePoint[]; currency: string; timeZone: string; empty: string }) {
  if (points.length < 2) return <p className="text-sm text-slate-600">{empty}</p>;
  let min = points[0]!.balance;
  let max = min;
  for (const { balance } of points) {
    if (balance < min) min = balance;
    if (balance > max) max = balance;
  }
  const span = max - min === 0n ? 1n : max - min;
  const x = (i: number) => Math.round((i * W) / (points.length - 1));
  // Flat lines sit in the middle rather than on the floor.
  const y = (b: bigint) => (max === min ? H / 2 : H - Number(((b - min) * BigInt(H)) / span));
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i)},${y(p.balance)}`).join(" ");
  const rising = points.at(-1)!.balance >= points[0]!.balance;
  const first = formatDateInZone(points[0]!.at, timeZone);
  const last = formatDateInZone(points.at(-1)!.at, timeZone);
  // All on one day: the axis counts hours, so its ends are times.
  const oneDay = first === last;
  const end = (at: Date) => (oneDay ? formatTimeInZone(at, timeZone) : formatDateInZone(at, timeZone));
  const description = `Balance after each of the last ${points.length} entries, ${first} to ${last}: from ${formatMoney(points[0]!.balance, currency)} to ${formatMoney(points.at(-1)!.balance, currency)}, lowest ${formatMoney(min, currency)}, highest ${formatMoney(max, currency)}.`;

  return (
    <figure className="min-w-0">
      <figcaption className="mb-2 text-xs text-slate-600">
        Last {points.length} entries · {first === last ? first : `${first} – ${last}`}
      </figcaption>
      <div className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 text-xs text-slate-600">
        <span className="col-span-2 mb-1 font-medium text-slate-700">Balance ({currency})</span>
        <div className="flex h-28 flex-col justify-between text-right tabular-nums" aria-hidden="true">
          <span>{formatMoney(max, currency)}</span>
          {max === min ? null : <span>{formatMoney(min, currency)}</span>}
        </div>
        <svg role="img" aria-label={description} viewBox={`0 -4 ${W} ${H + 8}`} preserveAspectRatio="none" className="h-28 w-full border-b border-l border-slate-300">
          <line x1={0} x2={W} y1={0} y2={0} className="stroke-slate-100" vectorEffect="non-scaling-stroke" />
          <line x1={0} x2={W} y1={H} y2={H} className="stroke-slate-100" vectorEffect="non-scaling-stroke" />
          <path d={path} fill="none" strokeWidth={2} vectorEffect="non-scaling-stroke" strokeLinejoin="round" className={rising ? "stroke-emerald-600" : "stroke-red-600"} />
        </svg>
        <span />
        <div className="mt-1 flex justify-between gap-2" aria-hidden="true">
          <span>{end(points[0]!.at)}</span>
          <span className="text-right">{end(points.at(-1)!.at)}</span>
        </div>
        <span />
        <span className="text-center font-medium text-slate-700">{oneDay ? `Time of entry (${first})` : "Date of entry"}</span>
      </div>
    </figure>
  );
}
