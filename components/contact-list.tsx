import Link from 'next/link';
import { formatDate } from '@/lib/format';
import type { ContactRow as ContactListRow } from '@/lib/data/contacts';
import { STATUS_LABEL, TYPE_LABEL } from '@/lib/labels';

type ContactRow = Pick<
  ContactListRow,
  'id' | 'date' | 'datePrecision' | 'type' | 'status' | 'summary' | 'participants' | 'sources'
>;

/**
 * A compact list of contacts: date, who, what happened, and where it is reported.
 * With `canEdit` (a researcher or admin is signed in) each row links to its edit page.
 */
export function ContactList({ contacts, canEdit = false }: { contacts: ContactRow[]; canEdit?: boolean }) {
  return (
    <ol className="divide-rule divide-y">
      {contacts.map((c) => (
        <li key={c.id} className="py-4 first:pt-0">
          <p className="text-muted text-sm tabular-nums">
            <time dateTime={c.date}>{formatDate(c.date, c.datePrecision)}</time> · {TYPE_LABEL[c.type]}{' '}
            <span className={c.status === 'REFUSED' ? 'text-refusal' : c.status === 'HELD' ? '' : 'italic'}>
              {STATUS_LABEL[c.status]}
            </span>
            {canEdit && (
              <>
                {' · '}
                <Link href={`/contacts/${c.id}/edit`}>
                  Edit<span className="sr-only"> the contact of {formatDate(c.date, c.datePrecision)}</span>
                </Link>
              </>
            )}
          </p>
          <p className="mt-1 font-medium">
            {c.participants.map((p, i) => (
              <span key={p.slug}>
                {i > 0 && <span className="text-muted"> · </span>}
                <Link href={`/officials/${p.slug}`}>{p.name}</Link>
              </span>
            ))}
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
