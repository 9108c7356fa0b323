import type { Metadata } from 'next';
import Link from 'next/link';
import { EventCreateForm } from '@/components/admin/event-form';
import { RecordListItem, RecordListPage, SourceLink, whenClass } from '@/components/admin/record-list-page';
import { createEventAction } from '@/lib/actions/events';
import { requirePermittedPage } from '@/lib/auth/session';
import { listAllContextEvents } from '@/lib/data/event-edits';
import { formatDate } from '@/lib/format';
import { countriesText } from '@/lib/validation/event';

export const metadata: Metadata = {
  title: 'Context events',
  description: 'Dated events drawn as labelled lines on the gap charts of the pairs they concern: add, edit, delete.',
  robots: { index: false },
};

export default async function AdminEventsPage() {
  await requirePermittedPage('event:manage', '/admin/events');
  const events = await listAllContextEvents();
  return (
    <RecordListPage
      title="Context events"
      intro="Dated events drawn as labelled lines on the gap charts, so a silence can be read against what happened during it. An event with countries shows on every pair that involves one of them; one without countries shows on every pair."
      idPrefix="event"
      count={events.length === 1 ? 'One event' : `${events.length} events`}
      empty="No context events yet. Add the first below."
      addTitle="Add an event"
      addNote="It appears on the charts at once, and in the audit log."
      form={<EventCreateForm action={createEventAction} />}
    >
      {events.map((event) => (
        <RecordListItem
          key={event.id}
          when={
            <time dateTime={event.date} className={whenClass}>
              {formatDate(event.date)}
            </time>
          }
        >
          <p className="font-medium break-words">
            <Link href={`/admin/events/${event.id}`}>{event.title}</Link>
          </p>
          <p className="text-muted text-sm break-words">
            Concerns {countriesText(event.countries)}
            <SourceLink url={event.url} />
          </p>
        </RecordListItem>
      ))}
    </RecordListPage>
  );
}
