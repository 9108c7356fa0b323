'use client';

import dynamic from 'next/dynamic';
import { useRef } from 'react';
import { useRechartsTabOrder } from './use-recharts-tab-order';

/**
 * The drawing, with Recharts, loads after the page has shown (its own chunk, not the first load); until
 * then the box keeps the chart's height, empty, as it was before the chart was measured.
 */
const SilenceChartPlot = dynamic(() => import('./silence-chart-plot').then((module) => module.SilenceChartPlot), {
  ssr: false,
});

export type SilenceBar = { label: string; days: number; medianDays: number | null; since: string };

/**
 * The dashboard's headline chart: the longest running silences, in days. Its
 * height is fixed by the number of bars, so nothing moves when it hydrates.
 */
export function SilenceChart({ bars, title, source }: { bars: SilenceBar[]; title: string; source: string }) {
  const height = 48 + bars.length * 46;
  const frame = useRef<HTMLDivElement>(null);
  useRechartsTabOrder(frame);
  return (
    <figure>
      <figcaption className="text-base font-semibold">{title}</figcaption>
      <p className="text-muted text-sm">Days since the last held contact of each pair</p>
      <div ref={frame} style={{ height }} className="mt-3">
        <SilenceChartPlot bars={bars} />
      </div>
      <p className="text-muted mt-1 text-xs">{source}</p>
    </figure>
  );
}
