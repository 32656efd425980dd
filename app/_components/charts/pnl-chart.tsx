"use client";

// Revenue, cost and profit per day (minor units passed as strings; plotted in major units).
import { HistogramSeries, LineSeries } from "lightweight-charts";
import { useChart } from "./use-chart";

export interface PnlPoint {
  day: string;
  revenue: string;
  cost: string;
  profit: string;
}

const major = (minor: string, exponent: number) => Number(minor) / 10 ** exponent;

export function PnlChart({ points, exponent, label }: { points: PnlPoint[]; exponent: number; label: string }) {
  const ref = useChart(
    (chart) => {
      const revenue = chart.addSeries(HistogramSeries, { color: "#818cf8", title: "Revenue", priceLineVisible: false });
      const cost = chart.addSeries(HistogramSeries, { color: "#fca5a5", title: "Cost", priceLineVisible: false });
      const profit = chart.addSeries(LineSeries, { color: "#059669", lineWidth: 2, title: "Profit", priceLineVisible: false });
      revenue.setData(points.map((p) => ({ time: p.day, value: major(p.revenue, exponent) })));
      cost.setData(points.map((p) => ({ time: p.day, value: -major(p.cost, exponent) })));
      profit.setData(points.map((p) => ({ time: p.day, value: major(p.profit, exponent) })));
    },
    [points, exponent],
  );
  return (
    <figure className="min-w-0">
      <div ref={ref} className="h-64 w-full min-w-0 overflow-hidden" role="img" aria-label={label} data-testid="pnl-chart" />
      <figcaption className="mt-2 flex flex-wrap gap-4 text-xs text-slate-600">
        <span><span className="mr-1 inline-block h-2 w-3 bg-indigo-400" />Revenue</span>
        <span><span className="mr-1 inline-block h-2 w-3 bg-red-300" />Cost (below zero)</span>
        <span><span className="mr-1 inline-block h-0.5 w-3 bg-emerald-600 align-middle" />Profit</span>
      </figcaption>
    </figure>
  );
}
