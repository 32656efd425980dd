"use client";

// Creates a lightweight-charts chart in a container that follows the container's width (so a
// chart never overflows a phone screen) and removes it on unmount.
import { createChart, type DeepPartial, type ChartOptions, type IChartApi } from "lightweight-charts";
import { useEffect, useRef } from "react";

export function useChart(setup: (chart: IChartApi) => void, deps: readonly unknown[], options: DeepPartial<ChartOptions> = {}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const chart = createChart(el, {
      autoSize: true,
      layout: { background: { color: "#ffffff" }, textColor: "#334155", fontFamily: "system-ui, sans-serif", attributionLogo: false },
      grid: { vertLines: { color: "#f1f5f9" }, horzLines: { color: "#f1f5f9" } },
      rightPriceScale: { borderColor: "#e2e8f0" },
      timeScale: { borderColor: "#e2e8f0" },
      ...options,
    });
    setup(chart);
    chart.timeScale().fitContent();
    return () => chart.remove();
    // `setup` is a new function every render; the caller lists what it depends on in `deps`.
  }, deps);
  return ref;
}
