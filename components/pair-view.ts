/**
 * The pair page's words and the gap chart's data, derived from what the server
 * read. Pure and serialisable, so server components and the client chart agree.
 */
import type { ContactRow } from '@/lib/data/contacts';
import type { PairFacts } from '@/lib/stats/pair-reads';
import { MAX_CHART_BARS } from '@/lib/stats/limits';
import type { NamedSide as PairSide } from '@/lib/data/pair-page';
import { formatDate, formatDayRange, formatDays, formatNumber } from '@/lib/format';
import { daysBetween } from '@/lib/gaps/dates';
import type {
  ContactStatus,
  ContactType,
  Gap,
  GapClosure,
  GapMarker,
  GapSeries,
  IsoDate,
  PairLevel,
} from '@/lib/gaps/types';
import { TYPE_LABEL } from '@/lib/labels';
import { LEVEL_SEGMENT, pairPath } from '@/lib/pairs';
import { countryName } from '@/lib/validation/common';

/** A sought, refused, expected or cancelled contact as the chart draws it inside its gap. */
export type ChartMarker = {
  id: string;
  date: IsoDate;
  status: Exclude<ContactStatus, 'HELD'>;
  /** Days the silence had lasted on the marker's date: its height in the chart. */
  elapsed: number;
  label: string;
};

/** One gap as the chart and its tooltip show it. */
export type ChartGap = Pick<Gap, 'from' | 'to' | 'days' | 'minDays' | 'maxDays' | 'approximate' | 'disputed'> & {
  id: string;
  /** "a call", or "a call between Lloyd Austin and Sergei Shoigu" above the official level; "Sergei Shoigu leaving office". */
  endedBy: string;
  markers: ChartMarker[];
  /** Set on the silence that closed when an official left office: who, when, and how it ranks. */
  closed: { name: string; on: IsoDate; rank: string | null } | null;
};

/** A gap that closed when one of the pair left office (the last of an official series), with its closure. */
export type ClosedGap = Gap & { closedBy: GapClosure };

/** The series' silence closed by a departure from office, or null while the silence runs. */
export function closedSilenceOf(series: Pick<GapSeries, 'gaps'>): ClosedGap | null {
  const last = series.gaps.at(-1);
  return last && last.closedBy !== null ? (last as ClosedGap) : null;
}

/** The name of the side who left office ("Sergei Shoigu"), from the pair's two sides. */
export function leaverName(closure: GapClosure, a: { key: string; label: string }, b: { key: string; label: string }) {
  return closure.officialId === a.key ? a.label : closure.officialId === b.key ? b.label : 'an official';
}

/** "closed when Sergei Shoigu left office on 12 May 2024" */
export function closedPhrase(closure: GapClosure, name: string): string {
  return `closed when ${name} left office on ${formatDate(closure.on)}`;
}

/** "No contact in the last 730 days they were both in office; closed when Sergei Shoigu left office on 12 May 2024." */
export function closedSentence(gap: ClosedGap, name: string): string {
  return `No contact in the last ${formatDayRange(gap)} they were both in office; ${closedPhrase(gap.closedBy, name)}.`;
}

/** The silence running since the last held contact. */
export type ChartSilence = Pick<Gap, 'days' | 'minDays' | 'maxDays' | 'approximate' | 'disputed'> & {
  since: IsoDate;
  markers: ChartMarker[];
  /** "Longer than 9 of its 10 past gaps." */
  rank: string | null;
};

/** Everything the client chart needs: plain data, no functions. */
export type GapChartData = {
  title: string;
  subtitle: string;
  /** First day of the time axis (the first contact) and the last (today, UTC). */
  start: IsoDate;
  today: IsoDate;
  gaps: ChartGap[];
  /** How many consecutive gaps each bar stands for: 1, or its longest of that many in a long history. */
  perBar: number;
  silence: ChartSilence | null;
  leadingMarkers: ChartMarker[];
  events: { id: string; date: IsoDate; title: string }[];
  /** Channels open at some time on the chart: from their setting up to their closing (null: still open). */
  channels: { id: string; name: string; from: IsoDate; to: IsoDate | null }[];
  sourceLine: string;
  /** How the chart's last day is named: "today", or "as of" on a permalink of a past day. */
  nowLabel: 'today' | 'as of';
  /** File name without extension: counterpart-lloyd-austin-sergei-shoigu-gaps. */
  fileBase: string;
};

/** The noun for a pair's held contacts, from their types: "call" when they were all calls, else "held contact". */
export function contactNoun(heldTypes: ContactType[]): string {
  const types = new Set(heldTypes);
  if (types.size > 0 && [...types].every((t) => t === 'CALL' || t === 'VIDEO_CALL')) return 'call';
  if (types.size === 1) {
    const only = [...types][0];
    if (only === 'MEETING' || only === 'LETTER') return only.toLowerCase();
  }
  return 'held contact';
}

/** "call", "video call", "meeting"… for a sentence. */
export function typeNoun(type: ContactType): string {
  return type === 'OTHER' ? 'contact' : TYPE_LABEL[type].toLowerCase();
}

/** "a call", "an exchange of letters"… */
function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** The names of a contact's participants on the two sides of a pair, "Lloyd Austin and Sergei Shoigu". */
function participantNames(contact: ContactRow): string {
  const names = [
    ...contact.participants.map((p) => p.name),
    ...contact.unnamedCountries.map((country) => `officials of ${countryName(country)}`),
  ];
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** "Lloyd Austin sought a call — refused", "A call expected — held 19 May 2022". */
export function markerLabel(contact: ContactRow, byId: Map<string, ContactRow>, today: IsoDate): string {
  const noun = typeNoun(contact.type);
  const who = contact.initiator?.name;
  switch (contact.status) {
    case 'REFUSED':
      return who ? `${who} sought ${withArticle(noun)} — refused` : `${capitalise(withArticle(noun))} refused`;
    case 'REQUESTED':
      return who ? `${who} sought ${withArticle(noun)}` : `${capitalise(withArticle(noun))} sought`;
    case 'CANCELLED':
      return `${capitalise(withArticle(noun))} cancelled`;
    case 'SCHEDULED': {
      const fulfilled = contact.resolvedById ? byId.get(contact.resolvedById) : undefined;
      if (fulfilled) return `${capitalise(withArticle(noun))} expected — held ${formatDate(fulfilled.date)}`;
      if (contact.resolvedById) return `${capitalise(withArticle(noun))} expected — held`;
      return `${capitalise(withArticle(noun))} expected${contact.date < today ? ' — overdue' : ''}`;
    }
    default:
      return capitalise(withArticle(noun));
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "longer than 9 of its 10 past gaps", or null when there is nothing to rank against. */
export function rankPhrase(rank: { longerThan: number; of: number }): string | null {
  const { longerThan, of } = rank;
  if (of === 0) return null;
  if (of === 1) return longerThan === 1 ? 'longer than its one past gap' : 'not longer than its one past gap';
  if (longerThan === of) return `longer than all ${formatNumber(of)} of its past gaps`;
  if (longerThan === 0) return `not longer than any of its ${formatNumber(of)} past gaps`;
  return `longer than ${formatNumber(longerThan)} of its ${formatNumber(of)} past gaps`;
}

/** The sides of a pair joined for titles: "Lloyd Austin – Sergei Shoigu". */
export function pairTitle(a: PairSide, b: PairSide): string {
  return `${sideName(a)} – ${sideName(b)}`;
}

/** A side's short name: the official's name, "US Secretary of Defense", or the country's name. */
export function sideName(side: PairSide): string {
  return side.name;
}

/** The file name of the chart's downloads, without extension. */
export function chartFileBase(a: PairSide, b: PairSide): string {
  const slug = (ref: string) =>
    ref
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return `counterpart-${slug(a.ref)}-${slug(b.ref)}-gaps`;
}

/** The CSV or JSON export of the pair's gap series (served by the API). */
export function exportHref(level: PairLevel, a: PairSide, b: PairSide, format: 'csv' | 'json'): string {
  const names = { OFFICIAL: ['a', 'b'], OFFICE: ['officeA', 'officeB'], COUNTRY: ['countryA', 'countryB'] }[level];
  const query = new URLSearchParams({ format, [names[0]]: a.ref, [names[1]]: b.ref });
  return `/api/v1/gaps/export?${query.toString()}`;
}

/** The page's headline: the finding, in one line, its figure set apart; then a sentence or two. */
export type Headline = { figure: string; rest: string; dek: string[]; isRunning: boolean };

type HeadlineInput = {
  level: PairLevel;
  a: PairSide;
  b: PairSide;
  series: GapSeries;
  /** The contacts the page names (the last held one, those of the latest gaps), not necessarily all. */
  contacts: ContactRow[];
  facts: PairFacts;
};

/**
 * The running silence is the news, unless it is still short and the gap it
 * follows was the long one: then "84 days without a call, ended 13 May 2022".
 */
export function isLastGapTheNews(series: GapSeries): boolean {
  const last = series.gaps.at(-1);
  const silence = series.currentSilence;
  if (!last || !silence || silence.days >= last.days) return false;
  const median = series.medianGapDays ?? 0;
  return last.toContactId === series.longestGap?.toContactId || last.days >= 2 * median;
}

export function buildHeadline({ a, b, series, contacts, facts }: HeadlineInput): Headline {
  const noun = contactNoun(facts.heldTypes);
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const between = `${sideName(a)} and ${sideName(b)}`;
  const silence = series.currentSilence;
  const lastHeld = series.lastContact ? byId.get(series.lastContact.id) : undefined;
  const lastNoun = lastHeld ? typeNoun(lastHeld.type) : noun;

  const closed = closedSilenceOf(series);
  if (silence === null && closed !== null) {
    const name = leaverName(closed.closedBy, a, b);
    const rank = rankPhrase(closed.closedBy.rank);
    return {
      figure: formatDayRange(closed),
      rest: `without ${withArticle(noun)}, until ${name} left office`,
      isRunning: false,
      dek: [
        closedSentence(closed, name),
        `The last ${lastNoun} between ${between} was on ${formatDate(closed.from)}.`,
        rank ? `That silence was ${rank}.` : '',
      ].filter(Boolean),
    };
  }

  if (silence === null) {
    const markers = series.leadingMarkers.length;
    return {
      figure: '',
      rest: `No held ${noun === 'held contact' ? 'contact' : noun} yet`,
      isRunning: false,
      dek: [
        `Counterpart has no record of ${noun === 'held contact' ? 'a contact held' : withArticle(noun)} between ${between}.`,
        markers > 0
          ? `${formatNumber(markers)} sought, refused or expected ${markers === 1 ? 'contact is' : 'contacts are'} recorded below.`
          : '',
      ].filter(Boolean),
    };
  }

  const last = series.gaps.at(-1);
  if (last && isLastGapTheNews(series)) {
    const closing = last.toContactId === null ? undefined : byId.get(last.toContactId);
    return {
      figure: formatDayRange(last),
      rest: `without ${withArticle(noun)}, ended ${formatDate(last.to)}`,
      isRunning: false,
      dek: [
        `${capitalise(withArticle(closing ? typeNoun(closing.type) : noun))} between ${between} on ${formatDate(last.to)} ended a silence that began on ${formatDate(last.from)}.`,
        `The silence since has lasted ${formatDays(silence.days)}.`,
      ],
    };
  }

  const rank = rankPhrase(silence.rank);
  return {
    figure: formatDayRange(silence),
    rest: `without ${withArticle(noun)}`,
    isRunning: true,
    dek: [
      `The last ${lastNoun} between ${between} was on ${formatDate(silence.since)}.`,
      rank ? `The silence since is ${rank}.` : '',
    ].filter(Boolean),
  };
}

/** The headline as one line of text, for the page's description. */
export function headlineText(headline: Headline): string {
  return [headline.figure, headline.rest].filter(Boolean).join(' ');
}

/** The chart's title states what the chart shows, not what it is. */
function chartTitle(series: GapSeries, noun: string, closedBy: string | null): string {
  const silence = series.currentSilence;
  const longest = series.longestGap;
  const closed = closedSilenceOf(series);
  if (silence === null && closed !== null && closedBy !== null) {
    if (series.gaps.length === 1) {
      return `${formatDayRange(closed)} without ${withArticle(noun)} after the only one, until ${closedBy} left office`;
    }
    if (closed === longest) {
      return `The last silence, ${formatDayRange(closed)}, was the longest: it closed when ${closedBy} left office`;
    }
    return `The longest silence lasted ${formatDayRange(longest!)}, until ${formatDate(longest!.to)}`;
  }
  if (silence === null) {
    const count = series.leadingMarkers.length;
    return `${formatNumber(count)} sought, refused or expected ${count === 1 ? 'contact' : 'contacts'}, none held`;
  }
  if (longest === null) {
    return `${formatDays(silence.days)} and counting since the only ${noun}, on ${formatDate(silence.since)}`;
  }
  if (silence.rank.longerThan === silence.rank.of) {
    const ratio = silence.minDays / Math.max(1, longest.maxDays);
    if (ratio >= 3) return `The current silence is more than ${Math.floor(ratio)} times as long as any before it`;
    return `The current silence, ${formatDayRange(silence)}, is the longest on record`;
  }
  return `The longest silence lasted ${formatDayRange(longest)}, until ${formatDate(longest.to)}`;
}

function toChartMarker(marker: GapMarker, from: IsoDate | null, contact: ContactRow | undefined, label: string) {
  return {
    id: marker.contactId,
    date: marker.date,
    status: marker.status,
    elapsed: from === null ? 0 : Math.max(0, daysBetween(from, marker.date)),
    label: contact ? label : `${TYPE_LABEL[marker.type]} ${marker.status.toLowerCase()}`,
  } satisfies ChartMarker;
}

type ChartInput = HeadlineInput & {
  /** A long history's bars, aggregated by the database (see chartBars); else drawn from the series. */
  bars: { gaps: Gap[]; perBar: number } | null;
  today: IsoDate;
  events: { id: string; date: IsoDate; title: string }[];
  channels: { id: string; name: string; establishedOn: IsoDate; closedOn: IsoDate | null }[];
  /** Set on a permalink (`?asOf=`): `today` is that day, not the reader's. */
  isAsOf?: boolean;
};

/** A pair page's data, as the headline and chart read it (lib/data/pair-page's getPairPage gives all of it). */
type PairViewSource = Omit<ChartInput, 'level' | 'isAsOf'> & { asOf: IsoDate | null };

/** What the headline and the level links are drawn from, out of a pair page's data. */
export function pairViewInput(level: PairLevel, page: PairViewSource): HeadlineInput {
  return { level, a: page.a, b: page.b, series: page.series, contacts: page.contacts, facts: page.facts };
}

/** The gap chart of a pair page's data: on the pair page and in its embed. */
export function pairChartData(level: PairLevel, page: PairViewSource): GapChartData {
  return buildChartData({
    ...pairViewInput(level, page),
    bars: page.bars,
    today: page.today,
    events: page.events,
    channels: page.channels,
    isAsOf: page.asOf !== null,
  });
}

/**
 * The gaps the chart draws: every one, or, for a long history, the longest of
 * each run of `perBar` consecutive gaps (the latest run may be shorter), so the
 * chart stays readable and its payload bounded at 20,000 gaps.
 */
export function chartBars(gaps: Gap[], max = MAX_CHART_BARS): { gaps: Gap[]; perBar: number } {
  if (gaps.length <= max) return { gaps, perBar: 1 };
  const perBar = Math.ceil(gaps.length / max);
  const bars: Gap[] = [];
  for (let start = 0; start < gaps.length; start += perBar) {
    const run = gaps.slice(start, start + perBar);
    bars.push(run.reduce((best, gap) => (gap.days > best.days ? gap : best)));
  }
  return { gaps: bars, perBar };
}

/** The chart's data: gaps with their closing contacts, markers at their height, events and channels in range. */
export function buildChartData({
  level,
  a,
  b,
  series,
  contacts,
  facts,
  bars: given,
  today,
  events,
  channels,
  isAsOf = false,
}: ChartInput): GapChartData {
  const noun = contactNoun(facts.heldTypes);
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const markerOf = (marker: GapMarker, from: IsoDate | null) => {
    const contact = byId.get(marker.contactId);
    return toChartMarker(marker, from, contact, contact ? markerLabel(contact, byId, today) : '');
  };
  const closedGap = closedSilenceOf(series);
  const closedBy = closedGap ? leaverName(closedGap.closedBy, a, b) : null;
  const bars = given ?? chartBars(series.gaps);
  // The silence closed by a departure is always the last bar, also where bars stand for runs of gaps.
  const barGaps =
    closedGap !== null && bars.gaps.at(-1) !== closedGap
      ? [...bars.gaps.filter((gap) => gap.closedBy === null), closedGap]
      : bars.gaps;
  // What every bar shows of its gap, a closed silence or not.
  const barFields = (gap: Gap) => ({
    from: gap.from,
    to: gap.to,
    days: gap.days,
    minDays: gap.minDays,
    maxDays: gap.maxDays,
    approximate: gap.approximate,
    disputed: gap.disputed,
    markers: gap.markers.map((m) => markerOf(m, gap.from)),
  });
  const gaps: ChartGap[] = barGaps.map((gap) => {
    if (gap.closedBy !== null) {
      const name = closedBy ?? leaverName(gap.closedBy, a, b);
      return {
        ...barFields(gap),
        id: `closed-${gap.fromContactId}`,
        endedBy: `${name} leaving office`,
        closed: { name, on: gap.closedBy.on, rank: rankPhrase(gap.closedBy.rank) },
      };
    }
    const closing = gap.toContactId === null ? undefined : byId.get(gap.toContactId);
    const what = withArticle(closing ? typeNoun(closing.type) : noun);
    return {
      ...barFields(gap),
      id: gap.toContactId ?? `gap-${gap.fromContactId}`,
      endedBy: level !== 'OFFICIAL' && closing ? `${what} between ${participantNames(closing)}` : what,
      closed: null,
    };
  });
  const silence = series.currentSilence;
  const start = facts.firstDate ?? series.firstContact?.date ?? today;
  const within = (date: IsoDate) => date >= start && date <= today;
  const subject = `${sideName(a)} and ${sideName(b)}`;
  return {
    title: chartTitle(series, noun, closedBy),
    subtitle:
      series.heldCount === 0
        ? `Sought, refused and expected contacts between ${subject}; no silence can be counted before a first held contact.`
        : closedGap !== null && bars.perBar === 1
          ? `Days without a held contact between ${subject} while both were in office. Each bar is one silence, drawn at the contact that ended it; the last, outlined, closed when ${closedBy} left office on ${formatDate(closedGap.to)}.`
          : bars.perBar === 1
            ? `Days without a held contact between ${subject}. Each bar is one silence, drawn at the contact that ended it; the open bar is the silence still running.`
            : `Days without a held contact between ${subject}. ${formatNumber(facts.gapCount)} silences are too many to draw one by one: each bar is the longest of ${formatNumber(bars.perBar)} consecutive silences, drawn at the contact that ended it; ${closedGap !== null ? `the last, outlined, closed when ${closedBy} left office on ${formatDate(closedGap.to)}` : 'the open bar is the silence still running'}. The CSV and JSON exports hold every one.`,
    start,
    today,
    gaps,
    perBar: bars.perBar,
    silence: silence
      ? {
          since: silence.since,
          days: silence.days,
          minDays: silence.minDays,
          maxDays: silence.maxDays,
          approximate: silence.approximate,
          disputed: silence.disputed,
          markers: silence.markers.map((m) => markerOf(m, silence.since)),
          rank: rankPhrase(silence.rank),
        }
      : null,
    leadingMarkers: series.leadingMarkers.map((m) => markerOf(m, null)),
    events: events.filter((e) => within(e.date)).map((e) => ({ id: e.id, date: e.date, title: e.title })),
    channels: channels
      .filter((c) => c.establishedOn <= today && (c.closedOn === null || c.closedOn >= start))
      .map((c) => ({ id: c.id, name: c.name, from: c.establishedOn, to: c.closedOn })),
    sourceLine: `Source: Counterpart, from ${formatNumber(facts.contactCount)} sourced ${facts.contactCount === 1 ? 'contact' : 'contacts'}; ${isAsOf ? `as of ${formatDate(today)}, contacts logged by the end of that day` : `today = ${formatDate(today)}`} (UTC).`,
    nowLabel: isAsOf ? 'as of' : 'today',
    fileBase: chartFileBase(a, b),
  };
}

/** A link to the same pair at another level, or the current one. */
export type LevelLink = { level: PairLevel; segment: string; text: string; href: string | null; current: boolean };

type Participant = ContactRow['participants'][number];

function sideMatches(level: PairLevel, side: PairSide, p: Participant): boolean {
  if (level === 'OFFICIAL') return p.id === side.key;
  if (level === 'OFFICE') return p.officeKey === side.key;
  return p.country === side.key;
}

/**
 * The same pair at the three levels, through the participants of its last held
 * contact (or last contact): from Austin–Shoigu to the offices they held then,
 * US:SECDEF–RU:MINDEF, and to US–RU; and back down the same way.
 */
export function buildLevelLinks(input: {
  level: PairLevel;
  a: PairSide;
  b: PairSide;
  series: GapSeries;
  contacts: ContactRow[];
}) {
  const { level, a, b, series, contacts } = input;
  const anchor =
    (series.lastContact && contacts.find((c) => c.id === series.lastContact!.id)) ?? contacts.at(-1) ?? null;
  const pa = anchor?.participants.find((p) => sideMatches(level, a, p));
  const pb = anchor?.participants.find((p) => sideMatches(level, b, p));
  const link = (target: PairLevel, text: string, href: string | null): LevelLink => ({
    level: target,
    segment: LEVEL_SEGMENT[target],
    text,
    href: target === level ? null : href,
    current: target === level,
  });
  const officials =
    level === 'OFFICIAL'
      ? link('OFFICIAL', `${a.label} – ${b.label}`, null)
      : pa && pb
        ? link('OFFICIAL', `${pa.name} – ${pb.name}`, pairPath('OFFICIAL', pa.slug, pb.slug))
        : null;
  const offices =
    level === 'OFFICE'
      ? link('OFFICE', pairTitle(a, b), null)
      : pa?.officeKey && pb?.officeKey
        ? link(
            'OFFICE',
            `${pa.country} ${pa.positionTitle ?? pa.officeKey} – ${pb.country} ${pb.positionTitle ?? pb.officeKey}`,
            pairPath('OFFICE', pa.officeKey, pb.officeKey),
          )
        : null;
  const countries = link(
    'COUNTRY',
    `${countryName(a.country)} – ${countryName(b.country)}`,
    pairPath('COUNTRY', a.country, b.country),
  );
  return [officials, offices, countries].filter((x): x is LevelLink => x !== null);
}
