'use client';

import { TextAreaField, TextField } from '@/components/forms/fields';
import { inputClass } from '@/components/ui/field';
import { formatDate } from '@/lib/format';
import { isIsoDate } from '@/lib/gaps/dates';
import {
  countriesText,
  emptyEventValues,
  type ContextEventFormValues,
  type EventFormState,
} from '@/lib/validation/event';
import { CountriesField, RecordEditor, RecordForm, typedCountryCodes, type FieldContext } from './event-channel-kit';

type Action = (state: EventFormState, formData: FormData) => Promise<EventFormState>;

const LABELS: Record<keyof ContextEventFormValues, string> = {
  date: 'Date',
  title: 'Title',
  countries: 'Countries',
  url: 'Link',
  description: 'Description',
};

function describe(name: keyof ContextEventFormValues, value: string): string {
  if (name === 'date' && isIsoDate(value.trim())) return formatDate(value.trim());
  if (name === 'countries') return countriesText(typedCountryCodes(value));
  return value.trim();
}

function EventFields({ ctx }: { ctx: FieldContext<ContextEventFormValues> }) {
  return (
    <>
      <TextField
        {...ctx.bind('date')}
        label="Date"
        hint="The day it happened."
        type="date"
        controlClassName={`${inputClass} sm:w-48`}
      />
      <TextField
        {...ctx.bind('title')}
        label="Title"
        hint="Short: it labels a line on the charts."
        type="text"
        autoComplete="off"
      />
      <CountriesField
        ctx={ctx}
        name="countries"
        label="Countries"
        hint="Two-letter ISO codes, separated by commas or spaces. Leave empty for an event that concerns every pair; with codes, it shows on each pair that involves one of them."
        none="every pair"
        className="sm:col-span-2"
      />
      <TextField
        {...ctx.bind('url')}
        label="Link"
        optional
        hint="A source about the event."
        className="sm:col-span-2"
        type="url"
        inputMode="url"
        autoComplete="off"
      />
      <TextAreaField {...ctx.bind('description')} label="Description" optional rows={3} className="sm:col-span-2" />
    </>
  );
}

/** The form that adds a context event; it empties after each save for the next one. */
export function EventCreateForm({ action }: { action: Action }) {
  return (
    <RecordForm
      idPrefix="new-event"
      noun="event"
      mode="create"
      action={action}
      initialValues={emptyEventValues()}
      labels={LABELS}
      describe={describe}
      submitLabel="Add event"
      savedLink={(id) => `/admin/events/${id}`}
    >
      {(ctx) => <EventFields ctx={ctx} />}
    </RecordForm>
  );
}

/** An event's edit form and its delete step, sharing the version being edited. */
export function EventEditor({
  initialValues,
  version,
  title,
  updateAction,
  deleteAction,
}: {
  initialValues: ContextEventFormValues;
  version: number;
  title: string;
  updateAction: Action;
  deleteAction: Action;
}) {
  return (
    <RecordEditor
      idPrefix="event"
      noun="event"
      initialValues={initialValues}
      version={version}
      name={title}
      labels={LABELS}
      describe={describe}
      updateAction={updateAction}
      deleteAction={deleteAction}
      listHref="/admin/events"
      listLabel="Back to all context events"
      consequences={
        <p>It disappears from the chart and timeline of every pair it concerns. The audit log keeps a copy of it.</p>
      }
    >
      {(ctx) => <EventFields ctx={ctx} />}
    </RecordEditor>
  );
}
