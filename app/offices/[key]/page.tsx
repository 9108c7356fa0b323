import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { CountryTag } from '@/components/country-tag';
import { OfficeTimeline } from '@/components/office-timeline';
import { getOfficeWithHolders } from '@/lib/data/offices';
import { formatDate } from '@/lib/format';
import { todayUtc } from '@/lib/gaps/dates';
import { countryName } from '@/lib/validation/common';

type Props = { params: Promise<{ key: string }> };

async function load(params: Props['params']) {
  return getOfficeWithHolders(decodeURIComponent((await params).key).toUpperCase());
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const office = await load(params);
  if (!office) return { title: 'Office not found' };
  const current = office.holders.find((h) => h.endDate === null);
  return {
    title: `${office.title} (${office.key})`,
    description: `Who held the office of ${office.title} (${countryName(office.country)}) and when${
      current ? `; ${current.name} since ${formatDate(current.startDate)}` : ''
    }.`,
  };
}

export default async function OfficePage({ params }: Props) {
  const office = await load(params);
  if (!office) notFound();
  const today = todayUtc();
  const current = office.holders.findLast((h) => h.startDate <= today && (h.endDate === null || h.endDate >= today));
  const last = office.holders.findLast((h) => h.startDate <= today);

  return (
    <article className="max-w-4xl">
      <p className="text-muted flex items-center gap-2 text-sm">
        <CountryTag code={office.country} /> {countryName(office.country)} · Office
      </p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">{office.title}</h1>
      <p className="text-muted mt-2">
        <code>{office.key}</code>
        {office.organisation && <> · {office.organisation}</>}
      </p>
      <p className="mt-6 max-w-2xl text-lg leading-snug text-balance">
        {current ? (
          <>
            Held by <Link href={`/officials/${current.slug}`}>{current.name}</Link> since{' '}
            <span className="tabular-nums">{formatDate(current.startDate)}</span>
            {office.holders.length > 1 && `, the latest of ${office.holders.length} holders recorded`}.
          </>
        ) : last ? (
          <>
            No one is recorded as holding it today. The last holder was{' '}
            <Link href={`/officials/${last.slug}`}>{last.name}</Link>
            {last.endDate && (
              <>
                , until <span className="tabular-nums">{formatDate(last.endDate)}</span>
              </>
            )}
            .
          </>
        ) : (
          <>No one is recorded as holding it.</>
        )}
      </p>

      <h2 className="text-muted mt-10 mb-3 text-sm font-medium tracking-wider uppercase">Who held it</h2>
      <OfficeTimeline holders={office.holders} today={today} office={office.key} />

      <p className="text-muted mt-8 max-w-2xl text-sm">
        On pair pages at the office level, the contacts of every holder of {office.key} count as one series, so a new
        minister continues the silence the last one left.
      </p>
    </article>
  );
}
