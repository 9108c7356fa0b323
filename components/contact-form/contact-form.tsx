'use client';

import Link from 'next/link';
import { startTransition, useActionState, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { FormSection } from '@/components/form-parts';
import { buttonClass } from '@/components/ui/button';
import { Field, inputClass, Select } from '@/components/ui/field';
import { formatDate } from '@/lib/format';
import { isIsoDate } from '@/lib/gaps/dates';
import type { ChannelChoice } from '@/lib/validation/channel';
import { applyAnalysis, type ProposalMarks } from '@/lib/readouts/apply';
import type { ReadoutAnalysis } from '@/lib/readouts/types';
import type { ReadoutPanelState } from '@/lib/validation/readout';
import { ChannelSelect } from './channel-field';
import { CHOOSE, participantOptions, PRECISION_OPTIONS, silenceSentence, STATUS_OPTIONS, TYPE_OPTIONS } from './labels';
import { ConflictNotice, DuplicateWarning, ErrorSummary, FormMessage, SavedNotice } from './notices';
import { ParticipantPicker } from './participant-picker';
import { ProposedNote, withProposal } from './proposed-note';
import { ReadoutPanel } from './readout-panel';
import { SourceFields, SourceSideSuggestions } from './source-fields';
import {
  COMPARED_FIELDS,
  comparable,
  emptyContactValues,
  emptySource,
  fieldId,
  type ContactFormState,
  type ContactFormValues,
  type ParticipantChoice,
  type SourceValues,
} from '@/lib/validation/contact-form';

/** A short list to choose from; any IANA zone may be typed. Fixed, so server and browser render the same. */
const COMMON_TIME_ZONES = [
  'UTC',
  'America/New_York',
  'America/Chicago',
  'America/Los_Angeles',
  'Europe/London',
  'Europe/Brussels',
  'Europe/Paris',
  'Europe/Berlin',
  'Europe/Warsaw',
  'Europe/Kyiv',
  'Europe/Moscow',
  'Europe/Istanbul',
  'Asia/Jerusalem',
  'Asia/Tehran',
  'Asia/Riyadh',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Pyongyang',
  'Asia/Seoul',
  'Asia/Tokyo',
  'Australia/Sydney',
];

const DATE_HINT: Record<string, string> = {
  DAY: 'The day it happened, as its sources date it.',
  MONTH: 'Any day in the month: it is stored as the 1st, and gaps touching it are marked approximate.',
  YEAR: 'Any day in the year: it is stored as 1 January, and gaps touching it are marked approximate.',
};

type Action = (state: ContactFormState, formData: FormData) => Promise<ContactFormState>;

const INITIAL: ContactFormState = { ok: true };

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
  const [dismissed, setDismissed] = useState<ContactFormState | null>(null);
  // What a pasted readout proposed, field by field, with the phrase each came from.
  const [marks, setMarks] = useState<ProposalMarks>({});
  const formRef = useRef<HTMLFormElement>(null);
  const summaryRef = useRef<HTMLElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const warningRef = useRef<HTMLElement>(null);
  const conflictRef = useRef<HTMLElement>(null);
  const savedRef = useRef<HTMLHeadingElement>(null);
  const successRef = useRef<HTMLDivElement>(null);
  const participantInput = fieldId('participants');

  const [state, dispatch, pending] = useActionState<ContactFormState, FormData>(async (previous, formData) => {
    const result = await action(previous, formData);
    if (result.ok && mode === 'edit' && result.values) {
      setValues(result.values);
      setBase(result.values);
      onSaved?.(result);
    }
    return result;
  }, INITIAL);

  const current = state === dismissed ? INITIAL : state;
  const errors = current.ok ? {} : (current.fieldErrors ?? {});
  const err = (key: string) => errors[key];

  useEffect(() => {
    if (state === INITIAL || state === dismissed) return;
    const target =
      state.saved && mode === 'create'
        ? savedRef.current
        : state.conflict
          ? conflictRef.current
          : state.warning
            ? warningRef.current
            : !state.ok && state.fieldErrors
              ? summaryRef.current
              : !state.ok
                ? messageRef.current
                : successRef.current;
    target?.focus();
    // Only a new result moves the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

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

  function setSource(index: number, patch: Partial<SourceValues>) {
    setValues((v) => ({ ...v, sources: v.sources.map((s, i) => (i === index ? { ...s, ...patch } : s)) }));
  }

  function addSource() {
    const next = values.sources.length;
    flushSync(() => setValues((v) => ({ ...v, sources: [...v.sources, emptySource()] })));
    document.getElementById(fieldId(`sources.${next}.url`))?.focus();
  }

  function removeSource(index: number) {
    flushSync(() => setValues((v) => ({ ...v, sources: v.sources.filter((_, i) => i !== index) })));
    const neighbour = Math.min(index, values.sources.length - 2);
    document.getElementById(neighbour >= 0 ? fieldId(`sources.${neighbour}.url`) : fieldId('sources'))?.focus();
  }

  function submit(formData: FormData) {
    if (mode === 'edit' && version !== undefined) formData.set('version', String(version));
    startTransition(() => dispatch(formData));
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLElement | null;
    submit(new FormData(event.currentTarget, submitter));
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
      setDismissed(state);
      onVersionChange?.(conflict.version, conflict.verification);
    });
    const formData = new FormData(formRef.current!);
    formData.set('version', String(conflict.version));
    startTransition(() => dispatch(formData));
  }

  function loadTheirs() {
    const conflict = current.conflict!;
    setValues(conflict.current);
    setBase(conflict.current);
    setDismissed(state);
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
      setDismissed(state);
    });
    document.getElementById(participantInput)?.focus();
  }

  if (mode === 'create' && current.ok && current.saved) {
    return <SavedNotice ref={savedRef} saved={current.saved} onLogAnother={logAnother} />;
  }

  const isHeld = values.status === 'HELD';
  const proposedParticipants = values.participants.filter((p) => marks[`participant:${p.id}`]?.value === p.id);

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      aria-label={mode === 'create' ? 'Log a contact' : 'Edit contact'}
      className="space-y-8"
    >
      {mode === 'create' && readoutAction && <ReadoutPanel action={readoutAction} onProposal={applyReadout} />}
      {current.conflict ? (
        <ConflictNotice
          ref={conflictRef}
          conflict={current.conflict}
          base={base}
          mine={values}
          baseVerification={verification}
          pending={pending}
          onKeepMine={keepMine}
          onLoadTheirs={loadTheirs}
        />
      ) : current.warning ? (
        <DuplicateWarning
          ref={warningRef}
          message={current.message}
          nearby={current.warning.nearby}
          pending={pending}
        />
      ) : !current.ok && current.fieldErrors ? (
        <ErrorSummary ref={summaryRef} message={current.message} errors={current.fieldErrors} />
      ) : !current.ok && current.message ? (
        <FormMessage ref={messageRef} message={current.message} />
      ) : current.ok && current.saved && mode === 'edit' ? (
        <div
          ref={successRef}
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
          <Field
            id={fieldId('date')}
            label="Date"
            hint={withProposal(DATE_HINT[values.datePrecision] ?? DATE_HINT.DAY, marks.date, values.date, () =>
              set('date', ''),
            )}
            error={err('date')}
          >
            {(props) => (
              <>
                <input
                  {...props}
                  name="date"
                  type="date"
                  value={values.date}
                  onChange={(e) => set('date', e.target.value)}
                  className={inputClass}
                />
                <DateReading date={values.date} precision={values.datePrecision} />
              </>
            )}
          </Field>
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
          <Field
            id={fieldId('time')}
            label="Time"
            optional
            hint="Local time, as the source gives it."
            error={err('time')}
          >
            {(props) => (
              <input
                {...props}
                name="time"
                type="time"
                value={values.time}
                onChange={(e) => set('time', e.target.value)}
                className={inputClass}
              />
            )}
          </Field>
          <Field
            id={fieldId('timeZone')}
            label="Time zone"
            optional
            hint="An IANA name such as Europe/Moscow; UTC if left empty."
            error={err('timeZone')}
          >
            {(props) => (
              <>
                <input
                  {...props}
                  name="timeZone"
                  list="time-zones"
                  autoComplete="off"
                  spellCheck={false}
                  value={values.timeZone}
                  onChange={(e) => set('timeZone', e.target.value)}
                  className={inputClass}
                />
                <datalist id="time-zones">
                  {COMMON_TIME_ZONES.map((zone) => (
                    <option key={zone} value={zone} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </div>
      </FormSection>

      <FormSection id="section-what" title="What">
        <div className="grid gap-5 sm:grid-cols-2">
          <Field
            id={fieldId('type')}
            label="Type"
            hint={withProposal(undefined, marks.type, values.type, () => set('type', ''))}
            error={err('type')}
          >
            {(props) => (
              <Select
                {...props}
                name="type"
                value={values.type}
                onValueChange={(value) => set('type', value)}
                options={values.type === '' ? [CHOOSE, ...TYPE_OPTIONS] : TYPE_OPTIONS}
              />
            )}
          </Field>
          <Field
            id={fieldId('status')}
            label="Status"
            hint={withProposal(
              isHeld ? 'Only a held contact ends a silence.' : 'Shown inside its gap as a marker; it ends no silence.',
              marks.status,
              values.status,
              () => set('status', ''),
            )}
            error={err('status')}
          >
            {(props) => (
              <Select
                {...props}
                name="status"
                value={values.status}
                onValueChange={(value) => set('status', value)}
                options={values.status === '' ? [CHOOSE, ...STATUS_OPTIONS] : STATUS_OPTIONS}
              />
            )}
          </Field>
          <Field
            id={fieldId('initiator')}
            label="Initiator"
            optional
            hint={withProposal(
              values.participants.length === 0 ? 'Add participants first.' : 'Who sought the contact.',
              marks.initiator,
              values.initiator,
              () => set('initiator', ''),
            )}
            error={err('initiator')}
          >
            {(props) => (
              <Select
                {...props}
                name="initiator"
                value={values.initiator}
                onValueChange={(value) => set('initiator', value)}
                options={[{ value: '', label: 'Not known or not said' }, ...participantOptions(values.participants)]}
              />
            )}
          </Field>
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
          <Field
            id={fieldId('location')}
            label="Location"
            optional
            hint={withProposal('For a meeting: the city or venue.', marks.location, values.location, () =>
              set('location', ''),
            )}
            error={err('location')}
          >
            {(props) => (
              <input
                {...props}
                name="location"
                value={values.location}
                onChange={(e) => set('location', e.target.value)}
                className={inputClass}
              />
            )}
          </Field>
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
          <Field
            id={fieldId('summary')}
            label="Summary"
            optional
            hint="What the readouts say was discussed, in plain text."
            error={err('summary')}
            className="sm:col-span-2"
          >
            {(props) => (
              <textarea
                {...props}
                name="summary"
                rows={5}
                value={values.summary}
                onChange={(e) => set('summary', e.target.value)}
                className={inputClass}
              />
            )}
          </Field>
          <Field
            id={fieldId('topics')}
            label="Topics"
            optional
            hint="Separated by commas, e.g. ukraine, deconfliction."
            error={err('topics')}
            className="sm:col-span-2"
          >
            {(props) => (
              <input
                {...props}
                name="topics"
                autoComplete="off"
                value={values.topics}
                onChange={(e) => set('topics', e.target.value)}
                className={inputClass}
              />
            )}
          </Field>
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
            onChange={(patch) => setSource(index, patch)}
            onRemove={() => removeSource(index)}
          />
        ))}
        <div>
          <button
            type="button"
            id={fieldId('sources')}
            onClick={addSource}
            aria-describedby={err('sources') ? `${fieldId('sources')}-error` : undefined}
            className={buttonClass.secondary}
          >
            <span aria-hidden="true">+</span> {values.sources.length === 0 ? 'Add a source' : 'Add another source'}
          </button>
          {err('sources') && (
            <p id={`${fieldId('sources')}-error`} className="text-silence mt-1.5 text-sm font-medium">
              <span className="sr-only">Error: </span>
              {err('sources')!.join(' ')}
            </p>
          )}
        </div>
      </FormSection>

      <div className="border-rule flex flex-wrap items-center gap-4 border-t pt-6">
        <button type="submit" disabled={pending} className={buttonClass.primary}>
          {pending ? 'Saving…' : mode === 'create' ? 'Log contact' : 'Save changes'}
        </button>
        <p className="text-muted text-sm">
          {mode === 'create'
            ? 'You can edit it afterwards; a second researcher verifies it.'
            : 'Saving keeps a copy of the old version in the audit log.'}
        </p>
      </div>
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
