'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { YAxisTickContentProps } from 'recharts';
import { useRef } from 'react';
import { useRechartsTabOrder } from './use-recharts-tab-order';

export type SilenceBar = { label: string; days: number; medianDays: number | null; since: string };

const integer = new Intl.NumberFormat('en-GB');

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
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={bars}
            layout="vertical"
            margin={{ top: 16, right: 24, bottom: 20, left: 8 }}
            accessibilityLayer
          >
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
            <Bar
              dataKey="days"
              fill="var(--color-silence)"
              barSize={12}
              radius={[0, 2, 2, 0]}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <p className="text-muted mt-1 text-xs">{source}</p>
    </figure>
  );
}
