'use client';

import dynamic from 'next/dynamic';
import { useId, useRef, useState } from 'react';
import type { GapChartData } from '../pair-view';
import { useRechartsTabOrder } from '../use-recharts-tab-order';
import { PendingLabel } from '@/components/ui/progress';
import { downloadPng, downloadSvg } from './export';
import { LegendSwatch, legendOf } from './legend';

/**
 * The drawing, with Recharts, loads after the page has shown (its own chunk, not the first load). Until then,
 * and without JavaScript, the frame keeps the chart's height and says where the numbers are, as it always did
 * before the chart was measured.
 */
const GapChartPlot = dynamic(() => import('./plot').then((module) => module.GapChartPlot), {
  ssr: false,
  loading: () => (
    <p className="text-muted flex h-full items-center justify-center text-sm">
      The chart draws here; the same numbers are in the table below.
    </p>
  ),
});

/**
 * The gap chart of a pair: one bar per silence at the date of the contact that
 * ended it, the running silence as an open bar at today, markers inside their
 * silence, context events and channels as labelled lines. Its height is fixed,
 * so nothing moves when it draws; the table below carries the same numbers.
 */
export function GapChart({
  data,
  exports,
  isEmbedded = false,
}: {
  data: GapChartData;
  exports: { label: string; description: string; href: string }[];
  /** In an embed: the chart fills its frame's height, with no zoom or download controls. */
  isEmbedded?: boolean;
}) {
  const baseId = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const hatchId = `hatch-${baseId}`;
  const frameRef = useRef<HTMLDivElement>(null);
  // Zoom and the downloads wait for the drawn chart: the downloads copy its SVG.
  const [isDrawn, setDrawn] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  // A PNG of a long record takes a moment to paint: the pressed button says so until the file is handed over.
  const [saving, setSaving] = useState<'svg' | 'png' | null>(null);
  const canZoom =
    !isEmbedded &&
    data.silence !== null &&
    data.gaps.length > 0 &&
    Math.max(...data.gaps.map((g) => g.maxDays)) < data.silence.days * 0.25;
  const [isZoomed, setZoomed] = useState(false);
  const legend = legendOf(data);

  useRechartsTabOrder(frameRef, isDrawn);

  const frame = {
    title: data.title,
    subtitle: isZoomed
      ? `${data.subtitle} Zoomed to the past silences; the running one is off this scale.`
      : data.subtitle,
    legend,
    source: data.sourceLine,
  };
  const save = async (kind: 'svg' | 'png') => {
    const svg = frameRef.current?.querySelector<SVGSVGElement>('svg.recharts-surface');
    if (!svg) return;
    setExportError(null);
    setSaving(kind);
    try {
      if (kind === 'svg') downloadSvg(svg, frame, `${data.fileBase}.svg`);
      else await downloadPng(svg, frame, `${data.fileBase}.png`);
    } catch (error) {
      setExportError(error instanceof Error ? error.message : 'The download failed');
    } finally {
      setSaving(null);
    }
  };

  return (
    <div className={isEmbedded ? 'flex h-full flex-col' : undefined}>
      {canZoom && (
        <div role="group" aria-label="Scale of the chart" className="mb-3 flex gap-1 text-sm">
          {[
            { value: false, label: 'Whole record' },
            { value: true, label: 'Past silences up close' },
          ].map((option) => (
            <button
              key={option.label}
              type="button"
              aria-pressed={isZoomed === option.value}
              disabled={!isDrawn}
              onClick={() => setZoomed(option.value)}
              className="border-rule text-muted hover:text-ink aria-pressed:border-ink aria-pressed:text-ink rounded border px-2.5 py-0.5 disabled:opacity-50 aria-pressed:font-medium"
            >
              {option.label}
            </button>
          ))}
        </div>
      )}
      {legend.length > 0 && (
        <ul
          className={`text-muted flex flex-wrap gap-x-5 gap-y-1 text-xs ${isEmbedded ? 'mb-1 [@media(max-height:380px)]:hidden' : 'mb-3'}`}
          aria-label="Legend"
        >
          {legend.map((item) => (
            <li key={item.swatch} className="flex items-center gap-1.5">
              <LegendSwatch swatch={item.swatch} hatchId={hatchId} />
              {item.label}
            </li>
          ))}
        </ul>
      )}
      <div
        ref={frameRef}
        className={isEmbedded ? 'relative min-h-[140px] flex-1' : 'relative h-[340px] sm:h-[400px]'}
        data-testid="gap-chart"
      >
        <GapChartPlot
          data={data}
          isZoomed={isZoomed}
          hatchId={hatchId}
          tooltipId={`tooltip-${baseId}`}
          frame={frameRef}
          onDrawn={setDrawn}
        />
      </div>
      <div className={`${isEmbedded ? 'hidden' : 'flex'} mt-4 flex-wrap items-center gap-x-8 gap-y-3 text-sm`}>
        <div role="group" aria-label="Download the chart" className="flex items-center gap-2">
          <span className="text-muted">Chart</span>
          {(['svg', 'png'] as const).map((kind) => (
            <button
              key={kind}
              type="button"
              disabled={!isDrawn || saving !== null}
              aria-busy={saving === kind || undefined}
              onClick={() => void save(kind)}
              aria-label={`Download the chart as ${kind.toUpperCase()}`}
              className="border-rule hover:border-ink inline-flex items-center gap-1.5 rounded border px-2 py-0.5 font-medium disabled:opacity-50"
            >
              <PendingLabel pending={saving === kind}>{kind.toUpperCase()}</PendingLabel>
            </button>
          ))}
        </div>
        {exports.length > 0 && (
          <div className="flex items-center gap-3">
            <span className="text-muted">Data</span>
            {exports.map((link) => (
              <a key={link.href} href={link.href} className="font-medium" aria-label={link.description}>
                {link.label}
              </a>
            ))}
          </div>
        )}
        {exportError && (
          <span role="alert" className="text-refusal">
            {exportError}
          </span>
        )}
      </div>
    </div>
  );
}
