/** A 24h change in basis points, shown as a signed percentage with its colour and a word for screen readers. */
export function Change({ bp }: { bp: number }) {
  const text = `${bp > 0 ? "+" : ""}${(bp / 100).toFixed(2)}%`;
  const tone = bp > 0 ? "text-emerald-700" : bp < 0 ? "text-red-700" : "text-slate-600";
  return (
    <span className={`tabular-nums ${tone}`}>
      {text}
      <span className="sr-only"> in 24 hours</span>
    </span>
  );
}
