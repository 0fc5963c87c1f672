import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from "chart.js";
import { useEffect, useRef } from "react";

// Only the pieces the bar charts use are registered, which keeps Chart.js small in the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export interface BarSeries {
  label: string;
  values: Array<number | null>;
  color: string;
}

/** A bar chart (horizontal when `horizontal`), redrawn when its data change. */
export function BarChart(props: {
  labels: string[];
  series: BarSeries[];
  min?: number;
  max?: number;
  horizontal?: boolean;
  height?: number;
  /** Counts (or levels): ticks at whole numbers only, never "0.5 organisations". */
  integer?: boolean;
  ariaLabel: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const { labels, series, min, max, horizontal, height, integer, ariaLabel } = props;

  useEffect(() => {
    if (!canvas.current) return;
    const valueAxis = { min, max, beginAtZero: min === undefined, ticks: integer ? { precision: 0, stepSize: 1 } : {} };
    const chart = new Chart(canvas.current, {
      type: "bar",
      data: {
        labels,
        datasets: series.map((s) => ({ label: s.label, data: s.values, backgroundColor: s.color })),
      },
      options: {
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: horizontal ? { x: valueAxis } : { y: valueAxis },
        plugins: { legend: { display: series.length > 1 } },
      },
    });
    return () => chart.destroy();
  }, [labels, series, min, max, horizontal, integer]);

  return (
    <div style={{ position: "relative", height: height ?? 280 }}>
      <canvas ref={canvas} role="img" aria-label={ariaLabel} />
    </div>
  );
}
