import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { ContactList } from '@/components/contact-list';
import { CountryTag } from '@/components/country-tag';
import { listContacts, SEARCH_COUNT_LIMIT } from '@/lib/data/contacts';
import { searchOfficials } from '@/lib/data/officials';
import { formatNumber } from '@/lib/format';
import { STATUS_LABEL, TYPE_LABEL } from '@/lib/labels';
import { CONTACT_STATUSES, CONTACT_TYPES } from '@/lib/validation/contact';
import { filtersToQuery, searchParamsToObject, ZContactFilters } from '@/lib/validation/filters';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const q = (await searchParams).q;
  return {
    title: typeof q === 'string' && q ? `Search: ${q}` : 'Search contacts and officials',
    description: 'Find officials by any spelling of their name, and contacts by country, type, status and date.',
  };
}

const field = 'border-rule bg-paper mt-1 block w-full rounded border px-2 py-1.5 text-sm';

export default async function SearchPage({ searchParams }: Props) {
  await connection();
  const raw = searchParamsToObject(await searchParams);
  const parsed = ZContactFilters.safeParse(raw);
  const errors = parsed.success
    ? {}
    : Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message]));
  const filters = parsed.success ? parsed.data : ZContactFilters.parse({});
  const [officials, contacts] = parsed.success
    ? await Promise.all([
        filters.q ? searchOfficials({ q: filters.q, country: filters.country, pageSize: 12 }) : null,
        listContacts(filters, { countUpTo: SEARCH_COUNT_LIMIT }),
      ])
    : [null, { items: [], total: 0, totalIsLowerBound: false }];
  const query = filtersToQuery(filters, ['page', 'pageSize']);
  const pages = Math.max(1, Math.ceil(contacts.total / filters.pageSize));
  const pageHref = (page: number) => `/search${filtersToQuery({ ...filters, page })}`;
  const selected = (list: readonly string[] | undefined, value: string) => list?.includes(value) ?? false;
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : '');

  return (
    <div className="grid gap-10 lg:grid-cols-[16rem_minmax(0,1fr)]">
      <form method="get" action="/search" className="space-y-4" aria-label="Filters">
        <h1 className="text-2xl font-semibold tracking-tight">Search</h1>
        <label className="block text-sm">
          Name, summary or topic
          <input name="q" type="search" defaultValue={text('q')} className={field} placeholder="e.g. Shoigu, Шойгу" />
        </label>
        <label className="block text-sm">
          Country codes
          <input
            name="country"
            defaultValue={Array.isArray(raw.country) ? raw.country.join(',') : text('country')}
            className={field}
            placeholder="e.g. US,RU"
            aria-invalid={errors.country ? true : undefined}
            aria-describedby={errors.country ? 'country-error' : undefined}
          />
          {errors.country && (
            <span id="country-error" className="text-refusal mt-1 block text-xs">
              {errors.country}
            </span>
          )}
        </label>
        <fieldset className="text-sm">
          <legend>Type</legend>
          <div className="mt-1 grid grid-cols-2 gap-1">
            {CONTACT_TYPES.map((t) => (
              <label key={t} className="flex items-center gap-1.5">
                <input type="checkbox" name="type" value={t} defaultChecked={selected(filters.type, t)} />
                {TYPE_LABEL[t]}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="text-sm">
          <legend>Status</legend>
          <div className="mt-1 grid grid-cols-2 gap-1">
            {CONTACT_STATUSES.map((s) => (
              <label key={s} className="flex items-center gap-1.5">
                <input type="checkbox" name="status" value={s} defaultChecked={selected(filters.status, s)} />
                {STATUS_LABEL[s]}
              </label>
            ))}
          </div>
        </fieldset>
        <div className="grid grid-cols-2 gap-2 text-sm">
          <label>
            From
            <input name="from" type="date" defaultValue={text('from')} className={field} />
          </label>
          <label>
            To
            <input
              name="to"
              type="date"
              defaultValue={text('to')}
              className={field}
              aria-invalid={errors.to ? true : undefined}
              aria-describedby={errors.to ? 'to-error' : undefined}
            />
          </label>
          {(errors.from || errors.to) && (
            <span id="to-error" className="text-refusal col-span-2 text-xs">
              {errors.from ?? errors.to}
            </span>
          )}
        </div>
        <div className="flex gap-3">
          <button type="submit" className="bg-ink text-paper rounded px-3 py-1.5 text-sm font-medium">
            Apply filters
          </button>
          <Link href="/search" className="self-center text-sm">
            Clear
          </Link>
        </div>
      </form>

      <div className="min-w-0">
        {officials && (
          <section aria-labelledby="officials-found" className="mb-10">
            <h2 id="officials-found" className="text-muted mb-3 text-sm font-medium tracking-wider uppercase">
              Officials ({formatNumber(officials.total)})
            </h2>
            {officials.items.length === 0 ? (
              <p className="text-muted text-sm">No official is known by that name or any other spelling.</p>
            ) : (
              <ul className="grid gap-3 sm:grid-cols-2">
                {officials.items.map((o) => (
                  <li key={o.id} className="border-rule min-w-0 rounded border p-3 break-words">
                    <Link href={`/officials/${o.slug}`} className="font-medium">
                      {o.name}
                    </Link>{' '}
                    <CountryTag code={o.country} />
                    {o.positions[0] && <p className="text-muted text-sm">{o.positions[0].title}</p>}
                    {o.aliases.length > 0 && (
                      <p className="text-muted mt-1 text-xs">Also written {o.aliases.join(', ')}</p>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}

        <section aria-labelledby="contacts-found">
          <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
            <h2 id="contacts-found" className="text-muted text-sm font-medium tracking-wider uppercase">
              Contacts ({formatNumber(contacts.total)}
              {contacts.totalIsLowerBound ? '+' : ''})
            </h2>
            {parsed.success && (
              <p className="text-sm">
                Export: <a href={`/api/v1/contacts/export${query}${query ? '&' : '?'}format=csv`}>CSV</a> ·{' '}
                <a href={`/api/v1/contacts/export${query}${query ? '&' : '?'}format=json`}>JSON</a> ·{' '}
                <a
                  href={`/api/v1/contacts/export${query}${query ? '&' : '?'}format=plover`}
                  title="PLOVER event data, one JSON object per line, with CAMEO codes"
                >
                  PLOVER
                </a>
              </p>
            )}
          </div>
          {!parsed.success ? (
            <p className="text-refusal text-sm">Fix the filters marked on the left to see contacts.</p>
          ) : contacts.items.length === 0 ? (
            <p className="text-muted text-sm">
              No contact matches these filters. Widen the dates or <Link href="/search">clear the filters</Link>.
            </p>
          ) : (
            <ContactList contacts={contacts.items} />
          )}
          {pages > 1 && (
            <nav aria-label="Pages" className="mt-6 flex gap-4 text-sm">
              {filters.page > 1 && <Link href={pageHref(filters.page - 1)}>← Newer</Link>}
              <span className="text-muted">
                Page {filters.page} of {pages}
                {contacts.totalIsLowerBound ? ' (the newest matches; narrow the search for older ones)' : ''}
              </span>
              {filters.page < pages && <Link href={pageHref(filters.page + 1)}>Older →</Link>}
            </nav>
          )}
        </section>
      </div>
    </div>
  );
}
