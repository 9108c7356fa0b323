import { createContext, useState, type RefObject } from 'react';
import type { IsoDate } from '@/lib/gaps/types';
import type { ChartMarker } from '../pair-view';
import type { Row } from './rows';

/** What the tooltip shows: a bar (focused or hovered) or a marker (hovered), anchored at a point of the plot. */
export type Active =
  | { kind: 'bar'; index: number; x: number; y: number; via: 'focus' | 'hover' }
  | { kind: 'marker'; marker: ChartMarker; x: number; y: number };

/** What each bar needs of the plot around it: the rows, what is active and how to move. */
export type BarContext = {
  rows: Row[];
  barWidth: number;
  today: IsoDate;
  nowLabel: string;
  hatchId: string;
  tooltipId: string;
  rover: number;
  active: Active | null;
  activate: (active: Active) => void;
  deactivate: (via: 'focus' | 'hover') => void;
  move: (from: number, key: string) => boolean;
};

export const BarCtx = createContext<BarContext | null>(null);

/** The bar a key moves focus to from bar `from` of `count`, or null for a key that does not move it. */
export function targetBar(from: number, key: string, count: number): number | null {
  const last = count - 1;
  return key === 'ArrowRight' || key === 'ArrowDown'
    ? Math.min(last, from + 1)
    : key === 'ArrowLeft' || key === 'ArrowUp'
      ? Math.max(0, from - 1)
      : key === 'Home'
        ? 0
        : key === 'End'
          ? last
          : null;
}

/**
 * The chart's keyboard and pointer state: the active bar or marker, and the roving tab stop (the
 * bar last focused), as the WAI-ARIA practices advise for a composite widget. A change of scale
 * leaves nothing active, and gives the tab stop back to the first bar.
 */
export function useActiveBar(frame: RefObject<HTMLDivElement | null>, count: number, isZoomed: boolean) {
  const [active, setActive] = useState<Active | null>(null);
  const [rover, setRover] = useState(0);
  const [drawnZoomed, setDrawnZoomed] = useState(isZoomed);
  if (drawnZoomed !== isZoomed) {
    setDrawnZoomed(isZoomed);
    setActive(null);
    setRover(0);
  }
  const activate = (next: Active) => {
    setActive(next);
    if (next.kind === 'bar' && next.via === 'focus') setRover(next.index);
  };
  const deactivate = (via: 'focus' | 'hover') =>
    setActive((current) => (current?.kind === 'bar' && current.via !== via ? current : null));
  const move = (from: number, key: string) => {
    const target = targetBar(from, key, count);
    if (target === null) return false;
    frame.current?.querySelector<SVGGElement>(`[data-bar-index="${target}"]`)?.focus();
    return true;
  };
  return { active, setActive, rover, activate, deactivate, move };
}
