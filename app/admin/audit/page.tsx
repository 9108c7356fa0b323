import type { Metadata } from 'next';
import Link from 'next/link';
import { AuditEntryView } from '@/components/admin/audit-entry';
import { AuditFilters } from '@/components/admin/audit-filters';
import { requirePermittedPage } from '@/lib/auth/session';
import { listAuditEntries, listAuditFacets, listAuditUsers } from '@/lib/data/audit-log';
import { issueFields } from '@/lib/validation/issues';
import { AUDIT_FILTER_KEYS, auditFiltersToQuery, ZAuditFilters } from '@/lib/validation/audit-filters';
import { searchParamsToObject } from '@/lib/validation/filters';

export const metadata: Metadata = {
  title: 'Audit log',
  description: 'Every change to Counterpart’s data: who made it, when, how, and what it was before and after.',
  robots: { index: false },
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  const raw = searchParamsToObject(await searchParams);
  const rawQuery = new URLSearchParams(
    Object.entries(raw).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : v ? [[k, v]] : [])),
  ).toString();
  await requirePermittedPage('audit:read', `/admin/audit${rawQuery ? `?${rawQuery}` : ''}`);

  const parsed = ZAuditFilters.safeParse(raw);
  const errors = parsed.success ? {} : issueFields(parsed.error, false).fields;
  const filters = parsed.success ? parsed.data : null;
  const [users, facets, page] = await Promise.all([
    listAuditUsers(),
    listAuditFacets(),
    filters ? listAuditEntries(filters) : null,
  ]);
  const values = Object.fromEntries(
    AUDIT_FILTER_KEYS.map((key) => [key, typeof raw[key] === 'string' ? (raw[key] as string) : undefined]),
  );
  const query = filters ? auditFiltersToQuery(filters) : '';
  const filtered = query !== '';

  return (
    <div className="max-w-4xl">
      <h1 className="text-3xl font-semibold tracking-tight">Audit log</h1>
      <p className="text-muted mt-2 max-w-2xl leading-relaxed">
        Every change, newest first: who made it, when, how it arrived, and what it changed. A merge can be undone from
        its entry.
      </p>

      <div className="mt-8">
        <AuditFilters
          values={values}
          errors={errors}
          users={users}
          entityTypes={facets.entityTypes}
          actions={facets.actions}
          exportHref={filters ? `/admin/audit/export${query}` : null}
        />
      </div>

      {!parsed.success && (
        <p role="alert" className="border-silence mt-6 rounded border-l-4 px-4 py-3 font-medium">
          Some filters could not be used, so nothing is listed: {Object.values(errors).flat().join(' ')}
        </p>
      )}

      {page && (
        <section aria-labelledby="entries-title" className="mt-8">
          <h2 id="entries-title" className="text-muted text-sm font-medium tracking-wider uppercase">
            {filtered ? 'Matching entries' : 'Entries'}
            {filters?.before && ` older than #${filters.before}`}
          </h2>
          {page.items.length === 0 ? (
            <p className="text-muted mt-3">
              {filtered ? 'No entry matches these filters.' : 'Nothing has been changed yet.'}
            </p>
          ) : (
            <ol className="divide-rule border-rule mt-2 divide-y border-y">
              {page.items.map((entry) => (
                <AuditEntryView key={entry.id} entry={entry} />
              ))}
            </ol>
          )}
          <nav aria-label="Pages" className="mt-6 flex flex-wrap gap-x-6 gap-y-2 text-sm">
            {filters?.before && <Link href={`/admin/audit${query}`}>← Newest entries</Link>}
            {page.next && (
              <Link href={`/admin/audit${auditFiltersToQuery(filters!, { before: page.next })}`}>Older entries →</Link>
            )}
          </nav>
        </section>
      )}
    </div>
  );
}
