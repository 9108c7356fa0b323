import type { Metadata } from 'next';
import Link from 'next/link';
import { EventCreateForm } from '@/components/admin/event-form';
import { createEventAction } from '@/lib/actions/events';
import { requireAdminPage } from '@/lib/auth/session';
import { listAllContextEvents } from '@/lib/data/event-edits';
import { formatDate } from '@/lib/format';
import { countriesText } from '@/lib/validation/event';

export const metadata: Metadata = {
  title: 'Context events',
  description: 'Dated events drawn as labelled lines on the gap charts of the pairs they concern: add, edit, delete.',
  robots: { index: false },
};

export default async function AdminEventsPage() {
  await requireAdminPage('event:manage', '/admin/events');
  const events = await listAllContextEvents();
  return (
    <div className="space-y-12">
      <header>
        <h1 className="text-3xl font-semibold tracking-tight">Context events</h1>
        <p className="text-muted mt-3 max-w-2xl leading-relaxed">
          Dated events drawn as labelled lines on the gap charts, so a silence can be read against what happened during
          it. An event with countries shows on every pair that involves one of them; one without countries shows on
          every pair.
        </p>
      </header>

      <section aria-labelledby="events-list-title">
        <h2 id="events-list-title" className="text-muted mb-4 text-sm font-medium tracking-wider uppercase">
          {events.length === 1 ? 'One event' : `${events.length} events`}, newest first
        </h2>
        {events.length === 0 ? (
          <p className="text-muted">No context events yet. Add the first below.</p>
        ) : (
          <ul className="divide-rule border-rule divide-y border-y" aria-label="Context events">
            {events.map((event) => (
              <li key={event.id} className="grid gap-x-6 gap-y-1 py-3 sm:grid-cols-[9rem_minmax(0,1fr)]">
                <time dateTime={event.date} className="text-muted text-sm tabular-nums sm:pt-0.5">
                  {formatDate(event.date)}
                </time>
                <div className="min-w-0">
                  <p className="font-medium break-words">
                    <Link href={`/admin/events/${event.id}`}>{event.title}</Link>
                  </p>
                  <p className="text-muted text-sm break-words">
                    Concerns {countriesText(event.countries)}
                    {event.url && (
                      <>
                        {' · '}
                        <a href={event.url} rel="noreferrer" className="break-all">
                          {new URL(event.url).hostname}
                        </a>
                      </>
                    )}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="add-event-heading" className="max-w-3xl">
        <h2 id="add-event-heading" className="mb-1 text-xl font-semibold tracking-tight">
          Add an event
        </h2>
        <p className="text-muted mb-6 text-sm">It appears on the charts at once, and in the audit log.</p>
        <EventCreateForm action={createEventAction} />
      </section>
    </div>
  );
}
