"use client";

// Hourly OHLC candles of a share price (minor units as strings; plotted in major units).
import { CandlestickSeries, HistogramSeries, type UTCTimestamp } from "lightweight-charts";
import { useChart } from "./use-chart";

export interface Candle {
  /** Start of the hour, seconds since the epoch. */
  time: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
}

export function CandleChart({ candles, exponent, label }: { candles: Candle[]; exponent: number; label: string }) {
  const f = (minor: string) => Number(minor) / 10 ** exponent;
  const ref = useChart(
    (chart) => {
      const series = chart.addSeries(CandlestickSeries, {
        upColor: "#059669",
        downColor: "#dc2626",
        borderVisible: false,
        wickUpColor: "#059669",
        wickDownColor: "#dc2626",
        priceFormat: { type: "price", precision: exponent, minMove: 1 / 10 ** exponent },
      });
      series.setData(candles.map((c) => ({ time: c.time as UTCTimestamp, open: f(c.open), high: f(c.high), low: f(c.low), close: f(c.close) })));
      const volume = chart.addSeries(HistogramSeries, { color: "#cbd5e1", priceFormat: { type: "volume" }, priceScaleId: "" });
      volume.priceScale().applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
      volume.setData(candles.map((c) => ({ time: c.time as UTCTimestamp, value: Number(c.volume) })));
    },
    [candles, exponent],
    { timeScale: { timeVisible: true, secondsVisible: false, borderColor: "#e2e8f0" } },
  );
  return <div ref={ref} className="h-72 w-full min-w-0 overflow-hidden" role="img" aria-label={label} data-testid="candle-chart" />;
}
