'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { YAxisTickContentProps } from 'recharts';
import type { SilenceBar } from './silence-chart';

const integer = new Intl.NumberFormat('en-GB');

/**
 * The drawing of the dashboard's chart (components/silence-chart.tsx), with Recharts: its own chunk, which
 * the dashboard loads after it has shown, so that Recharts is not part of the page's first load.
 */
export function SilenceChartPlot({ bars }: { bars: SilenceBar[] }) {
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={bars} layout="vertical" margin={{ top: 16, right: 24, bottom: 20, left: 8 }} accessibilityLayer>
        <CartesianGrid horizontal={false} stroke="var(--color-rule)" />
        <XAxis
          type="number"
          tickFormatter={(v: number) => integer.format(v)}
          stroke="var(--color-muted)"
          tick={{ fontSize: 12, fill: 'var(--color-muted)' }}
          label={{
            value: 'days of silence',
            position: 'insideBottom',
            offset: -12,
            fontSize: 12,
            fill: 'var(--color-muted)',
          }}
        />
        {/* Labels sit above their bars, so long names never crowd a narrow screen. */}
        <YAxis
          type="category"
          dataKey="label"
          width={1}
          axisLine={false}
          tickLine={false}
          tick={({ y, payload }: YAxisTickContentProps) => (
            <text x={9} y={Number(y) - 11} fontSize={12} fill="var(--color-ink)" textAnchor="start">
              {payload.value}
            </text>
          )}
        />
        <Tooltip
          cursor={{ fill: 'var(--color-rule)', opacity: 0.5 }}
          contentStyle={{
            background: 'var(--color-paper)',
            border: '1px solid var(--color-rule)',
            color: 'var(--color-ink)',
            fontSize: 13,
          }}
          formatter={(value) => [`${integer.format(Number(value))} days`, 'Silence']}
          labelFormatter={(label, payload) => {
            const bar = payload?.[0]?.payload as SilenceBar | undefined;
            return bar ? `${label}, since ${bar.since}` : String(label);
          }}
        />
        <Bar dataKey="days" fill="var(--color-silence)" barSize={12} radius={[0, 2, 2, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
