import type { Metadata } from 'next';
import Link from 'next/link';
import { CountryTag } from '@/components/country-tag';
import { OfficeTimeline } from '@/components/office-timeline';
import { requirePermittedPage } from '@/lib/auth/session';
import { listOfficesWithHolders } from '@/lib/data/offices';
import { todayUtc } from '@/lib/gaps/dates';
import { countryName } from '@/lib/validation/common';

export const metadata: Metadata = {
  title: 'Offices · Admin',
  description: 'Every office Counterpart knows, by country, with a timeline of who held it and when.',
};

export default async function AdminOfficesPage() {
  await requirePermittedPage('official:update', '/admin/offices');
  const offices = await listOfficesWithHolders();
  const today = todayUtc();
  const byCountry = new Map<string, typeof offices>();
  for (const office of offices) byCountry.set(office.country, [...(byCountry.get(office.country) ?? []), office]);

  return (
    <section aria-labelledby="offices-title">
      <h1 id="offices-title" className="text-3xl font-semibold tracking-tight">
        Offices
      </h1>
      <p className="text-muted mt-3 max-w-2xl leading-relaxed">
        An office is the seat, whoever sits in it: its key (<code>US:SECDEF</code>) joins Austin and his successors into
        one series on office pair pages. An office has one holder at a time; tenures are edited on each official’s
        profile.
      </p>
      {offices.length === 0 && (
        <p className="text-muted mt-8">
          No office yet. Offices appear when an official is given a position.{' '}
          <Link href="/admin/officials/new">Add an official</Link>
        </p>
      )}
      {[...byCountry].map(([country, list]) => (
        <section key={country} aria-labelledby={`country-${country}`} className="mt-10">
          <h2
            id={`country-${country}`}
            className="text-muted border-rule flex items-center gap-2 border-b pb-2 text-sm font-medium tracking-wider uppercase"
          >
            <CountryTag code={country} /> {countryName(country)}
          </h2>
          <ul className="divide-rule divide-y">
            {list.map((office) => (
              <li key={office.key} className="grid gap-x-8 gap-y-3 py-5 md:grid-cols-[14rem_1fr]">
                <div className="min-w-0">
                  <h3 className="font-medium break-words">
                    <Link href={`/offices/${encodeURIComponent(office.key)}`}>{office.title}</Link>
                  </h3>
                  <p className="text-muted mt-0.5 text-sm break-words">
                    <code>{office.key}</code>
                    {office.organisation && <> · {office.organisation}</>}
                  </p>
                  <p className="text-muted mt-0.5 text-sm tabular-nums">
                    {office.holders.length} {office.holders.length === 1 ? 'holder' : 'holders'}
                  </p>
                </div>
                <OfficeTimeline holders={office.holders} today={today} office={office.key} compact />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
