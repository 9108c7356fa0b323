'use client';

import Link from 'next/link';
import { useRef, useState, type Ref } from 'react';
import { flushSync } from 'react-dom';
import { ErrorSummary, FormMessage } from '@/components/forms/error-summary';
import { rowEditor } from '@/components/forms/rows';
import { SavedPanel } from '@/components/forms/saved-panel';
import { FormSection } from '@/components/forms/section';
import { FormFooter } from '@/components/forms/submit-button';
import { useFormAction } from '@/components/forms/use-form-action';
import { buttonClass } from '@/components/ui/button';
import {
  emptyOfficialValues,
  emptyPosition,
  officialFieldId as fid,
  officialFieldLabel,
  type OfficialFormState,
  type OfficialFormValues,
  type PhotoChoice,
  type PhotoState,
} from '@/lib/validation/official-form';
import { OfficialConflict } from './conflict';
import { PhotoFields } from './photo-fields';
import { PositionFields } from './position-fields';
import { ProfileFields } from './profile-fields';

const ADD_POSITION_ID = 'official-add-position';

export type OfficialFormAction = (state: OfficialFormState, formData: FormData) => Promise<OfficialFormState>;

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
  action: OfficialFormAction;
  initialValues?: OfficialFormValues;
  version?: number;
  photo?: PhotoState;
  /** Edit mode: the version now edited (after a save, or when building on someone else's). */
  onVersionChange?: (version: number) => void;
}) {
  const [values, setValues] = useState(initialValues);
  // The version the edit started from, to tell my changes from theirs on a conflict.
  const [base, setBase] = useState(initialValues);
  const [version, setVersionState] = useState(initialVersion);
  const setVersion = (next: number) => {
    setVersionState(next);
    onVersionChange?.(next);
  };
  const [photo, setPhoto] = useState(initialPhoto);
  const formRef = useRef<HTMLFormElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  const { current, errors, pending, noticeRef, submit, dismiss } = useFormAction<OfficialFormState>(
    async (previous, formData) => {
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
    },
  );

  function set<K extends keyof OfficialFormValues>(key: K, value: OfficialFormValues[K]) {
    setValues((v) => ({ ...v, [key]: value }));
  }

  const positions = rowEditor({
    count: values.positions.length,
    setRows: (update) => setValues((v) => ({ ...v, positions: update(v.positions) })),
    empty: emptyPosition,
    firstFieldId: (index) => fid(`positions.${index}.officeKey`),
    fallbackId: ADD_POSITION_ID,
  });

  function choosePhoto(choice: PhotoChoice) {
    // Back to "keep": the address is the saved one again.
    setValues((v) => ({ ...v, photoChoice: choice, photoUrl: choice === 'keep' ? base.photoUrl : v.photoUrl }));
  }

  function submitWith(formData: FormData, withVersion = version) {
    if (mode === 'edit' && withVersion !== undefined) formData.set('version', String(withVersion));
    submit(formData);
  }

  function keepMine() {
    const conflict = current.conflict!;
    flushSync(() => {
      setBase(conflict.current);
      setVersion(conflict.version);
      setPhoto(conflict.photo);
      dismiss();
    });
    submitWith(new FormData(formRef.current!), conflict.version);
  }

  function loadTheirs() {
    const conflict = current.conflict!;
    setValues(conflict.current);
    setBase(conflict.current);
    setVersion(conflict.version);
    setPhoto(conflict.photo);
    dismiss();
  }

  function addAnother() {
    flushSync(() => {
      setValues(emptyOfficialValues());
      setBase(emptyOfficialValues());
      dismiss();
    });
    document.getElementById(fid('name'))?.focus();
  }

  if (mode === 'create' && current.ok && current.saved) {
    const saved = current.saved;
    return (
      <SavedPanel
        ref={noticeRef as Ref<HTMLHeadingElement>}
        titleId="official-saved-title"
        title={`${saved.name} added`}
        links={
          <>
            <li>
              <Link href={`/admin/officials/${saved.slug}`} className="font-medium">
                Edit {saved.name}
              </Link>
            </li>
            <li>
              <Link href={`/officials/${saved.slug}`}>See the public page</Link>
            </li>
          </>
        }
        anotherLabel="Add another official"
        onAnother={addAnother}
      >
        <p role="status" className="mt-2">
          {current.message} Researchers can now pick {saved.name} when they log a contact.
        </p>
      </SavedPanel>
    );
  }

  return (
    <form
      ref={formRef}
      onSubmit={(event) => {
        event.preventDefault();
        submitWith(new FormData(event.currentTarget));
      }}
      noValidate
      encType="multipart/form-data"
      aria-label={mode === 'create' ? 'New official' : 'Edit official'}
      className="space-y-8"
    >
      {current.conflict ? (
        <OfficialConflict
          ref={noticeRef}
          conflict={current.conflict}
          base={base}
          mine={values}
          pending={pending}
          onKeepMine={keepMine}
          onLoadTheirs={loadTheirs}
        />
      ) : !current.ok && current.fieldErrors ? (
        <ErrorSummary
          ref={noticeRef}
          titleId="official-errors-title"
          title={current.message ?? 'The official was not saved.'}
          entries={Object.entries(current.fieldErrors)}
          fieldId={fid}
          fieldLabel={officialFieldLabel}
        />
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

      <ProfileFields values={values} errors={errors} set={set} />

      <PhotoFields
        photo={photo}
        values={values}
        errors={errors}
        fileRef={fileRef}
        onChoose={choosePhoto}
        onUrlChange={(url) => set('photoUrl', url)}
      />

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
              onChange={(patch) => positions.change(i, patch)}
              onRemove={() => positions.remove(i)}
            />
          ))}
        </ol>
        <button id={ADD_POSITION_ID} type="button" onClick={positions.add} className={buttonClass.secondary}>
          <span aria-hidden="true">+</span> Add a position
        </button>
      </FormSection>

      <FormFooter
        pending={pending}
        label={mode === 'create' ? 'Add official' : 'Save changes'}
        note={
          mode === 'create'
            ? 'Written to the audit log.'
            : `Editing version ${version}. Saving keeps a copy of the old version in the audit log.`
        }
      />
    </form>
  );
}
