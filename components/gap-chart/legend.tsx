import type { GapChartData } from '../pair-view';
import type { ExportLegendItem } from './export';
import { isUncertain, MarkerSymbol } from './marks';

const LEGEND_LABEL: Record<ExportLegendItem['swatch'], string> = {
  closed: 'Silence closed when an official left office',
  approximate: 'Approximate or disputed (range marked)',
  refused: 'Contact sought and refused',
  sought: 'Contact sought',
  expected: 'Contact expected',
  cancelled: 'Contact cancelled',
};

/** The legend's items: only the kinds of bar and marker this chart shows. */
export function legendOf(data: GapChartData): ExportLegendItem[] {
  const markers = [...data.leadingMarkers, ...data.gaps.flatMap((g) => g.markers), ...(data.silence?.markers ?? [])];
  const statuses = new Set(markers.map((m) => m.status));
  const swatches: ExportLegendItem['swatch'][] = [];
  if (data.gaps.some((g) => g.closed)) swatches.push('closed');
  if (data.gaps.some(isUncertain) || (data.silence && isUncertain(data.silence))) swatches.push('approximate');
  if (statuses.has('REFUSED')) swatches.push('refused');
  if (statuses.has('REQUESTED')) swatches.push('sought');
  if (statuses.has('SCHEDULED')) swatches.push('expected');
  if (statuses.has('CANCELLED')) swatches.push('cancelled');
  return swatches.map((swatch) => ({ swatch, label: LEGEND_LABEL[swatch] }));
}

/** A legend item's symbol, drawn as on the chart. */
export function LegendSwatch({ swatch, hatchId }: { swatch: ExportLegendItem['swatch']; hatchId: string }) {
  return (
    <svg width="14" height="14" viewBox="-7 -7 14 14" aria-hidden="true" className="shrink-0">
      {swatch === 'closed' ? (
        <>
          <rect
            x={-4.5}
            y={-5.5}
            width={9}
            height={12}
            style={{ fill: 'var(--color-history)', fillOpacity: 0.3, stroke: 'var(--color-history)', strokeWidth: 1.5 }}
          />
          <line x1={-6.5} x2={6.5} y1={-6} y2={-6} style={{ stroke: 'var(--color-history)', strokeWidth: 2 }} />
        </>
      ) : swatch === 'approximate' ? (
        <rect
          x={-5.5}
          y={-6.5}
          width={11}
          height={13}
          fill={`url(#${hatchId})`}
          style={{ stroke: 'var(--color-history)' }}
        />
      ) : (
        <MarkerSymbol
          status={
            ({ refused: 'REFUSED', sought: 'REQUESTED', expected: 'SCHEDULED', cancelled: 'CANCELLED' } as const)[
              swatch
            ]
          }
          x={0}
          y={0}
        />
      )}
    </svg>
  );
}
