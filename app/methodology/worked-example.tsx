import { formatDayRange } from '@/lib/format';
import { daysBetween } from '@/lib/gaps/dates';
import { computeSeries, makePairKey } from '@/lib/gaps/engine';
import { leftOfficeOn } from '@/lib/gaps/office';
import type { Gap, GapContact, IsoDate } from '@/lib/gaps/types';

/*
 * The founding story, counted by the gap engine itself when the page is built,
 * so the figures here are the ones every pair page, the API and the exports give.
 */
const US_RU = (a: string, b: string) => [
  { officialId: a, country: 'US', officeKey: null },
  { officialId: b, country: 'RU', officeKey: null },
];

function contact(id: string, date: IsoDate, more: Partial<GapContact> = {}): GapContact {
  return { id, date, precision: 'DAY', status: 'HELD', type: 'CALL', claimedDates: [], participants: [], ...more };
}

const AUSTIN_SHOIGU = US_RU('austin', 'shoigu');
const MILLEY_GERASIMOV = US_RU('milley', 'gerasimov');
const BUILT_ON: IsoDate = '2022-06-01';

const defence = computeSeries(
  [
    contact('as-1', '2022-02-18', { participants: AUSTIN_SHOIGU }),
    contact('as-refused', '2022-03-24', { status: 'REFUSED', participants: AUSTIN_SHOIGU }),
    contact('as-2', '2022-05-13', { participants: AUSTIN_SHOIGU }),
  ],
  makePairKey('OFFICIAL', 'austin', 'shoigu'),
  BUILT_ON,
).gaps[0];

const military = computeSeries(
  [
    // Recorded as the Joint Chiefs date it; The Hill's date is kept as a source's claim.
    contact('mg-1', '2022-02-11', { claimedDates: ['2022-02-11', '2022-02-18'], participants: MILLEY_GERASIMOV }),
    contact('mg-refused', '2022-03-24', { status: 'REFUSED', participants: MILLEY_GERASIMOV }),
    contact('mg-expected', '2022-05-13', { status: 'SCHEDULED', participants: MILLEY_GERASIMOV }),
    contact('mg-2', '2022-05-19', { participants: MILLEY_GERASIMOV }),
  ],
  makePairKey('OFFICIAL', 'milley', 'gerasimov'),
  BUILT_ON,
).gaps[0];

/**
 * The silence after 13 May 2022, closed when Shoigu's tenure as Minister of Defence
 * (6 November 2012 – 12 May 2024) ended: counted on a day after he left.
 */
const closed = computeSeries(
  [
    contact('as-1', '2022-02-18', { participants: AUSTIN_SHOIGU }),
    contact('as-2', '2022-05-13', { participants: AUSTIN_SHOIGU }),
  ],
  makePairKey('OFFICIAL', 'austin', 'shoigu'),
  '2024-06-01',
  new Map([['shoigu', leftOfficeOn([{ startDate: '2012-11-06', endDate: '2024-05-12' }], '2024-06-01')!]]),
).gaps[1];

/** The 84-day gap of the founding story, the 90–97 days of the pair whose sources disagree, and the closed silence. */
export const EXAMPLE: { defence: Gap; military: Gap; closed: Gap } = { defence, military, closed };

const AXIS_START: IsoDate = '2022-02-01';
const AXIS_END: IsoDate = '2022-05-31';
const AXIS_DAYS = daysBetween(AXIS_START, AXIS_END);
const INVASION: IsoDate = '2022-02-24';
const MONTHS: { date: IsoDate; label: string }[] = [
  { date: '2022-02-01', label: 'Feb' },
  { date: '2022-03-01', label: 'Mar' },
  { date: '2022-04-01', label: 'Apr' },
  { date: '2022-05-01', label: 'May' },
];

const at = (date: IsoDate) => `${(daysBetween(AXIS_START, date) / AXIS_DAYS) * 100}%`;
const span = (from: IsoDate, to: IsoDate) => ({
  left: at(from),
  width: `${(daysBetween(from, to) / AXIS_DAYS) * 100}%`,
});

const DOT = 'ring-paper absolute top-1/2 size-3 -translate-x-1/2 -translate-y-1/2 rounded-full ring-2';

function HeldDot({ date }: { date: IsoDate }) {
  return <span className={`${DOT} bg-ink`} style={{ left: at(date) }} />;
}

function ClaimedDot({ date }: { date: IsoDate }) {
  return <span className={`${DOT} border-ink bg-paper border-2`} style={{ left: at(date) }} />;
}

function RefusedMark({ date }: { date: IsoDate }) {
  return <span className={`${DOT} bg-refusal size-2.5`} style={{ left: at(date) }} />;
}

function ExpectedMark({ date }: { date: IsoDate }) {
  return (
    <span
      className="border-refusal bg-paper absolute top-1/2 size-2.5 -translate-x-1/2 -translate-y-1/2 rotate-45 border-2"
      style={{ left: at(date) }}
    />
  );
}

function Row({ label, figure, children }: { label: string; figure: string; children: React.ReactNode }) {
  return (
    <div className="mt-5">
      <p className="flex flex-wrap items-baseline justify-between gap-x-4 text-sm">
        <span className="font-medium">{label}</span>
        <span className="text-base font-semibold tabular-nums">{figure}</span>
      </p>
      <div className="relative mt-1.5 h-5">{children}</div>
    </div>
  );
}

/** A key entry: its symbol, drawn as in the figure, and what it means. */
function Key({ symbol, children }: { symbol: React.ReactNode; children: React.ReactNode }) {
  return (
    <li className="flex items-center gap-2">
      <span className="relative inline-block h-3 w-5 shrink-0">{symbol}</span>
      {children}
    </li>
  );
}

/**
 * The worked example as a figure: February to May 2022, the two pairs of the
 * founding story, their gaps, the refusals inside them and the invasion. Plain
 * HTML and CSS, drawn on the server; the list after it says the same in words.
 */
export function WorkedExample() {
  const solid = 'bg-history absolute top-1/2 h-2 -translate-y-1/2 rounded-sm';
  return (
    <figure aria-labelledby="worked-example-title" className="border-rule border-y py-6">
      <h3 id="worked-example-title" className="text-xl font-semibold tracking-tight text-balance sm:text-2xl">
        {formatDayRange(defence)} without a call, across the invasion of Ukraine
      </h3>
      <p className="text-muted mt-2 max-w-2xl text-sm">
        Silences between the US and Russian defence chiefs and between their military chiefs, February to May 2022. Each
        grey bar is one gap, from the held call that began it to the one that ended it.
      </p>

      <div aria-hidden="true" className="mt-6">
        <div className="relative h-5 text-xs">
          {MONTHS.map((m) => (
            <span
              key={m.date}
              className="text-muted border-rule absolute inset-y-0 border-l pl-1 tabular-nums"
              style={{ left: at(m.date) }}
            >
              {m.label}
            </span>
          ))}
        </div>
        <div className="relative">
          <span
            className="border-ink/60 absolute top-0 -bottom-1 border-l border-dashed"
            style={{ left: at(INVASION) }}
          />
          <p className="relative h-5 text-xs">
            <span className="absolute top-1 pl-1.5 whitespace-nowrap" style={{ left: at(INVASION) }}>
              Russia invades Ukraine
            </span>
          </p>
          <Row label="Lloyd Austin – Sergei Shoigu" figure={formatDayRange(defence)}>
            <span className={solid} style={span(defence.from, defence.to)} />
            <HeldDot date={defence.from} />
            {defence.markers.map((m) => (
              <RefusedMark key={m.contactId} date={m.date} />
            ))}
            <HeldDot date={defence.to} />
          </Row>
          <Row label="Mark Milley – Valery Gerasimov" figure={formatDayRange(military)}>
            <span
              className="border-history bg-history/25 absolute top-1/2 h-2 -translate-y-1/2 rounded-sm border border-dashed"
              style={span(military.from, military.to)}
            />
            <span className={solid} style={span('2022-02-18', military.to)} />
            <HeldDot date={military.from} />
            <ClaimedDot date="2022-02-18" />
            {military.markers.map((m) =>
              m.status === 'SCHEDULED' ? (
                <ExpectedMark key={m.contactId} date={m.date} />
              ) : (
                <RefusedMark key={m.contactId} date={m.date} />
              ),
            )}
            <HeldDot date={military.to} />
          </Row>
        </div>
        <ul className="text-muted mt-6 flex flex-wrap gap-x-5 gap-y-2 text-xs">
          <Key symbol={<span className={`${DOT} bg-ink left-1/2`} />}>held call</Key>
          <Key symbol={<span className={`${DOT} border-ink bg-paper left-1/2 border-2`} />}>
            the date another source gives
          </Key>
          <Key
            symbol={
              <span className="border-history bg-history/25 absolute inset-x-0 top-1/2 h-2 -translate-y-1/2 rounded-sm border border-dashed" />
            }
          >
            the range the sources allow
          </Key>
          <Key symbol={<span className={`${DOT} bg-refusal left-1/2 size-2.5`} />}>call sought and refused</Key>
          <Key
            symbol={
              <span className="border-refusal bg-paper absolute top-1/2 left-1/2 size-2.5 -translate-x-1/2 -translate-y-1/2 rotate-45 border-2" />
            }
          >
            call expected
          </Key>
        </ul>
      </div>

      <figcaption className="text-muted mt-5 text-xs">
        Source: the readouts and reports that Counterpart’s demo data quotes — Axios and CNN (the Pentagon’s readouts),
        TASS, the Washington Examiner (the Joint Staff), The Hill, Politico and Reuters.
      </figcaption>
    </figure>
  );
}
