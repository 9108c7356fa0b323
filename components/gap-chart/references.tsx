import type { GapChartData } from '../pair-view';
import { HALO } from './marks';
import { time, type TimeAxis } from './scales';

type RefKind = 'event' | 'channel' | 'channel-open';

/** A labelled line: an event, a channel set up or closed, or (no line) a channel already open where the chart begins. */
export type RefMark = { id: string; x: number; text: string; kind: RefKind; row: number; side: 'left' | 'right' };

/**
 * Labels of reference lines, stacked in rows so that neighbours do not overlap,
 * each on the side of its line where it fits (shortened when neither side does).
 */
function placeReferences(
  items: { id: string; x: number; text: string; kind: RefKind }[],
  toPixel: (x: number) => number,
  left: number,
  right: number,
): RefMark[] {
  const charWidth = 6;
  const rows: [number, number][][] = [];
  return [...items]
    .sort((p, q) => p.x - q.x)
    .map((item) => {
      const px = toPixel(item.x);
      const roomRight = right - px - 5;
      const roomLeft = px - left - 5;
      const needed = item.text.length * charWidth + 4;
      const side = needed <= roomRight || roomRight >= roomLeft ? 'right' : 'left';
      const room = side === 'right' ? roomRight : roomLeft;
      const chars = Math.floor((room - 4) / charWidth);
      const text = needed <= room ? item.text : `${item.text.slice(0, Math.max(1, chars - 1)).trimEnd()}…`;
      const width = Math.min(needed, room) + 6;
      const extent: [number, number] = side === 'right' ? [px, px + width] : [px - width, px];
      let row = rows.findIndex((taken) => taken.every(([a, b]) => extent[1] < a || extent[0] > b));
      if (row === -1) {
        rows.push([]);
        row = rows.length - 1;
      }
      rows[row].push(extent);
      return { ...item, text, row, side };
    });
}

/** More rows of labels would crowd the bars; further events keep their line and their place in the timeline. */
export const MAX_LABEL_ROWS = 4;

/**
 * The context events and channels inside the time axis: the spans a channel was open (shaded), and
 * the labelled lines of events and of channels set up or closed, their labels placed in rows.
 */
export function referenceMarks(data: GapChartData, axis: TimeAxis) {
  const { domain, endTime, toPixel, plotLeft, plotWidth } = axis;
  // A channel is shaded while it is open; its setting up and closing are lines, or a label at the chart's edge.
  const spans = data.channels
    .map((c) => ({
      id: c.id,
      from: Math.max(time(c.from), domain[0]),
      to: Math.min(c.to ? time(c.to) : endTime, domain[1]),
    }))
    .filter((span) => span.from <= span.to);
  const channelMarks = data.channels.flatMap((c) => {
    const from = time(c.from);
    const to = c.to === null ? null : time(c.to);
    return [
      from >= domain[0]
        ? { id: `${c.id}-from`, x: from, text: `${c.name} set up`, kind: 'channel' as const }
        : { id: `${c.id}-open`, x: domain[0], text: `${c.name} open`, kind: 'channel-open' as const },
      ...(to === null ? [] : [{ id: `${c.id}-to`, x: to, text: `${c.name} closed`, kind: 'channel' as const }]),
    ];
  });
  const references = placeReferences(
    [
      ...data.events.map((e) => ({ id: e.id, x: time(e.date), text: e.title, kind: 'event' as const })),
      ...channelMarks,
    ].filter((mark) => mark.x >= domain[0] && mark.x <= domain[1]),
    toPixel,
    plotLeft,
    plotLeft + plotWidth,
  );
  // The reference labels sit in rows at the top; the tallest bar and its label stay below them.
  const labelRows = Math.min(
    MAX_LABEL_ROWS,
    references.reduce((most, mark) => Math.max(most, mark.row + 1), 0),
  );
  return { spans, references, labelRows };
}

/** A reference line's label, in its row at the top of the plot; rows past the last are left unlabelled. */
export function ReferenceLabel({ viewBox, mark }: { viewBox?: { x?: number; y?: number }; mark: RefMark }) {
  if (mark.row >= MAX_LABEL_ROWS) return null;
  const x = viewBox?.x ?? 0;
  const y = (viewBox?.y ?? 0) + 13 + mark.row * 15;
  return (
    <text
      x={mark.side === 'right' ? x + 5 : x - 5}
      y={y}
      textAnchor={mark.side === 'right' ? 'start' : 'end'}
      className="text-[11px]"
      style={{ ...HALO, fill: mark.kind === 'event' ? 'var(--color-ink)' : 'var(--color-muted)' }}
    >
      {mark.text}
    </text>
  );
}
