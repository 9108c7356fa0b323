'use client';

import Link from 'next/link';
import { startTransition, useActionState, useEffect, useRef, useState, type ReactNode } from 'react';
import { ConfirmButtons, useConfirm } from '@/components/forms/confirm';
import { ConflictActions, ConflictTable, WarningNotice } from '@/components/forms/conflict';
import { FormMessage } from '@/components/forms/error-summary';
import { fieldBinder, TextField, type BoundField } from '@/components/forms/fields';
import { SubmitButton } from '@/components/forms/submit-button';
import { buttonClass } from '@/components/ui/button';
import { countryName, isCountryCode } from '@/lib/validation/common';
import type { RecordFormState as ActionState } from '@/lib/validation/record-form';

/*
 * The working parts the admin forms for context events and channels share: a
 * form whose values the browser holds (so nothing typed is lost on a failed
 * save), errors next to their fields, a version conflict shown field by field
 * with the two ways on, and a delete that asks first.
 */

export type FormValues = Record<string, string>;

/** What the actions of these forms answer (EventFormState, ChannelFormState). */
export type RecordFormState<V extends FormValues> = ActionState<V>;

type Action<S> = (state: S, formData: FormData) => Promise<S>;

type DeleteAction = Action<{ ok: boolean; message?: string }>;

export type FieldContext<V extends FormValues> = {
  values: V;
  set: (name: keyof V & string, value: string) => void;
  /** A field's id, name, value and error, for the kit's TextField and its kin. */
  bind: (name: keyof V & string) => BoundField;
};

/**
 * A create or edit form of one record. `children` draws the fields from the
 * context; `describe` writes a value for the conflict table. After a create the
 * form empties for the next record; after an edit it holds what was saved.
 */
export function RecordForm<V extends FormValues, S extends RecordFormState<V> = RecordFormState<V>>({
  idPrefix,
  noun,
  mode,
  action,
  initialValues,
  version: initialVersion,
  labels,
  describe,
  submitLabel,
  savedLink,
  onVersionChange,
  children,
}: {
  idPrefix: string;
  /** "event", "channel". */
  noun: string;
  mode: 'create' | 'edit';
  action: Action<S>;
  initialValues: V;
  version?: number;
  /** Field name → label, in the form's order. */
  labels: Record<keyof V & string, string>;
  describe?: (name: keyof V & string, value: string) => string;
  submitLabel: string;
  /** Where to see a created record: its edit page. */
  savedLink?: (id: string) => string;
  /** Tells the page the version now edited, so its delete step deletes that one. */
  onVersionChange?: (version: number) => void;
  children: (ctx: FieldContext<V>) => ReactNode;
}) {
  const [values, setValues] = useState<V>(initialValues);
  const [version, setVersionState] = useState(initialVersion ?? 0);
  const setVersion = (next: number) => {
    setVersionState(next);
    onVersionChange?.(next);
  };
  const noticeRef = useRef<HTMLDivElement>(null);

  const [state, dispatch, pending] = useActionState<RecordFormState<V>, FormData>(
    async (previous, formData) => {
      const result: RecordFormState<V> = await action(previous as S, formData);
      if (result.ok && mode === 'create') setValues(initialValues);
      else if (result.values) setValues(result.values);
      if (result.ok && result.version !== undefined) setVersion(result.version);
      return result;
    },
    { ok: true },
  );

  useEffect(() => {
    if (state.message) noticeRef.current?.focus();
  }, [state]);

  // A conflict the user has answered (saved over it or took theirs) is no longer shown.
  const [answered, setAnswered] = useState<RecordFormState<V>['conflict'] | null>(null);
  const conflict = state.conflict && state.conflict !== answered ? state.conflict : null;
  const errors = state.ok ? {} : (state.fieldErrors ?? {});
  const set = (name: keyof V & string, value: string) => setValues((v) => ({ ...v, [name]: value }));
  const ctx: FieldContext<V> = {
    values,
    set,
    bind: fieldBinder({ id: (name) => `${idPrefix}-${name}`, value: (name) => values[name], set, errors }),
  };

  function submit(formData: FormData, withVersion: number) {
    if (mode === 'edit') formData.set('version', String(withVersion));
    startTransition(() => dispatch(formData));
  }

  const fieldNames = Object.keys(labels) as (keyof V & string)[];
  const show = (name: keyof V & string, value: string) => (describe ? describe(name, value) : value) || '—';
  const differing = conflict ? fieldNames.filter((name) => conflict.current[name].trim() !== values[name].trim()) : [];
  const errorCount = Object.keys(errors).length;

  return (
    <form
      noValidate
      aria-label={mode === 'create' ? `New ${noun}` : `Edit ${noun}`}
      onSubmit={(event) => {
        event.preventDefault();
        submit(new FormData(event.currentTarget), version);
      }}
      className="space-y-6"
    >
      <div ref={noticeRef} tabIndex={-1} className="outline-none">
        {state.message && conflict ? (
          <WarningNotice
            titleId={`${idPrefix}-conflict-title`}
            title={`Someone else changed this ${noun} while you were editing it`}
          >
            <p role="alert" className="mt-1 text-sm">
              {state.message} What you typed is still in the form below: save yours over theirs, or take their version
              and edit it.
            </p>
            {differing.length > 0 ? (
              <div className="mt-3 overflow-x-auto">
                <ConflictTable
                  caption="Where their version and your form differ"
                  columns={[`Now saved (version ${conflict.version})`, 'In your form']}
                  className="w-full min-w-[20rem]"
                >
                  {differing.map((name) => (
                    <tr key={name}>
                      <th scope="row" className="py-2 pr-3 font-medium">
                        {labels[name]}
                      </th>
                      <td className="py-2 pr-3 break-words">{show(name, conflict.current[name])}</td>
                      <td className="py-2 break-words">{show(name, values[name])}</td>
                    </tr>
                  ))}
                </ConflictTable>
              </div>
            ) : (
              <p className="mt-2 text-sm">Their values and your form are the same.</p>
            )}
            <ConflictActions
              pending={pending}
              keepLabel="Save mine over theirs"
              loadLabel="Take their version"
              showPending={false}
              onKeepMine={(event) => {
                const form = event.currentTarget.form!;
                setVersion(conflict.version);
                setAnswered(conflict);
                submit(new FormData(form), conflict.version);
              }}
              onLoadTheirs={() => {
                setValues(conflict.current);
                setVersion(conflict.version);
                setAnswered(conflict);
              }}
            />
          </WarningNotice>
        ) : state.message && state.ok ? (
          <div
            role="status"
            className="rounded border-l-4 border-emerald-600 bg-emerald-600/10 px-4 py-3 text-sm outline-none"
          >
            <p>{state.message}</p>
            {mode === 'create' && state.saved && savedLink && (
              <p className="mt-1">
                <Link href={savedLink(state.saved.id)}>Edit it</Link>
              </p>
            )}
          </div>
        ) : state.message && !state.conflict ? (
          <div
            role="alert"
            className="border-silence rounded border-l-4 bg-orange-500/10 px-4 py-3 text-sm outline-none"
          >
            <p className="font-medium">{state.message}</p>
            {errorCount > 0 && <p className="mt-0.5">Each problem is shown next to its field.</p>}
          </div>
        ) : null}
      </div>

      <div className="grid gap-x-6 gap-y-5 sm:grid-cols-2">{children(ctx)}</div>

      <div className="flex flex-wrap items-center gap-4">
        <SubmitButton pending={pending}>{submitLabel}</SubmitButton>
        {mode === 'edit' && <span className="text-muted text-sm tabular-nums">Editing version {version}</span>}
      </div>
    </form>
  );
}

/** The codes of a countries field as typed, "NO, fi" → ["NO", "FI"], before the server checks them. */
export function typedCountryCodes(value: string): string[] {
  return value
    .toUpperCase()
    .split(/[\s,;]+/)
    .filter(Boolean);
}

/**
 * Countries as the admin types them, "NO, FI" or "no fi", read back as names
 * while typing so a wrong code shows before saving; the server checks again.
 */
export function CountriesField<V extends FormValues>({
  ctx,
  name,
  label,
  hint,
  none,
  className,
}: {
  ctx: FieldContext<V>;
  name: keyof V & string;
  label: string;
  hint: string;
  /** What an empty list means: "every pair". */
  none: string;
  className?: string;
}) {
  const codes = [...new Set(typedCountryCodes(ctx.values[name]))];
  const read = codes.map((code) =>
    isCountryCode(code) ? `${countryName(code)} (${code})` : `“${code}”: not a country code`,
  );
  return (
    <TextField
      {...ctx.bind(name)}
      label={label}
      hint={hint}
      className={className}
      type="text"
      autoComplete="off"
      spellCheck={false}
      after={
        <p className="text-muted mt-1 text-sm" aria-live="polite">
          {codes.length === 0 ? `Concerns ${none}.` : `Reads as: ${read.join(', ')}.`}
        </p>
      }
    />
  );
}

/**
 * Deleting a record: a first button asks, the second deletes, on the version
 * the page shows. After the delete the page says so and links back to the list.
 */
export function DeleteRecord({
  noun,
  name,
  version,
  action,
  consequences,
  listHref,
  listLabel,
}: {
  noun: string;
  name: string;
  version: number;
  action: DeleteAction;
  consequences: ReactNode;
  listHref: string;
  listLabel: string;
}) {
  const { confirming, setConfirming, confirmRef } = useConfirm();
  const [state, dispatch, pending] = useActionState(action, { ok: true });
  const doneRef = useRef<HTMLHeadingElement>(null);
  const alertRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.message) (state.ok ? doneRef : alertRef).current?.focus();
  }, [state]);

  if (state.ok && state.message) {
    return (
      <section aria-labelledby="deleted-title" className="border-rule rounded-md border px-5 py-6">
        <h2 ref={doneRef} id="deleted-title" tabIndex={-1} className="text-xl font-semibold outline-none">
          {noun.charAt(0).toUpperCase() + noun.slice(1)} deleted
        </h2>
        <p role="status" className="mt-2">
          {state.message}
        </p>
        <p className="mt-4 text-sm">
          <Link href={listHref}>{listLabel}</Link>
        </p>
      </section>
    );
  }

  return (
    <section aria-labelledby="delete-title" className="border-rule border-t pt-6">
      <h2 id="delete-title" className="text-muted text-sm font-medium tracking-wider uppercase">
        Delete this {noun}
      </h2>
      <div className="mt-2 max-w-2xl text-sm">{consequences}</div>
      {state.message && !state.ok && <FormMessage ref={alertRef} message={state.message} className="mt-3" />}
      {confirming ? (
        <form
          action={dispatch}
          className="mt-4 flex flex-wrap items-center gap-3 rounded border border-red-700/40 px-4 py-3 dark:border-red-400/40"
        >
          <input type="hidden" name="version" value={version} />
          <p className="w-full text-sm font-medium">Delete “{name}”? This cannot be undone from this page.</p>
          <ConfirmButtons
            confirmRef={confirmRef}
            onCancel={() => setConfirming(false)}
            pending={pending}
            label={`Yes, delete this ${noun}`}
            pendingLabel="Deleting…"
            cancelLabel="Keep it"
          />
        </form>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className={`${buttonClass.secondary} mt-4`}>
          Delete…
        </button>
      )}
    </section>
  );
}

/**
 * A record's edit form and its delete step, sharing the version being edited:
 * after a save, the delete deletes the version now shown.
 */
export function RecordEditor<V extends FormValues, S extends RecordFormState<V>>({
  idPrefix,
  noun,
  initialValues,
  version: initialVersion,
  name,
  labels,
  describe,
  updateAction,
  deleteAction,
  listHref,
  listLabel,
  consequences,
  children,
}: {
  idPrefix: string;
  noun: string;
  initialValues: V;
  version: number;
  /** The record's name as the delete step calls it. */
  name: string;
  labels: Record<keyof V & string, string>;
  describe?: (name: keyof V & string, value: string) => string;
  updateAction: Action<S>;
  deleteAction: DeleteAction;
  listHref: string;
  listLabel: string;
  consequences: ReactNode;
  children: (ctx: FieldContext<V>) => ReactNode;
}) {
  const [version, setVersion] = useState(initialVersion);
  return (
    <div className="space-y-12">
      <RecordForm<V, S>
        idPrefix={idPrefix}
        noun={noun}
        mode="edit"
        action={updateAction}
        initialValues={initialValues}
        version={initialVersion}
        labels={labels}
        describe={describe}
        submitLabel="Save changes"
        onVersionChange={setVersion}
      >
        {children}
      </RecordForm>
      <DeleteRecord
        noun={noun}
        name={name}
        version={version}
        action={deleteAction}
        listHref={listHref}
        listLabel={listLabel}
        consequences={consequences}
      />
    </div>
  );
}
