import Link from 'next/link';
import { EditContactLink } from '@/components/auth/deferred';
import { typeNoun } from '@/components/pair-view';
import type { ContactRow } from '@/lib/data/contacts';
import { formatDate, formatDayRange, formatDays, formatNumber, nowText, unnamedPhrase } from '@/lib/format';
import type { Gap, GapSeries, IsoDate, PairLevel } from '@/lib/gaps/types';
import { TYPE_LABEL } from '@/lib/labels';

type Source = ContactRow['sources'][number];

function hostname(url: string) {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** Where a source says something other than the contact's own record: "The Hill dates this call 18 Feb 2022". */
function disagreements(contact: ContactRow, source: Source): string[] {
  const who = source.publisher ?? hostname(source.url);
  const noun = typeNoun(contact.type);
  const notes: string[] = [];
  if (source.claimedDate && source.claimedDate !== contact.date) {
    notes.push(`${who} dates this ${noun} ${formatDate(source.claimedDate)}`);
  }
  if (source.claimedInitiator && source.claimedInitiator.slug !== contact.initiator?.slug) {
    notes.push(`${who} says ${source.claimedInitiator.name} initiated it`);
  }
  if (source.claimedDurationMinutes != null && source.claimedDurationMinutes !== contact.durationMinutes) {
    notes.push(`${who} gives its length as ${formatNumber(source.claimedDurationMinutes)} minutes`);
  }
  return notes;
}

function Status({ contact, byId, today }: { contact: ContactRow; byId: Map<string, ContactRow>; today: IsoDate }) {
  switch (contact.status) {
    case 'HELD':
      return <span>held</span>;
    case 'REFUSED':
      return <span className="text-refusal font-medium">refused</span>;
    case 'REQUESTED':
      return <span className="text-refusal">sought</span>;
    case 'CANCELLED':
      return <span className="text-refusal">cancelled</span>;
    case 'SCHEDULED': {
      const fulfilled = contact.resolvedById ? byId.get(contact.resolvedById) : undefined;
      if (fulfilled) {
        return (
          <span>
            expected, fulfilled by{' '}
            <a href={`#contact-${fulfilled.id}`}>
              the {typeNoun(fulfilled.type)} of {formatDate(fulfilled.date)}
            </a>
          </span>
        );
      }
      if (contact.resolvedById) return <span>expected, fulfilled</span>;
      return contact.date < today ? (
        <span className="text-refusal font-medium">expected, overdue</span>
      ) : (
        <span>expected</span>
      );
    }
  }
}

function SourceItem({ contact, source }: { contact: ContactRow; source: Source }) {
  const notes = disagreements(contact, source);
  const facts = [source.publishedAt && `published ${formatDate(source.publishedAt)}`, source.side].filter(Boolean);
  return (
    <li className="border-rule border-l-2 pl-4">
      <p>
        <a href={source.url} rel="noreferrer" className="font-medium">
          {source.publisher ?? hostname(source.url)}
        </a>
        {source.title && <span>: {source.title}</span>}
      </p>
      {(facts.length > 0 || source.archiveUrl) && (
        <p className="text-muted text-xs tabular-nums">
          {facts.join(' · ')}
          {source.archiveUrl && (
            <>
              {facts.length > 0 && ' · '}
              <a href={source.archiveUrl} rel="noreferrer">
                archived copy
              </a>
            </>
          )}
        </p>
      )}
      {source.quote && (
        <blockquote className="mt-2 leading-relaxed">
          {/^[“"‘']/.test(source.quote) ? source.quote : `“${source.quote}”`}
        </blockquote>
      )}
      {notes.length > 0 && (
        <p className="mt-2 text-sm">
          <span className="border-ink text-ink rounded-sm border px-1 py-px text-[0.7rem] font-medium tracking-wide uppercase">
            Disagrees
          </span>{' '}
          {notes.join('; ')}.
        </p>
      )}
    </li>
  );
}

function ContactEntry({
  contact,
  level,
  byId,
  today,
  ended,
}: {
  contact: ContactRow;
  level: PairLevel;
  byId: Map<string, ContactRow>;
  today: IsoDate;
  ended: Gap | undefined;
}) {
  const facts = [
    contact.initiator && `initiated by ${contact.initiator.name}`,
    contact.durationMinutes != null && `${formatNumber(contact.durationMinutes)} minutes`,
    contact.location,
    contact.channel && `over the ${contact.channel.name}`,
    contact.time && `${contact.time}${contact.timeZone ? ` (${contact.timeZone})` : ''}`,
  ].filter(Boolean);
  const showParticipants =
    level !== 'OFFICIAL' || contact.participants.length > 2 || contact.unnamedCountries.length > 0;
  return (
    <li
      id={`contact-${contact.id}`}
      className="border-rule grid scroll-mt-6 gap-x-8 gap-y-2 border-t py-6 sm:grid-cols-[9rem_minmax(0,1fr)]"
    >
      <p className="text-muted text-sm tabular-nums">
        <time dateTime={contact.date} className="text-ink font-medium">
          {formatDate(contact.date, contact.datePrecision)}
        </time>
        {contact.datePrecision !== 'DAY' && (
          <span className="block text-xs">
            {contact.datePrecision === 'MONTH' ? 'month' : 'year'} known, not the day
          </span>
        )}
        <EditContactLink
          id={contact.id}
          label={formatDate(contact.date, contact.datePrecision)}
          className="mt-1 block text-xs"
        />
      </p>
      <div className="min-w-0">
        <h3 className="font-semibold">
          {TYPE_LABEL[contact.type]} <Status contact={contact} byId={byId} today={today} />
          {contact.verification !== 'UNVERIFIED' && (
            <span
              className={`ml-2 rounded-sm border px-1 py-px align-middle text-[0.7rem] font-medium tracking-wide uppercase ${contact.verification === 'DISPUTED' ? 'border-ink text-ink' : 'border-rule text-muted'}`}
            >
              {contact.verification === 'DISPUTED' ? 'Disputed' : 'Verified'}
            </span>
          )}
        </h3>
        {ended && (
          <p className="text-sm tabular-nums">
            Ended a silence of <strong className="font-semibold">{formatDayRange(ended)}</strong>, since{' '}
            {formatDate(ended.from)}.
          </p>
        )}
        {facts.length > 0 && <p className="text-muted text-sm">{facts.join(' · ')}</p>}
        {showParticipants && (
          <p className="text-sm">
            {contact.participants.map((p, i) => (
              <span key={p.slug}>
                {i > 0 && ', '}
                <Link href={`/officials/${p.slug}`}>{p.name}</Link>
                {p.positionTitle && (
                  <span className="text-muted">
                    {' '}
                    ({p.country} {p.positionTitle})
                  </span>
                )}
              </span>
            ))}
            {contact.unnamedCountries.length > 0 && ` ${unnamedPhrase(contact.unnamedCountries)}`}
          </p>
        )}
        {contact.summary && <p className="mt-2 max-w-2xl leading-relaxed">{contact.summary}</p>}
        {contact.topics.length > 0 && (
          <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Topics">
            {contact.topics.map((topic) => (
              <li key={topic} className="bg-rule/70 text-muted rounded-sm px-1.5 py-0.5 text-xs">
                {topic}
              </li>
            ))}
          </ul>
        )}
        <h4 className="text-muted mt-4 text-xs font-medium tracking-wider uppercase">
          {contact.sources.length === 1 ? 'Source' : `${contact.sources.length} sources`}
        </h4>
        <ul className="mt-2 max-w-2xl space-y-4">
          {contact.sources.map((source) => (
            <SourceItem key={source.url + (source.quote ?? '')} contact={contact} source={source} />
          ))}
        </ul>
      </div>
    </li>
  );
}

type ContextItem = { id: string; date: IsoDate; title: string; url: string | null; kind: 'event' | 'channel' };

/**
 * The pair's contacts, oldest first, so the story reads in the order it
 * happened and in the chart's left-to-right; each held contact says which
 * silence it ended, the context events fall where they happened, and the
 * running silence closes the list. Given one page of a long record, `until`
 * is the date the next (newer) page starts at: events up to it are shown, and
 * the running silence only on the latest page.
 */
export function PairTimeline({
  level,
  contacts,
  series,
  today,
  context,
  until,
  nowLabel = 'today',
}: {
  level: PairLevel;
  contacts: ContactRow[];
  series: GapSeries;
  today: IsoDate;
  context: ContextItem[];
  until?: IsoDate;
  /** "as of" on a permalink of a past day. */
  nowLabel?: string;
}) {
  const byId = new Map(contacts.map((c) => [c.id, c]));
  const endedBy = new Map(series.gaps.map((g) => [g.toContactId, g]));
  // The silence that closed when one of the pair left office, told on the leaving day.
  const closed = series.gaps.at(-1)?.closedBy ? series.gaps.at(-1)! : null;
  const leaver = closed
    ? (contacts.flatMap((c) => c.participants).find((p) => p.id === closed.closedBy!.officialId)?.name ??
      'One of the two officials')
    : null;
  const first = contacts[0]?.date;
  const events = first
    ? context.filter((e) => e.date >= first && (until === undefined ? e.date <= today : e.date < until))
    : [];
  type Item = { date: IsoDate; order: number; contact?: ContactRow; event?: ContextItem; closed?: Gap };
  const showClosed = closed !== null && (until === undefined || closed.to < until) && (!first || closed.to >= first);
  const items: Item[] = [
    ...contacts.map((contact, order) => ({ date: contact.date, order, contact })),
    ...events.map((event, i) => ({ date: event.date, order: -1 - i, event })),
    ...(showClosed ? [{ date: closed.to, order: Number.MAX_SAFE_INTEGER, closed }] : []),
  ].sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : x.order - y.order));
  const silence = series.currentSilence;

  return (
    <ol>
      {items.map((item) =>
        item.closed ? (
          <li
            key="closed-silence"
            className="border-history grid gap-x-8 border-t-2 py-4 sm:grid-cols-[9rem_minmax(0,1fr)]"
            data-closed-silence=""
          >
            <time dateTime={item.date} className="text-muted text-sm tabular-nums">
              {formatDate(item.date)}
            </time>
            <p>
              <span className="font-semibold">{leaver} left office.</span>{' '}
              <span className="text-muted tabular-nums">
                No contact in the last {formatDayRange(item.closed)} they were both in office; the silence closed here.
              </span>
            </p>
          </li>
        ) : item.contact ? (
          <ContactEntry
            key={item.contact.id}
            contact={item.contact}
            level={level}
            byId={byId}
            today={today}
            ended={endedBy.get(item.contact.id)}
          />
        ) : (
          <li
            key={item.event!.id}
            className="border-rule text-muted grid gap-x-8 border-t py-3 text-sm sm:grid-cols-[9rem_minmax(0,1fr)]"
          >
            <time dateTime={item.date} className="tabular-nums">
              {formatDate(item.date)}
            </time>
            <p>
              <span className="sr-only">Context: </span>
              {item.event!.url ? (
                <a href={item.event!.url} rel="noreferrer">
                  {item.event!.title}
                </a>
              ) : (
                item.event!.title
              )}
              {item.event!.kind === 'channel' ? ' (channel)' : ''}
            </p>
          </li>
        ),
      )}
      {silence && until === undefined && (
        <li className="border-silence text-silence grid gap-x-8 border-t-2 py-4 sm:grid-cols-[9rem_minmax(0,1fr)]">
          <p className="text-sm tabular-nums">{nowText(nowLabel, today)}</p>
          <p className="font-semibold tabular-nums">
            {formatDays(silence.days)} and counting since the last held contact
          </p>
        </li>
      )}
    </ol>
  );
}
