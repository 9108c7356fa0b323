import type { Metadata } from 'next';
import Link from 'next/link';
import { CountryTag } from '@/components/country-tag';
import { buttonClass } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { requirePermittedPage } from '@/lib/auth/session';
import { listOfficialsForAdmin } from '@/lib/data/officials';
import { formatDate, formatNumber } from '@/lib/format';
import { todayUtc } from '@/lib/gaps/dates';
import { countryName } from '@/lib/validation/common';

export const metadata: Metadata = {
  title: 'Officials · Admin',
  description: 'Every official on Counterpart: find one by any spelling, edit profiles, photos and tenures.',
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? '';

export default async function AdminOfficialsPage({ searchParams }: Props) {
  await requirePermittedPage('official:update', '/admin/officials');
  const params = await searchParams;
  const q = one(params.q).slice(0, 200);
  const country = /^[A-Za-z]{2}$/.test(one(params.country)) ? one(params.country).toUpperCase() : '';
  const page = Math.max(1, Math.min(10_000, Number.parseInt(one(params.page), 10) || 1));
  const today = todayUtc();
  const list = await listOfficialsForAdmin({ q: q || undefined, country: country || undefined, page, today });
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const pageHref = (n: number) => {
    const query = new URLSearchParams({ ...(q && { q }), ...(country && { country }), page: String(n) });
    return `/admin/officials?${query}`;
  };

  return (
    <section aria-labelledby="officials-title">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 id="officials-title" className="text-3xl font-semibold tracking-tight">
            Officials
          </h1>
          <p className="text-muted mt-2 max-w-2xl">
            Profiles, other spellings, photos and tenures. Changing a tenure moves the contacts it covers to the right
            office.
          </p>
        </div>
        <Link href="/admin/officials/new" className={`${buttonClass.primary} no-underline`}>
          New official
        </Link>
      </div>

      <form
        role="search"
        aria-label="Find officials"
        className="mt-8 flex flex-wrap items-end gap-3"
        action="/admin/officials"
      >
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor="officials-q" className="block text-sm font-medium">
            Name or any spelling
          </label>
          <input id="officials-q" name="q" type="search" defaultValue={q} className={inputClass} />
        </div>
        <div className="basis-40">
          <label htmlFor="officials-country" className="block text-sm font-medium">
            Country
          </label>
          <select id="officials-country" name="country" defaultValue={country} className={inputClass}>
            <option value="">All countries</option>
            {list.countries.map((code) => (
              <option key={code} value={code}>
                {countryName(code)} ({code})
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass.secondary}>
          Find
        </button>
      </form>

      <p className="text-muted mt-6 text-sm tabular-nums" role="status">
        {list.total === 0
          ? 'No official matches.'
          : `${formatNumber(list.total)} ${list.total === 1 ? 'official' : 'officials'}${q ? ` matching “${q}”` : ''}${
              country ? ` in ${countryName(country)}` : ''
            }`}
      </p>

      <ul className="divide-rule border-rule mt-3 divide-y border-y" aria-label="Officials">
        {list.items.map((o) => (
          <li key={o.id} className="flex gap-4 py-4">
            {o.photoSrc ? (
              // eslint-disable-next-line @next/next/no-img-element -- served by this app or at the address an admin gave
              <img
                src={o.photoSrc}
                alt={`Photo of ${o.name}`}
                width={40}
                height={50}
                loading="lazy"
                className="bg-rule h-[3.125rem] w-10 shrink-0 rounded-sm object-cover"
              />
            ) : (
              <span aria-hidden="true" className="bg-rule/70 h-[3.125rem] w-10 shrink-0 rounded-sm" />
            )}
            <div className="grid min-w-0 flex-1 gap-x-6 gap-y-1 sm:grid-cols-[1fr_14rem_6rem]">
              <div className="min-w-0">
                <p className="flex items-center gap-2">
                  <Link href={`/admin/officials/${o.slug}`} className="font-medium">
                    {o.name}
                  </Link>
                  <CountryTag code={o.country} />
                </p>
                {o.aliases.length > 0 && (
                  <p className="text-muted mt-0.5 truncate text-sm">Also {o.aliases.join(', ')}</p>
                )}
              </div>
              <p className="text-sm tabular-nums">
                {o.office ? (
                  <>
                    <Link href={`/offices/${encodeURIComponent(o.office.officeKey)}`}>{o.office.title}</Link>
                    <span className="text-muted block text-xs">since {formatDate(o.office.startDate)}</span>
                  </>
                ) : o.lastOffice ? (
                  <span className="text-muted">
                    Was {o.lastOffice.title}
                    {o.lastOffice.endDate && (
                      <span className="block text-xs">until {formatDate(o.lastOffice.endDate)}</span>
                    )}
                  </span>
                ) : (
                  <span className="text-muted">No position</span>
                )}
              </p>
              <p className="text-muted text-sm tabular-nums sm:text-right">
                {formatNumber(o.contacts)} {o.contacts === 1 ? 'contact' : 'contacts'}
              </p>
            </div>
          </li>
        ))}
      </ul>

      {pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-4 text-sm tabular-nums">
          {page > 1 && <Link href={pageHref(page - 1)}>← Previous</Link>}
          <span className="text-muted">
            Page {page} of {pages}
          </span>
          {page < pages && <Link href={pageHref(page + 1)}>Next →</Link>}
        </nav>
      )}
    </section>
  );
}
