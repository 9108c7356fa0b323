import Link from 'next/link';
import { CountryTag } from '@/components/country-tag';
import type { Headline, LevelLink } from '@/components/pair-view';
import type { NamedSide, PairPageData, SidePosition } from '@/lib/data/pair-page';

import { formatDate } from '@/lib/format';
import type { IsoDate, PairLevel } from '@/lib/gaps/types';
import { countryName } from '@/lib/validation/common';

const LEVEL_NAME: Record<PairLevel, string> = { OFFICIAL: 'Officials', OFFICE: 'Offices', COUNTRY: 'Countries' };

function tenure(p: SidePosition) {
  return `${formatDate(p.startDate)} – ${p.endDate ? formatDate(p.endDate) : 'present'}`;
}

/** The position an official held on a date, or their latest. */
function positionOn(positions: SidePosition[], officialId: string, date: IsoDate | null) {
  const own = positions.filter((p) => p.officialId === officialId);
  const held = date === null ? undefined : own.find((p) => p.startDate <= date && (p.endDate ?? date) >= date);
  return held ?? own[0] ?? null;
}

function Side({ level, side, page }: { level: PairLevel; side: NamedSide; page: PairPageData }) {
  const lastDate = page.series.lastContact?.date ?? page.contacts.at(-1)?.date ?? null;
  if (level === 'OFFICIAL') {
    const position = positionOn(page.positions, side.key, lastDate);
    return (
      <div>
        <p className="text-muted flex items-center gap-2 text-sm">
          <CountryTag code={side.country} /> {countryName(side.country)}
        </p>
        <p className="mt-1.5 text-xl font-semibold tracking-tight">
          {side.href ? <Link href={side.href}>{side.label}</Link> : side.label}
        </p>
        {position && (
          <p className="text-muted mt-0.5 text-sm tabular-nums">
            {position.title}, {tenure(position)}
          </p>
        )}
      </div>
    );
  }
  if (level === 'OFFICE') {
    const holders = page.positions.filter((p) => p.officeKey === side.key).slice(0, 3);
    const title = side.title ?? side.label;
    return (
      <div>
        <p className="text-muted flex items-center gap-2 text-sm">
          <CountryTag code={side.country} /> {countryName(side.country)}
          <code className="text-xs">{side.key}</code>
        </p>
        <p className="mt-1.5 text-xl font-semibold tracking-tight">{title}</p>
        {side.detail && <p className="text-muted mt-0.5 text-sm">{side.detail}</p>}
        {holders.length > 0 && (
          <ul className="mt-2 space-y-0.5 text-sm">
            {holders.map((h) => (
              <li key={`${h.officialId}-${h.startDate}`} className="tabular-nums">
                <Link href={`/officials/${h.officialSlug}`}>{h.officialName}</Link>{' '}
                <span className="text-muted">{tenure(h)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }
  return (
    <div>
      <p className="text-muted flex items-center gap-2 text-sm">
        <CountryTag code={side.country} />
      </p>
      <p className="mt-1.5 text-xl font-semibold tracking-tight">{side.label}</p>
      <p className="text-muted mt-0.5 text-sm">Any official</p>
    </div>
  );
}

/**
 * Officials who left office after the pair's last contact: the first departure
 * closed the pair's silence (the headline says so), and the office pair is
 * where the news continues.
 */
function departures(page: PairPageData, level: PairLevel): string[] {
  if (level !== 'OFFICIAL' || page.series.lastContact === null) return [];
  const last = page.series.lastContact.date;
  return [page.a, page.b].flatMap((side) => {
    const held = positionOn(page.positions, side.key, last);
    if (!held?.endDate || held.endDate < last || held.endDate > page.today) return [];
    return [`${side.label} left the office of ${held.title} on ${formatDate(held.endDate)}.`];
  });
}

export function PairHeader({
  level,
  page,
  headline,
  levels,
}: {
  level: PairLevel;
  page: PairPageData;
  headline: Headline;
  levels: LevelLink[];
}) {
  const left = departures(page, level);
  return (
    <header>
      <nav aria-label="This pair at other levels" className="border-rule border-b">
        <ul className="-mb-px flex flex-wrap gap-x-6 text-sm">
          {levels.map((link) => (
            <li key={link.level}>
              {link.href ? (
                <Link
                  href={link.href}
                  className="text-muted hover:text-ink hover:border-rule block border-b-2 border-transparent py-2 no-underline"
                >
                  <span className="font-medium">{LEVEL_NAME[link.level]}</span>
                </Link>
              ) : (
                <span aria-current="page" className="border-ink block border-b-2 py-2 font-medium">
                  {LEVEL_NAME[link.level]}
                </span>
              )}
            </li>
          ))}
        </ul>
      </nav>

      <h1 className="mt-8 max-w-4xl text-3xl leading-[1.1] font-semibold tracking-tight text-balance tabular-nums sm:text-5xl">
        <span className={headline.isRunning ? 'text-silence' : undefined}>{headline.figure}</span> {headline.rest}
      </h1>
      {headline.dek.length > 0 && (
        <p className="text-muted mt-4 max-w-2xl text-lg leading-relaxed text-pretty">{headline.dek.join(' ')}</p>
      )}

      <div className="border-rule mt-8 grid gap-6 border-y py-5 sm:grid-cols-2 sm:gap-10">
        <Side level={level} side={page.a} page={page} />
        <Side level={level} side={page.b} page={page} />
      </div>

      {left.length > 0 && <p className="mt-4 max-w-2xl text-sm">{left.join(' ')}</p>}

      {levels.some((l) => l.href) && (
        <p className="text-muted mt-4 text-sm">
          {levels
            .filter((l) => l.href)
            .map((l, i) => (
              <span key={l.level}>
                {i > 0 && ' · '}
                As {LEVEL_NAME[l.level].toLowerCase()}: <Link href={l.href!}>{l.text}</Link>
              </span>
            ))}
        </p>
      )}
    </header>
  );
}
