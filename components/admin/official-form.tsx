'use client';

import Link from 'next/link';
import { startTransition, useActionState, useEffect, useRef, useState, type Ref } from 'react';
import { flushSync } from 'react-dom';
import { ConflictTable, ErrorSummaryBox, FormMessage, FormSection } from '@/components/form-parts';
import { buttonClass } from '@/components/ui/button';
import { OfficialDelete } from './official-delete';
import { Field, inputClass } from '@/components/ui/field';
import type { FieldErrors } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { isIsoDate } from '@/lib/gaps/dates';
import {
  COMPARED,
  describeValue,
  emptyOfficialValues,
  emptyPosition,
  officialFieldId as fid,
  officialFieldLabel,
  type OfficialFormState,
  type OfficialFormValues,
  type PhotoChoice,
  type PhotoState,
  type PositionRow,
} from '@/lib/validation/official-form';

type Action = (state: OfficialFormState, formData: FormData) => Promise<OfficialFormState>;

const INITIAL: OfficialFormState = { ok: true };

const FIELD_NAMES: Record<string, string> = {
  name: 'Name',
  country: 'Country',
  otherNames: 'Other spellings',
  wikidataId: 'Wikidata id',
  bio: 'Short bio',
  links: 'Links',
  photoUrl: 'Photo address',
  positions: 'Positions',
};

/** The problems of a failed save, each linking to its field; focus lands here. */
function ErrorSummary({ ref, message, errors }: { ref: Ref<HTMLElement>; message?: string; errors: FieldErrors }) {
  return (
    <ErrorSummaryBox
      ref={ref}
      titleId="official-errors-title"
      title={message ?? 'The official was not saved.'}
      entries={Object.entries(errors)}
      fieldId={fid}
      fieldLabel={officialFieldLabel}
      className="border-silence rounded border-l-4 bg-orange-500/10 px-4 py-4 outline-none sm:px-5"
    />
  );
}

/** Someone else saved first: what they changed, what this admin typed (still in the form), and the two ways on. */
function ConflictNotice({
  ref,
  conflict,
  base,
  mine,
  pending,
  onKeepMine,
  onLoadTheirs,
}: {
  ref: Ref<HTMLElement>;
  conflict: NonNullable<OfficialFormState['conflict']>;
  base: OfficialFormValues;
  mine: OfficialFormValues;
  pending: boolean;
  onKeepMine: () => void;
  onLoadTheirs: () => void;
}) {
  const theirs = conflict.current;
  const fields = COMPARED.filter(
    (f) => describeValue(theirs, f) !== describeValue(base, f) || describeValue(mine, f) !== describeValue(theirs, f),
  );
  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby="official-conflict-title"
      className="rounded border-l-4 border-amber-500 bg-amber-500/10 px-4 py-4 outline-none sm:px-5"
    >
      <h2 id="official-conflict-title" className="font-semibold">
        Someone else saved this official while you were editing it
      </h2>
      <p className="mt-1 text-sm">
        {conflict.message} Your changes are not saved yet, and they are all still in the form below. The official is now
        at version {conflict.version}.
      </p>
      {fields.length > 0 && (
        <div className="mt-3 overflow-x-auto" role="region" aria-label="What differs" tabIndex={0}>
          <ConflictTable
            caption="What differs between the saved official and your form"
            columns={['When you opened it', 'Saved now', 'In your form']}
            className="w-full min-w-[32rem]"
          >
            {fields.map((field) => (
              <tr key={field}>
                <th scope="row" className="py-2 pr-3 font-medium">
                  {FIELD_NAMES[field]}
                </th>
                <td className="text-muted py-2 pr-3">{describeValue(base, field) || '—'}</td>
                <td className="py-2 pr-3">{describeValue(theirs, field) || '—'}</td>
                <td className="py-2">{describeValue(mine, field) || '—'}</td>
              </tr>
            ))}
          </ConflictTable>
        </div>
      )}
      <div className="mt-4 flex flex-wrap gap-3">
        <button type="button" onClick={onKeepMine} disabled={pending} className={buttonClass.primary}>
          {pending ? 'Saving…' : 'Save my version over theirs'}
        </button>
        <button type="button" onClick={onLoadTheirs} disabled={pending} className={buttonClass.secondary}>
          Discard mine and load theirs
        </button>
      </div>
    </section>
  );
}

function PhotoPreview({ photo, name }: { photo: PhotoState; name: string }) {
  if (photo.kind === 'none') return null;
  return (
    // eslint-disable-next-line @next/next/no-img-element -- served by this app or at the address an admin gave
    <img
      src={photo.src}
      alt={`Current photo of ${name || 'this official'}`}
      width={72}
      height={90}
      className="bg-rule h-[5.625rem] w-[4.5rem] shrink-0 rounded-sm object-cover"
    />
  );
}

const PHOTO_LABELS: Record<PhotoState['kind'], Partial<Record<PhotoChoice, string>>> = {
  none: { keep: 'No photo', upload: 'Upload a file', url: 'Use an address on the web' },
  stored: {
    keep: 'Keep the uploaded photo',
    upload: 'Upload a new file',
    url: 'Use an address on the web instead',
    remove: 'Remove the photo',
  },
  url: {
    keep: 'Keep the photo at its address',
    upload: 'Upload a file instead',
    url: 'Change the address',
    remove: 'Remove the photo',
  },
};

/**
 * The admin's one form for an official: profile, photo and positions. Every
 * field is held in state and the action is called from onSubmit, so a failed
 * save keeps everything typed (a chosen file aside: the browser forgets it).
 * In edit mode it carries the version it edits and handles a conflict.
 */
export function OfficialForm({
  mode,
  action,
  initialValues = emptyOfficialValues(),
  version: initialVersion,
  photo: initialPhoto = { kind: 'none' },
  onVersionChange,
}: {
  mode: 'create' | 'edit';
  action: Action;
  initialValues?: OfficialFormValues;
  version?: number;
  photo?: PhotoState;
  /** Edit mode: the version now edited (after a save, or when building on someone else's). */
  onVersionChange?: (version: number) => void;
}) {
  const [values, setValues] = useState(initialValues);
  const [base, setBase] = useState(initialValues);
  const [version, setVersionState] = useState(initialVersion);
  const setVersion = (next: number) => {
    setVersionState(next);
    onVersionChange?.(next);
  };
  const [photo, setPhoto] = useState(initialPhoto);
  const [dismissed, setDismissed] = useState<OfficialFormState | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const noticeRef = useRef<HTMLElement>(null);
  const addRef = useRef<HTMLButtonElement>(null);

  const [state, dispatch, pending] = useActionState<OfficialFormState, FormData>(async (previous, formData) => {
    const result = await action(previous, formData);
    if (result.ok && result.saved && mode === 'edit') {
      if (result.values) {
        setValues(result.values);
        setBase(result.values);
      }
      setVersion(result.saved.version);
      setPhoto(result.saved.photo);
      if (fileRef.current) fileRef.current.value = '';
    }
    return result;
  }, INITIAL);

  const current = state === dismissed ? INITIAL : state;
  const errors = current.ok ? {} : (current.fieldErrors ?? {});
  const err = (key: string) => errors[key];

  useEffect(() => {
    if (state !== INITIAL && state !== dismissed) noticeRef.current?.focus();
    // Only a new result moves the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);

  function set<K extends keyof OfficialFormValues>(key: K, value: OfficialFormValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
  }

  function setRow(index: number, patch: Partial<PositionRow>) {
    setValues((v) => ({ ...v, positions: v.positions.map((p, i) => (i === index ? { ...p, ...patch } : p)) }));
  }

  function addRow() {
    const next = values.positions.length;
    flushSync(() => setValues((v) => ({ ...v, positions: [...v.positions, emptyPosition()] })));
    document.getElementById(fid(`positions.${next}.officeKey`))?.focus();
  }

  function removeRow(index: number) {
    flushSync(() => setValues((v) => ({ ...v, positions: v.positions.filter((_, i) => i !== index) })));
    const neighbour = Math.min(index, values.positions.length - 2);
    if (neighbour >= 0) document.getElementById(fid(`positions.${neighbour}.officeKey`))?.focus();
    else addRef.current?.focus();
  }

  function choosePhoto(choice: PhotoChoice) {
    // Back to "keep": the address is the saved one again.
    setValues((v) => ({ ...v, photoChoice: choice, photoUrl: choice === 'keep' ? base.photoUrl : v.photoUrl }));
  }

  function submit(formData: FormData, withVersion = version) {
    if (mode === 'edit' && withVersion !== undefined) formData.set('version', String(withVersion));
    startTransition(() => dispatch(formData));
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submit(new FormData(event.currentTarget));
  }

  function keepMine() {
    const conflict = current.conflict!;
    flushSync(() => {
      setBase(conflict.current);
      setVersion(conflict.version);
      setPhoto(conflict.photo);
      setDismissed(state);
    });
    submit(new FormData(formRef.current!), conflict.version);
  }

  function loadTheirs() {
    const conflict = current.conflict!;
    setValues(conflict.current);
    setBase(conflict.current);
    setVersion(conflict.version);
    setPhoto(conflict.photo);
    setDismissed(state);
  }

  function addAnother() {
    flushSync(() => {
      setValues(emptyOfficialValues());
      setBase(emptyOfficialValues());
      setDismissed(state);
    });
    document.getElementById(fid('name'))?.focus();
  }

  if (mode === 'create' && current.ok && current.saved) {
    const saved = current.saved;
    return (
      <section
        aria-labelledby="official-saved-title"
        className="border-rule rounded-md border-t-4 border-t-emerald-600 bg-emerald-600/5 px-5 py-6 sm:px-7"
      >
        <h2
          ref={noticeRef as Ref<HTMLHeadingElement>}
          id="official-saved-title"
          tabIndex={-1}
          className="text-xl font-semibold tracking-tight outline-none"
        >
          {saved.name} added
        </h2>
        <p role="status" className="mt-2">
          {current.message} Researchers can now pick {saved.name} when they log a contact.
        </p>
        <ul className="mt-5 flex flex-wrap items-center gap-x-5 gap-y-3 text-sm">
          <li>
            <Link href={`/admin/officials/${saved.slug}`} className="font-medium">
              Edit {saved.name}
            </Link>
          </li>
          <li>
            <Link href={`/officials/${saved.slug}`}>See the public page</Link>
          </li>
          <li>
            <button type="button" onClick={addAnother} className={buttonClass.secondary}>
              Add another official
            </button>
          </li>
        </ul>
      </section>
    );
  }

  const choices = Object.entries(PHOTO_LABELS[photo.kind]) as [PhotoChoice, string][];

  return (
    <form
      ref={formRef}
      onSubmit={onSubmit}
      noValidate
      encType="multipart/form-data"
      aria-label={mode === 'create' ? 'New official' : 'Edit official'}
      className="space-y-8"
    >
      {current.conflict ? (
        <ConflictNotice
          ref={noticeRef}
          conflict={current.conflict}
          base={base}
          mine={values}
          pending={pending}
          onKeepMine={keepMine}
          onLoadTheirs={loadTheirs}
        />
      ) : !current.ok && current.fieldErrors ? (
        <ErrorSummary ref={noticeRef} message={current.message} errors={current.fieldErrors} />
      ) : !current.ok && current.message ? (
        <FormMessage ref={noticeRef as Ref<HTMLParagraphElement>} message={current.message} />
      ) : current.ok && current.saved ? (
        <p
          ref={noticeRef as Ref<HTMLParagraphElement>}
          tabIndex={-1}
          role="status"
          className="rounded border-l-4 border-emerald-600 bg-emerald-600/10 px-4 py-3 text-sm font-medium outline-none"
        >
          {current.message} <Link href={`/officials/${current.saved.slug}`}>See the public page</Link>
        </p>
      ) : null}

      <FormSection id="official-section-who" title="Who">
        <div className="grid gap-5 sm:grid-cols-[1fr_10rem]">
          <Field id={fid('name')} label="Name" hint="As English-language sources usually write it." error={err('name')}>
            {(props) => (
              <input
                {...props}
                name="name"
                autoComplete="off"
                value={values.name}
                onChange={(e) => set('name', e.target.value)}
                className={inputClass}
              />
            )}
          </Field>
          <Field id={fid('country')} label="Country" hint="Two letters, e.g. NO." error={err('country')}>
            {(props) => (
              <input
                {...props}
                name="country"
                autoComplete="off"
                spellCheck={false}
                maxLength={2}
                value={values.country}
                onChange={(e) => set('country', e.target.value.toUpperCase())}
                className={`${inputClass} uppercase`}
              />
            )}
          </Field>
        </div>
        <Field
          id={fid('otherNames')}
          label="Other spellings"
          optional
          hint="One per line: transliterations, the name in its own script, common misspellings. Search finds any of them."
          error={err('otherNames')}
        >
          {(props) => (
            <textarea
              {...props}
              name="otherNames"
              rows={3}
              value={values.otherNames}
              onChange={(e) => set('otherNames', e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
        <div className="grid gap-5 sm:grid-cols-[10rem_1fr]">
          <Field id={fid('wikidataId')} label="Wikidata id" optional hint="e.g. Q23460" error={err('wikidataId')}>
            {(props) => (
              <input
                {...props}
                name="wikidataId"
                autoComplete="off"
                spellCheck={false}
                value={values.wikidataId}
                onChange={(e) => set('wikidataId', e.target.value)}
                className={inputClass}
              />
            )}
          </Field>
        </div>
        <Field id={fid('bio')} label="Short bio" optional error={err('bio')}>
          {(props) => (
            <textarea
              {...props}
              name="bio"
              rows={3}
              value={values.bio}
              onChange={(e) => set('bio', e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
        <Field
          id={fid('links')}
          label="Links"
          optional
          hint="One web address per line: an official biography, a profile."
          error={err('links') ?? Object.entries(errors).find(([k]) => k.startsWith('links.'))?.[1]}
        >
          {(props) => (
            <textarea
              {...props}
              name="links"
              rows={2}
              spellCheck={false}
              value={values.links}
              onChange={(e) => set('links', e.target.value)}
              className={inputClass}
            />
          )}
        </Field>
      </FormSection>

      <FormSection id="official-section-photo" title="Photo" hint="JPEG, PNG, WebP or GIF, up to 2 MB.">
        <div className="flex items-start gap-4">
          <PhotoPreview photo={photo} name={values.name} />
          <fieldset
            className="min-w-0"
            aria-describedby={err('photo') ? `${fid('photo')}-error` : undefined}
            id={fid('photo')}
            tabIndex={-1}
          >
            <legend className="text-sm font-medium">Photo</legend>
            <div className="mt-2 space-y-2">
              {choices.map(([choice, label]) => (
                <label key={choice} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="photoChoice"
                    value={choice}
                    checked={values.photoChoice === choice}
                    onChange={() => choosePhoto(choice)}
                    className="accent-ink size-4"
                  />
                  {label}
                </label>
              ))}
            </div>
            {err('photo') && (
              <p id={`${fid('photo')}-error`} className="text-silence mt-1.5 text-sm font-medium">
                <span className="sr-only">Error: </span>
                {err('photo')!.join(' ')}
              </p>
            )}
          </fieldset>
        </div>
        {values.photoChoice === 'upload' && (
          <Field
            id={fid('photoFile')}
            label="Image file"
            hint="Checked by its contents, not its name. SVG is not accepted."
          >
            {(props) => (
              <input
                {...props}
                ref={fileRef}
                name="photoFile"
                type="file"
                accept="image/jpeg,image/png,image/webp,image/gif"
                aria-invalid={err('photo') ? true : undefined}
                className="mt-1.5 block w-full text-sm file:mr-3 file:rounded file:border file:border-current file:bg-transparent file:px-3 file:py-1.5 file:text-sm"
              />
            )}
          </Field>
        )}
        {values.photoChoice === 'url' || (values.photoChoice === 'keep' && photo.kind === 'url') ? (
          <Field
            id={fid('photoUrl')}
            label="Photo address"
            hint="A full web address starting with https://"
            error={err('photoUrl')}
          >
            {(props) => (
              <input
                {...props}
                name="photoUrl"
                type="url"
                spellCheck={false}
                readOnly={values.photoChoice === 'keep'}
                value={values.photoUrl}
                onChange={(e) => set('photoUrl', e.target.value)}
                className={inputClass}
              />
            )}
          </Field>
        ) : (
          <input type="hidden" name="photoUrl" value={values.photoUrl} />
        )}
      </FormSection>

      <FormSection
        id="official-section-positions"
        title="Positions"
        hint="One holder per office at a time. A successor may start on the day the predecessor’s tenure ends."
      >
        {values.positions.length === 0 && <p className="text-muted text-sm">No position yet.</p>}
        <ol className="space-y-4">
          {values.positions.map((row, i) => (
            <PositionFields
              key={row.key}
              index={i}
              row={row}
              errors={errors}
              onChange={(patch) => setRow(i, patch)}
              onRemove={() => removeRow(i)}
            />
          ))}
        </ol>
        <button ref={addRef} type="button" onClick={addRow} className={buttonClass.secondary}>
          <span aria-hidden="true">+</span> Add a position
        </button>
      </FormSection>

      <div className="border-rule flex flex-wrap items-center gap-4 border-t pt-6">
        <button type="submit" disabled={pending} className={buttonClass.primary}>
          {pending ? 'Saving…' : mode === 'create' ? 'Add official' : 'Save changes'}
        </button>
        <p className="text-muted text-sm">
          {mode === 'create'
            ? 'Written to the audit log.'
            : `Editing version ${version}. Saving keeps a copy of the old version in the audit log.`}
        </p>
      </div>
    </form>
  );
}

/** One positions row: office key, title, organisation and tenure, with its errors beside each field. */
function PositionFields({
  index,
  row,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  row: PositionRow;
  errors: FieldErrors;
  onChange: (patch: Partial<PositionRow>) => void;
  onRemove: () => void;
}) {
  const key = (field: string) => `positions.${index}.${field}`;
  // A render function for Field: the control gets the field's id and ARIA wiring.
  const input = (field: keyof Omit<PositionRow, 'key'>, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) =>
    function control(props: React.InputHTMLAttributes<HTMLInputElement>) {
      const value = row[field];
      return (
        <>
          <input
            {...props}
            {...extra}
            name={key(field)}
            value={value}
            onChange={(e) => onChange({ [field]: e.target.value })}
            className={inputClass}
          />
          {/* The browser shows a date in its own order (05/12/2024); say it in words. */}
          {extra.type === 'date' && isIsoDate(value) && (
            <p className="text-muted mt-1 text-sm tabular-nums">{formatDate(value)}</p>
          )}
        </>
      );
    };
  const legend = `Position ${index + 1}`;
  return (
    <li>
      <fieldset className="border-rule rounded-md border px-4 pt-2 pb-4">
        <legend className="px-1 text-sm font-medium">
          {legend}
          {row.officeKey && <span className="text-muted font-normal"> · {row.officeKey.toUpperCase()}</span>}
        </legend>
        <input type="hidden" name={key('key')} value={row.key} />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            id={fid(key('officeKey'))}
            label="Office key"
            hint="COUNTRY:OFFICE, the same for every holder."
            error={errors[key('officeKey')]}
          >
            {input('officeKey', { autoComplete: 'off', spellCheck: false, placeholder: 'NO:DEFMIN' })}
          </Field>
          <Field id={fid(key('title'))} label="Title" error={errors[key('title')]}>
            {input('title', { autoComplete: 'off' })}
          </Field>
          <Field
            id={fid(key('organisation'))}
            label="Organisation"
            optional
            error={errors[key('organisation')]}
            className="sm:col-span-2"
          >
            {input('organisation', { autoComplete: 'off' })}
          </Field>
          <Field id={fid(key('startDate'))} label="Start date" error={errors[key('startDate')]}>
            {input('startDate', { type: 'date' })}
          </Field>
          <Field
            id={fid(key('endDate'))}
            label="End date"
            optional
            hint="Empty while the tenure is current."
            error={errors[key('endDate')]}
          >
            {input('endDate', { type: 'date' })}
          </Field>
        </div>
        <button type="button" onClick={onRemove} className={`${buttonClass.quiet} mt-3`}>
          Remove position {index + 1}
        </button>
      </fieldset>
    </li>
  );
}

/** The edit page's working parts, sharing the version edited: the form, then the delete. */
export function OfficialEditor({
  action,
  deleteAction,
  initialValues,
  version: initialVersion,
  photo,
  contacts,
}: {
  action: Action;
  deleteAction: Action;
  initialValues: OfficialFormValues;
  version: number;
  photo: PhotoState;
  contacts: number;
}) {
  const [version, setVersion] = useState(initialVersion);
  const [deleted, setDeleted] = useState(false);
  return (
    <div className="space-y-12">
      {!deleted && (
        <OfficialForm
          mode="edit"
          action={action}
          initialValues={initialValues}
          version={initialVersion}
          photo={photo}
          onVersionChange={setVersion}
        />
      )}
      <OfficialDelete
        name={initialValues.name}
        version={version}
        contacts={contacts}
        action={deleteAction}
        onDeleted={() => setDeleted(true)}
      />
    </div>
  );
}
