import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EventEditor } from '@/components/admin/event-form';
import { deleteEventAction, updateEventAction } from '@/lib/actions/events';
import { requirePermittedPage } from '@/lib/auth/session';
import { getContextEvent } from '@/lib/data/event-edits';
import { formatDate } from '@/lib/format';
import { countriesText, eventValues } from '@/lib/validation/event';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const event = await getContextEvent((await params).id);
  if (event === null) return { title: 'Event not found' };
  return {
    title: `Edit event: ${event.title}`,
    description: `Edit or delete the context event “${event.title}” of ${formatDate(event.date)}.`,
    robots: { index: false },
  };
}

export default async function AdminEventPage({ params }: Props) {
  const { id } = await params;
  await requirePermittedPage('event:manage', `/admin/events/${id}`);
  const event = await getContextEvent(id);
  if (event === null) notFound();
  return (
    <div className="max-w-3xl space-y-8">
      <p className="text-sm">
        <Link href="/admin/events">← All context events</Link>
      </p>
      <header>
        <h1 className="text-3xl font-semibold tracking-tight break-words">Edit event</h1>
        <p className="text-muted mt-2 tabular-nums">
          {formatDate(event.date)} · {event.title} · concerns {countriesText(event.countries)}
        </p>
      </header>
      <EventEditor
        initialValues={eventValues(event)}
        version={event.version}
        title={event.title}
        updateAction={updateEventAction.bind(null, id)}
        deleteAction={deleteEventAction.bind(null, id)}
      />
    </div>
  );
}
