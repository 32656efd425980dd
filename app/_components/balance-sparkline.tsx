// A small SVG line of an account's balance after each of its recent entries (oldest → newest).
// Coordinates are whole tenths of a pixel computed with BigInt from the balances, so no money
// value ever passes through a float; the viewBox is scaled ×10 to draw them.
const SCALE = 10;

export function BalanceSparkline({ points, label, width = 240, height = 48 }: { points: bigint[]; label: string; width?: number; height?: number }) {
  if (points.length < 2) return null;
  let min = points[0]!;
  let max = points[0]!;
  for (const p of points) {
    if (p < min) min = p;
    if (p > max) max = p;
  }
  const span = max - min === 0n ? 1n : max - min;
  const pad = 2 * SCALE;
  const innerWidth = (width - 4) * SCALE;
  const innerHeight = BigInt((height - 4) * SCALE);
  const x = (i: number) => pad + Math.round((i * innerWidth) / (points.length - 1));
  const y = (p: bigint) => height * SCALE - pad - Number(((p - min) * innerHeight) / span);
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i)},${y(p)}`).join(" ");
  const rising = points.at(-1)! >= points[0]!;
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${width * SCALE} ${height * SCALE}`} width={width} height={height} className="max-w-full">
      <path d={path} fill="none" strokeWidth={2 * SCALE} className={rising ? "stroke-emerald-600" : "stroke-red-600"} strokeLinejoin="round" />
    </svg>
  );
}
