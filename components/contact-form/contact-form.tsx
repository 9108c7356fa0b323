'use client';

import Link from 'next/link';
import { useRef, useState, type Ref } from 'react';
import { flushSync } from 'react-dom';
import { FormMessage } from '@/components/forms/error-summary';
import { fieldBinder, SelectField, TextAreaField, TextField } from '@/components/forms/fields';
import { rowEditor } from '@/components/forms/rows';
import { FormSection } from '@/components/forms/section';
import { FormFooter } from '@/components/forms/submit-button';
import { useFormAction } from '@/components/forms/use-form-action';
import { buttonClass } from '@/components/ui/button';
import { Field, FieldError, inputClass } from '@/components/ui/field';
import { formatDate } from '@/lib/format';
import { isIsoDate } from '@/lib/gaps/dates';
import type { ChannelChoice } from '@/lib/validation/channel';
import { applyAnalysis, type ProposalMarks } from '@/lib/readouts/apply';
import type { ReadoutAnalysis } from '@/lib/readouts/types';
import type { ReadoutPanelState } from '@/lib/validation/readout';
import { ChannelSelect } from './channel-field';
import { CHOOSE, participantOptions, PRECISION_OPTIONS, silenceSentence, STATUS_OPTIONS, TYPE_OPTIONS } from './labels';
import { ConflictNotice, DuplicateWarning, ErrorSummary, SavedNotice } from './notices';
import { ParticipantPicker } from './participant-picker';
import { ProposedNote, withProposal } from './proposed-note';
import { ReadoutPanel } from './readout-panel';
import { SourceFields, SourceSideSuggestions } from './source-fields';
import { useTimeZones } from './time-zones';
import {
  COMPARED_FIELDS,
  comparable,
  emptyContactValues,
  emptySource,
  fieldId,
  type ContactFormState,
  type ContactFormValues,
  type ParticipantChoice,
} from '@/lib/validation/contact-form';

const DATE_HINT: Record<string, string> = {
  DAY: 'The day it happened, as its sources date it.',
  MONTH: 'Any day in the month: it is stored as the 1st, and gaps touching it are marked approximate.',
  YEAR: 'Any day in the year: it is stored as 1 January, and gaps touching it are marked approximate.',
};

type Action = (state: ContactFormState, formData: FormData) => Promise<ContactFormState>;

/** The fields held as plain strings and drawn by the kit's field rows. */
type TextKey = 'date' | 'time' | 'timeZone' | 'type' | 'status' | 'initiator' | 'location' | 'summary' | 'topics';

/**
 * The one form for logging and editing a contact. Every field is held in
 * state and the action is called from onSubmit, so that nothing typed (chips
 * and sources included) is reset by a failed save; the action also echoes the
 * values it received. In edit mode it carries the version it edits and handles
 * a conflict with someone else's save.
 */
export function ContactForm({
  mode,
  action,
  initialValues,
  version,
  verification = 'UNVERIFIED',
  onSaved,
  onVersionChange,
  channels = [],
  readoutAction,
}: {
  mode: 'create' | 'edit';
  action: Action;
  initialValues: ContactFormValues;
  /** Edit mode: the version the form edits. */
  version?: number;
  verification?: string;
  /** Edit mode: a save went through. */
  onSaved?: (result: ContactFormState) => void;
  /** Edit mode: the user chose to build on a newer version. */
  onVersionChange?: (version: number, verification: string) => void;
  /** The channels a hotline contact can go over. */
  channels?: ChannelChoice[];
  /** Create mode: the action of the "Paste a readout" panel; without it there is no panel. */
  readoutAction?: (state: ReadoutPanelState, formData: FormData) => Promise<ReadoutPanelState>;
}) {
  const [values, setValues] = useState(initialValues);
  // The version the edit started from, to tell my changes from theirs on a conflict.
  const [base, setBase] = useState(initialValues);
  // What a pasted readout proposed, field by field, with the phrase each came from.
  const [marks, setMarks] = useState<ProposalMarks>({});
  const formRef = useRef<HTMLFormElement>(null);
  const participantInput = fieldId('participants');
  const timeZones = useTimeZones();

  const { current, errors, pending, noticeRef, submit, dismiss } = useFormAction<ContactFormState>(
    async (previous, formData) => {
      const result = await action(previous, formData);
      if (result.ok && mode === 'edit' && result.values) {
        setValues(result.values);
        setBase(result.values);
        onSaved?.(result);
      }
      return result;
    },
  );
  const err = (key: string) => errors[key];
  // A field's id, name, value and error, from its key in the values.
  const bind = fieldBinder<TextKey>({ id: fieldId, value: (key) => values[key], set, errors });

  function set<K extends keyof ContactFormValues>(key: K, value: ContactFormValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
  }

  function setParticipants(participants: ParticipantChoice[]) {
    const ids = new Set(participants.map((p) => p.id));
    setValues((v) => ({
      ...v,
      participants,
      // An initiator who is no longer a participant cannot stay the initiator.
      initiator: v.initiator && !ids.has(v.initiator) ? '' : v.initiator,
      sources: v.sources.map((s) =>
        s.claimInitiator && !ids.has(s.claimInitiator) && participantsHad(v.participants, s.claimInitiator)
          ? { ...s, claimInitiator: '' }
          : s,
      ),
    }));
  }

  const sources = rowEditor({
    count: values.sources.length,
    setRows: (update) => setValues((v) => ({ ...v, sources: update(v.sources) })),
    empty: emptySource,
    firstFieldId: (index) => fieldId(`sources.${index}.url`),
    fallbackId: fieldId('sources'),
  });

  function submitWith(formData: FormData, withVersion = version) {
    if (mode === 'edit' && withVersion !== undefined) formData.set('version', String(withVersion));
    submit(formData);
  }

  function keepMine() {
    const conflict = current.conflict!;
    const merged = { ...values };
    for (const field of COMPARED_FIELDS) {
      // A field only they changed takes their value; one I changed keeps mine.
      if (comparable(values, field) === comparable(base, field)) {
        (merged as Record<string, unknown>)[field] = conflict.current[field];
      }
    }
    flushSync(() => {
      setValues(merged);
      setBase(conflict.current);
      dismiss();
      onVersionChange?.(conflict.version, conflict.verification);
    });
    submitWith(new FormData(formRef.current!), conflict.version);
  }

  function loadTheirs() {
    const conflict = current.conflict!;
    setValues(conflict.current);
    setBase(conflict.current);
    dismiss();
    onVersionChange?.(conflict.version, conflict.verification);
  }

  function applyReadout(analysis: ReadoutAnalysis) {
    const applied = applyAnalysis(values, analysis);
    setValues(applied.values);
    setMarks(applied.marks);
  }

  function logAnother() {
    flushSync(() => {
      setMarks({});
      setValues(emptyContactValues());
      setBase(emptyContactValues());
      dismiss();
    });
    document.getElementById(participantInput)?.focus();
  }

  if (mode === 'create' && current.ok && current.saved) {
    return <SavedNotice ref={noticeRef as Ref<HTMLHeadingElement>} saved={current.saved} onLogAnother={logAnother} />;
  }

  const isHeld = values.status === 'HELD';
  const proposedParticipants = values.participants.filter((p) => marks[`participant:${p.id}`]?.value === p.id);

  return (
    <form
      ref={formRef}
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLElement | null;
        submitWith(new FormData(event.currentTarget, submitter));
      }}
      noValidate
      aria-label={mode === 'create' ? 'Log a contact' : 'Edit contact'}
      className="space-y-8"
    >
      {mode === 'create' && readoutAction && <ReadoutPanel action={readoutAction} onProposal={applyReadout} />}
      {current.conflict ? (
        <ConflictNotice
          ref={noticeRef}
          conflict={current.conflict}
          base={base}
          mine={values}
          baseVerification={verification}
          pending={pending}
          onKeepMine={keepMine}
          onLoadTheirs={loadTheirs}
        />
      ) : current.warning ? (
        <DuplicateWarning ref={noticeRef} message={current.message} nearby={current.warning.nearby} pending={pending} />
      ) : !current.ok && current.fieldErrors ? (
        <ErrorSummary ref={noticeRef} message={current.message} errors={current.fieldErrors} />
      ) : !current.ok && current.message ? (
        <FormMessage ref={noticeRef as Ref<HTMLParagraphElement>} message={current.message} />
      ) : current.ok && current.saved && mode === 'edit' ? (
        <div
          ref={noticeRef as Ref<HTMLDivElement>}
          tabIndex={-1}
          role="status"
          className="rounded border-l-4 border-emerald-600 bg-emerald-600/10 px-4 py-3 text-sm outline-none"
        >
          <p className="font-semibold">{current.message}</p>
          {current.unverified && (
            <p className="mt-1">
              More than its summary or topics changed, so it is <strong>Unverified</strong> again: another researcher
              needs to check it.
            </p>
          )}
          {current.saved.status === 'HELD' && current.saved.endedSilence && (
            <p className="mt-1">{silenceSentence(current.saved)}</p>
          )}
          {current.saved.pairHref && (
            <p className="mt-1">
              <Link href={`${current.saved.pairHref}#contact-${current.saved.id}`}>See it on the pair page</Link>
            </p>
          )}
        </div>
      ) : null}

      <FormSection id="section-who" title="Who" hint="Officials of at least two countries.">
        <div>
          <label htmlFor={participantInput} className="block text-sm font-medium">
            Participants
          </label>
          <ParticipantPicker
            id={participantInput}
            participants={values.participants}
            onChange={setParticipants}
            error={err('participants')}
          />
          {proposedParticipants.length > 0 && (
            <ul aria-label="Proposed participants" className="mt-2 space-y-1">
              {proposedParticipants.map((p) => (
                <li key={p.id}>
                  <ProposedNote mark={marks[`participant:${p.id}`]} label={`: ${p.name}`} />
                </li>
              ))}
            </ul>
          )}
        </div>
      </FormSection>

      <FormSection id="section-when" title="When">
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField
            {...bind('date')}
            label="Date"
            hint={withProposal(DATE_HINT[values.datePrecision] ?? DATE_HINT.DAY, marks.date, values.date, () =>
              set('date', ''),
            )}
            type="date"
            after={<DateReading date={values.date} precision={values.datePrecision} />}
          />
          <fieldset aria-describedby={err('datePrecision') ? `${fieldId('datePrecision')}-error` : undefined}>
            <legend className="text-sm font-medium">Known to the</legend>
            <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
              {PRECISION_OPTIONS.map((option, i) => (
                <label key={option.value} className="flex items-center gap-2 text-sm">
                  <input
                    id={i === 0 ? fieldId('datePrecision') : undefined}
                    type="radio"
                    name="datePrecision"
                    value={option.value}
                    checked={values.datePrecision === option.value}
                    onChange={() => set('datePrecision', option.value)}
                    className="accent-ink size-4"
                  />
                  {option.label}
                </label>
              ))}
            </div>
            {err('datePrecision') && (
              <p id={`${fieldId('datePrecision')}-error`} className="text-silence mt-1.5 text-sm font-medium">
                {err('datePrecision')!.join(' ')}
              </p>
            )}
          </fieldset>
          <TextField {...bind('time')} label="Time" optional hint="Local time, as the source gives it." type="time" />
          <TextField
            {...bind('timeZone')}
            label="Time zone"
            optional
            hint="An IANA name such as Europe/Moscow; UTC if left empty."
            list="time-zones"
            autoComplete="off"
            spellCheck={false}
            after={
              <datalist id="time-zones">
                {timeZones.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            }
          />
        </div>
      </FormSection>

      <FormSection id="section-what" title="What">
        <div className="grid gap-5 sm:grid-cols-2">
          <SelectField
            {...bind('type')}
            label="Type"
            hint={withProposal(undefined, marks.type, values.type, () => set('type', ''))}
            options={values.type === '' ? [CHOOSE, ...TYPE_OPTIONS] : TYPE_OPTIONS}
          />
          <SelectField
            {...bind('status')}
            label="Status"
            hint={withProposal(
              isHeld ? 'Only a held contact ends a silence.' : 'Shown inside its gap as a marker; it ends no silence.',
              marks.status,
              values.status,
              () => set('status', ''),
            )}
            options={values.status === '' ? [CHOOSE, ...STATUS_OPTIONS] : STATUS_OPTIONS}
          />
          <SelectField
            {...bind('initiator')}
            label="Initiator"
            optional
            hint={withProposal(
              values.participants.length === 0 ? 'Add participants first.' : 'Who sought the contact.',
              marks.initiator,
              values.initiator,
              () => set('initiator', ''),
            )}
            options={[{ value: '', label: 'Not known or not said' }, ...participantOptions(values.participants)]}
          />
          <Field
            id={fieldId('durationMinutes')}
            label="Duration"
            optional
            hint={withProposal(undefined, marks.durationMinutes, values.durationMinutes, () =>
              set('durationMinutes', ''),
            )}
            error={err('durationMinutes')}
          >
            {(props) => (
              <div className="flex items-center gap-2">
                <div className="w-28">
                  <input
                    {...props}
                    name="durationMinutes"
                    inputMode="numeric"
                    autoComplete="off"
                    value={values.durationMinutes}
                    onChange={(e) => set('durationMinutes', e.target.value)}
                    className={inputClass}
                  />
                </div>
                <span className="text-muted mt-1.5 text-sm">minutes</span>
              </div>
            )}
          </Field>
          <TextField
            {...bind('location')}
            label="Location"
            optional
            hint={withProposal('For a meeting: the city or venue.', marks.location, values.location, () =>
              set('location', ''),
            )}
          />
          {(values.type === 'HOTLINE' || values.channel !== '' || err('channel')) && (
            <Field
              id={fieldId('channel')}
              label="Channel"
              optional
              hint="The standing line it went over: the channels between the participants’ countries."
              error={err('channel')}
            >
              {(props) => (
                <ChannelSelect
                  props={props}
                  value={values.channel}
                  onValueChange={(value) => set('channel', value)}
                  channels={channels}
                  countries={values.participants.map((p) => p.country)}
                />
              )}
            </Field>
          )}
          <TextAreaField
            {...bind('summary')}
            label="Summary"
            optional
            hint="What the readouts say was discussed, in plain text."
            rows={5}
            className="sm:col-span-2"
          />
          <TextField
            {...bind('topics')}
            label="Topics"
            optional
            hint="Separated by commas, e.g. ukraine, deconfliction."
            autoComplete="off"
            className="sm:col-span-2"
          />
        </div>
        {values.channel === '' && values.type !== 'HOTLINE' && <input type="hidden" name="channel" value="" />}
      </FormSection>

      <FormSection
        id="section-sources"
        title="Sources"
        hint="Every contact has at least one. Add each account that reports it."
      >
        <SourceSideSuggestions />
        {values.sources.length === 0 && (
          <p className="text-muted text-sm">No source yet. Every contact needs at least one.</p>
        )}
        {values.sources.map((source, index) => (
          <SourceFields
            key={source.key}
            index={index}
            source={source}
            participants={values.participants}
            marks={marks}
            errors={errors}
            onChange={(patch) => sources.change(index, patch)}
            onRemove={() => sources.remove(index)}
          />
        ))}
        <div>
          <button
            type="button"
            id={fieldId('sources')}
            onClick={sources.add}
            aria-describedby={err('sources') ? `${fieldId('sources')}-error` : undefined}
            className={buttonClass.secondary}
          >
            <span aria-hidden="true">+</span> {values.sources.length === 0 ? 'Add a source' : 'Add another source'}
          </button>
          <FieldError id={fieldId('sources')} messages={err('sources')} />
        </div>
      </FormSection>

      <FormFooter
        pending={pending}
        label={mode === 'create' ? 'Log contact' : 'Save changes'}
        note={
          mode === 'create'
            ? 'You can edit it afterwards; a second researcher verifies it.'
            : 'Saving keeps a copy of the old version in the audit log.'
        }
      />
    </form>
  );
}

/**
 * The date as words under the field, because the browser shows it in its own
 * order (05/06/2022 is May or June depending on where you are).
 */
function DateReading({ date, precision }: { date: string; precision: string }) {
  if (!isIsoDate(date)) return null;
  const day = new Date(`${date}T00:00:00Z`);
  const text =
    precision === 'YEAR'
      ? `${date.slice(0, 4)}, counted from 1 January`
      : precision === 'MONTH'
        ? `${formatDate(date, 'MONTH')}, counted from the 1st`
        : new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }).format(day) + ' ' + formatDate(date);
  return <p className="text-muted mt-1 text-sm tabular-nums">{text}</p>;
}

function participantsHad(participants: ParticipantChoice[], id: string): boolean {
  return participants.some((p) => p.id === id);
}
