import Link from 'next/link';
import { EditContactLink } from '@/components/auth/deferred';
import { formatDate, unnamedPhrase } from '@/lib/format';
import type { ContactRow as ContactListRow } from '@/lib/data/contacts';
import { STATUS_LABEL, TYPE_LABEL } from '@/lib/labels';

type ContactRow = Pick<
  ContactListRow,
  'id' | 'date' | 'datePrecision' | 'type' | 'status' | 'summary' | 'participants' | 'unnamedCountries' | 'sources'
>;

/**
 * A compact list of contacts: date, who, what happened, and where it is reported.
 * A signed-in researcher or admin also sees a link to each row's edit page.
 */
export function ContactList({ contacts }: { contacts: ContactRow[] }) {
  return (
    <ol className="divide-rule divide-y">
      {contacts.map((c) => (
        <li key={c.id} className="py-4 first:pt-0">
          <p className="text-muted text-sm tabular-nums">
            <time dateTime={c.date}>{formatDate(c.date, c.datePrecision)}</time> · {TYPE_LABEL[c.type]}{' '}
            <span className={c.status === 'REFUSED' ? 'text-refusal' : c.status === 'HELD' ? '' : 'italic'}>
              {STATUS_LABEL[c.status]}
            </span>
            <EditContactLink
              id={c.id}
              label={formatDate(c.date, c.datePrecision)}
              className="before:text-muted ml-1 before:mr-1 before:content-['·']"
            />
          </p>
          <p className="mt-1 font-medium">
            {c.participants.map((p, i) => (
              <span key={p.slug}>
                {i > 0 && <span className="text-muted"> · </span>}
                <Link href={`/officials/${p.slug}`}>{p.name}</Link>
              </span>
            ))}
            {c.unnamedCountries.length > 0 && <span className="font-normal"> {unnamedPhrase(c.unnamedCountries)}</span>}
          </p>
          {c.summary && <p className="mt-1 line-clamp-3 text-sm">{c.summary}</p>}
          {c.sources[0] && (
            <p className="text-muted mt-1 text-xs">
              Source:{' '}
              <a href={c.sources[0].url} rel="noreferrer">
                {c.sources[0].publisher ?? new URL(c.sources[0].url).hostname}
              </a>
              {c.sources.length > 1 && ` and ${c.sources.length - 1} more`}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}
