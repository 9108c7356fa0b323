import type { ChartMarker } from '../pair-view';

/** Approximate or disputed: the gap can be shorter or longer than its recorded days. */
export const isUncertain = (g: { approximate: boolean; disputed: boolean }) => g.approximate || g.disputed;

/** A marker's symbol: refused ●, sought ○, expected ◇, cancelled ×, all in the refusal colour. */
export function MarkerSymbol({ status, x, y }: { status: ChartMarker['status']; x: number; y: number }) {
  const ring = { fill: 'var(--color-paper)', stroke: 'var(--color-refusal)', strokeWidth: 2 };
  switch (status) {
    case 'REFUSED':
      return (
        <circle
          cx={x}
          cy={y}
          r={4.5}
          style={{ fill: 'var(--color-refusal)', stroke: 'var(--color-paper)', strokeWidth: 1.5 }}
        />
      );
    case 'REQUESTED':
      return <circle cx={x} cy={y} r={4} style={ring} />;
    case 'SCHEDULED':
      return <path d={`M${x} ${y - 5.5}L${x + 5.5} ${y}L${x} ${y + 5.5}L${x - 5.5} ${y}Z`} style={ring} />;
    case 'CANCELLED':
      return (
        <path
          d={`M${x - 4} ${y - 4}L${x + 4} ${y + 4}M${x + 4} ${y - 4}L${x - 4} ${y + 4}`}
          style={{ stroke: 'var(--color-refusal)', strokeWidth: 2.2 }}
        />
      );
  }
}

/** A paper-coloured outline behind text drawn over bars and lines, so that it stays readable. */
export const HALO = {
  paintOrder: 'stroke',
  stroke: 'var(--color-paper)',
  strokeWidth: 3,
  strokeLinejoin: 'round',
} as const;

/** Approximate or disputed gaps are hatched; the pattern is drawn in the history grey. */
export function HatchDefs({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="5" height="5" style={{ fill: 'var(--color-paper)' }} />
        <line x1="0" y1="0" x2="0" y2="5" style={{ stroke: 'var(--color-history)', strokeWidth: 2 }} />
      </pattern>
    </defs>
  );
}
