"use client";

// Revenue per day, one line per currency (lightweight-charts). Values arrive in major units as
// decimal strings; they are turned into numbers only to be drawn.
import { createChart, LineSeries, type UTCTimestamp } from "lightweight-charts";
import { useEffect, useRef } from "react";

export interface RevenueSeries {
  currency: string;
  points: { day: string; value: string }[];
}

const COLORS = ["#4f46e5", "#059669", "#d97706", "#dc2626", "#0891b2"];

export function RevenueChart({ series }: { series: RevenueSeries[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = createChart(ref.current, { height: 280, autoSize: true, layout: { attributionLogo: false }, rightPriceScale: { borderVisible: false }, timeScale: { borderVisible: false } });
    series.forEach((s, i) => {
      const line = chart.addSeries(LineSeries, { color: COLORS[i % COLORS.length], lineWidth: 2, title: s.currency });
      line.setData(s.points.map((p) => ({ time: (Date.parse(`${p.day}T00:00:00Z`) / 1000) as UTCTimestamp, value: Number(p.value) })));
    });
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [series]);
  return <div ref={ref} className="w-full" role="img" aria-label={`Revenue per day in ${series.map((s) => s.currency).join(", ")}`} />;
}
