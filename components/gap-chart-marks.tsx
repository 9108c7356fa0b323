import type { ChartMarker } from './pair-view';

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
