'use client';

import { TextAreaField, TextField } from '@/components/forms/fields';
import { inputClass } from '@/components/ui/field';
import { formatDate } from '@/lib/format';
import { isIsoDate } from '@/lib/gaps/dates';
import { emptyChannelValues, type ChannelFormState, type ChannelFormValues } from '@/lib/validation/channel';
import { countriesText } from '@/lib/validation/event';
import { CountriesField, RecordEditor, RecordForm, typedCountryCodes, type FieldContext } from './event-channel-kit';

type Action = (state: ChannelFormState, formData: FormData) => Promise<ChannelFormState>;

const LABELS: Record<keyof ChannelFormValues, string> = {
  name: 'Name',
  countries: 'Countries',
  establishedOn: 'Established on',
  closedOn: 'Closed on',
  sourceUrl: 'Source',
  description: 'Description',
};

function describe(name: keyof ChannelFormValues, value: string): string {
  if ((name === 'establishedOn' || name === 'closedOn') && isIsoDate(value.trim())) return formatDate(value.trim());
  if (name === 'closedOn' && value.trim() === '') return 'still open';
  if (name === 'countries') return countriesText(typedCountryCodes(value), '—');
  return value.trim();
}

function ChannelFields({ ctx }: { ctx: FieldContext<ChannelFormValues> }) {
  return (
    <>
      <TextField
        {...ctx.bind('name')}
        label="Name"
        hint="E.g. US–Russia deconfliction line."
        className="sm:col-span-2"
        type="text"
        autoComplete="off"
      />
      <CountriesField
        ctx={ctx}
        name="countries"
        label="Countries"
        hint="The two (or more) countries it connects, as ISO codes separated by commas or spaces. It shows on every pair between two of them."
        none="no pair yet: list at least two countries"
        className="sm:col-span-2"
      />
      <TextField
        {...ctx.bind('establishedOn')}
        label="Established on"
        type="date"
        controlClassName={`${inputClass} sm:w-48`}
      />
      <TextField
        {...ctx.bind('closedOn')}
        label="Closed on"
        optional
        hint="Empty while it is still open."
        type="date"
        controlClassName={`${inputClass} sm:w-48`}
      />
      <TextField
        {...ctx.bind('sourceUrl')}
        label="Source"
        optional
        hint="Where its setting up is reported."
        className="sm:col-span-2"
        type="url"
        inputMode="url"
        autoComplete="off"
      />
      <TextAreaField {...ctx.bind('description')} label="Description" optional rows={3} className="sm:col-span-2" />
    </>
  );
}

/** The form that adds a channel; it empties after each save for the next one. */
export function ChannelCreateForm({ action }: { action: Action }) {
  return (
    <RecordForm
      idPrefix="new-channel"
      noun="channel"
      mode="create"
      action={action}
      initialValues={emptyChannelValues()}
      labels={LABELS}
      describe={describe}
      submitLabel="Add channel"
      savedLink={(id) => `/admin/channels/${id}`}
    >
      {(ctx) => <ChannelFields ctx={ctx} />}
    </RecordForm>
  );
}

/** A channel's edit form and its delete step, sharing the version being edited. */
export function ChannelEditor({
  initialValues,
  version,
  name,
  contactCount,
  updateAction,
  deleteAction,
}: {
  initialValues: ChannelFormValues;
  version: number;
  name: string;
  contactCount: number;
  updateAction: Action;
  deleteAction: Action;
}) {
  return (
    <RecordEditor
      idPrefix="channel"
      noun="channel"
      initialValues={initialValues}
      version={version}
      name={name}
      labels={LABELS}
      describe={describe}
      updateAction={updateAction}
      deleteAction={deleteAction}
      listHref="/admin/channels"
      listLabel="Back to all channels"
      consequences={
        contactCount === 0 ? (
          <p>No contact went over this channel. It disappears from the charts; the audit log keeps a copy.</p>
        ) : (
          <p>
            <strong className="font-semibold">
              {contactCount === 1 ? '1 contact went' : `${contactCount} contacts went`} over this channel.
            </strong>{' '}
            {contactCount === 1 ? 'It stays' : 'They stay'}, with everything but the channel: the channel is cleared
            from {contactCount === 1 ? 'it' : 'them'}. The audit log keeps a copy of the channel and which contacts used
            it, so it can be put back.
          </p>
        )
      }
    >
      {(ctx) => <ChannelFields ctx={ctx} />}
    </RecordEditor>
  );
}
