import type { ChartMarker, GapChartData } from '@/components/pair-view';
import { formatDate, formatNumber, nowText } from '@/lib/format';

function Markers({ markers }: { markers: ChartMarker[] }) {
  if (markers.length === 0) return <span className="text-muted">—</span>;
  return (
    <ul className="space-y-0.5">
      {markers.map((m) => (
        <li key={m.id}>
          <span className="tabular-nums">{formatDate(m.date)}</span>:{' '}
          <span className={m.status === 'REFUSED' ? 'text-refusal' : undefined}>{m.label}</span>
        </li>
      ))}
    </ul>
  );
}

function certainty(g: { approximate: boolean; disputed: boolean }) {
  const notes = [g.approximate && 'approximate', g.disputed && 'dates disputed'].filter(Boolean);
  return notes.length > 0 ? notes.join(', ') : 'exact';
}

const range = (g: { minDays: number; maxDays: number }) =>
  g.minDays === g.maxDays ? '—' : `${formatNumber(g.minDays)}–${formatNumber(g.maxDays)}`;

/** The chart as a table: every gap, the markers inside it, and the silence running now. */
export function PairGapTable({ data, subject }: { data: GapChartData; subject: string }) {
  const th = 'py-2 pr-4 text-left align-bottom text-xs font-medium tracking-wider uppercase';
  const td = 'py-2.5 pr-4 align-top';
  const rowHeader = `${td} bg-paper sticky left-0 text-left font-normal whitespace-nowrap`;
  return (
    <>
      <p id="gap-table-note" className="text-muted mb-3 max-w-3xl text-sm">
        {data.perBar === 1
          ? `Every silence between held contacts of ${subject}, oldest first, and ${data.gaps.some((g) => g.closed) ? 'the last, closed when one of them left office' : 'the one running now'}: the chart’s data.`
          : `The longest of each ${formatNumber(data.perBar)} consecutive silences between held contacts of ${subject}, oldest first, and ${data.gaps.some((g) => g.closed) ? 'the last, closed when one of them left office' : 'the one running now'}: the chart’s data. The CSV and JSON exports hold every silence.`}{' '}
        Days count calendar days; a range is given where a date is approximate or disputed.
      </p>
      <div
        className="-mx-5 overflow-x-auto px-5"
        role="region"
        aria-labelledby="gap-table-caption"
        aria-describedby="gap-table-note"
        tabIndex={0}
      >
        <table className="w-full min-w-[44rem] border-collapse text-sm tabular-nums">
          <caption id="gap-table-caption" className="sr-only">
            Every silence between held contacts of {subject}
          </caption>
          <thead className="border-ink text-muted border-b">
            <tr>
              <th scope="col" className={th}>
                From
              </th>
              <th scope="col" className={th}>
                To
              </th>
              <th scope="col" className={`${th} text-right`}>
                Days
              </th>
              <th scope="col" className={`${th} text-right`}>
                Range
              </th>
              <th scope="col" className={th}>
                Certainty
              </th>
              <th scope="col" className={`${th} min-w-[16rem]`}>
                Inside the silence
              </th>
            </tr>
          </thead>
          <tbody className="divide-rule divide-y">
            {data.leadingMarkers.length > 0 && (
              <tr>
                <th scope="row" className={`${td} bg-paper sticky left-0 text-left font-normal`} colSpan={2}>
                  Before the first held contact
                </th>
                <td className={`${td} text-right`}>—</td>
                <td className={`${td} text-right`}>—</td>
                <td className={td}>—</td>
                <td className={td}>
                  <Markers markers={data.leadingMarkers} />
                </td>
              </tr>
            )}
            {data.gaps.map((g) => (
              <tr key={g.id} data-closed={g.closed ? '' : undefined}>
                <th scope="row" className={rowHeader}>
                  {formatDate(g.from)}
                </th>
                <td className={`${td} whitespace-nowrap`}>
                  {formatDate(g.to)}
                  {g.closed && <span className="text-muted block text-xs">{g.closed.name} left office</span>}
                </td>
                <td className={`${td} text-right font-medium`}>{formatNumber(g.days)}</td>
                <td className={`${td} text-right`}>{range(g)}</td>
                <td className={td}>
                  {g.closed
                    ? `closed: ${g.closed.name} left office${g.approximate || g.disputed ? `; ${certainty(g)}` : ''}`
                    : certainty(g)}
                </td>
                <td className={td}>
                  <Markers markers={g.markers} />
                </td>
              </tr>
            ))}
            {data.silence && (
              <tr className="text-silence">
                <th scope="row" className={rowHeader}>
                  {formatDate(data.silence.since)}
                </th>
                <td className={`${td} whitespace-nowrap`}>{nowText(data.nowLabel, data.today)}</td>
                <td className={`${td} text-right font-semibold`}>{formatNumber(data.silence.days)}</td>
                <td className={`${td} text-right`}>{range(data.silence)}</td>
                <td className={td}>
                  running{data.silence.approximate || data.silence.disputed ? `, ${certainty(data.silence)}` : ''}
                </td>
                <td className={`${td} text-ink`}>
                  <Markers markers={data.silence.markers} />
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}
