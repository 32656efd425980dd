// A small SVG line of an account's balance after each of its recent entries (oldest → newest).
// Drawn on the server from integers: the only float is the pixel position.
export function BalanceSparkline({ points, label, width = 240, height = 48 }: { points: bigint[]; label: string; width?: number; height?: number }) {
  if (points.length < 2) return null;
  let min = points[0]!;
  let max = points[0]!;
  for (const p of points) {
    if (p < min) min = p;
    if (p > max) max = p;
  }
  const span = max - min === 0n ? 1n : max - min;
  const x = (i: number) => (i / (points.length - 1)) * (width - 4) + 2;
  // Scale in BigInt to 1/1000 of the height before converting to a pixel number.
  const y = (p: bigint) => height - 2 - (Number(((p - min) * 1000n) / span) / 1000) * (height - 4);
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${x(i).toFixed(1)},${y(p).toFixed(1)}`).join(" ");
  const rising = points.at(-1)! >= points[0]!;
  return (
    <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} width={width} height={height} className="max-w-full">
      <path d={path} fill="none" strokeWidth={2} className={rising ? "stroke-emerald-600" : "stroke-red-600"} strokeLinejoin="round" />
    </svg>
  );
}
