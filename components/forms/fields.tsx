import type { ComponentProps, InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import type { FieldErrors } from '@/lib/errors';
import { Field, inputClass, Select } from '@/components/ui/field';

/** What a field row takes besides its control (see Field), and what to draw under the control. */
type RowProps = Omit<ComponentProps<typeof Field>, 'children'> & {
  /** Drawn under the control, above its error: a reading of the value, a datalist. */
  after?: ReactNode;
};

/** A controlled value: the form holds it, the control reports each change. */
type Controlled = { name: string; value: string; onValueChange: (value: string) => void };

/** What ties a field to the form's state: its id, name, value, change and error. */
export type BoundField = Controlled & { id: string; error?: string[] };

/**
 * Makes `bind(key)`, the BoundField of each field of a form (or of one row of
 * it), from how the form names, holds and sets its values. The error is the
 * one filed under the field's name.
 */
export function fieldBinder<K extends string>({
  id,
  name = (key) => key,
  value,
  set,
  errors,
}: {
  id: (key: K) => string;
  /** The name the form sends it under; the key itself unless said. */
  name?: (key: K) => string;
  value: (key: K) => string;
  set: (key: K, value: string) => void;
  errors: FieldErrors;
}): (key: K) => BoundField {
  return (key) => ({
    id: id(key),
    name: name(key),
    value: value(key),
    onValueChange: (next) => set(key, next),
    error: errors[name(key)],
  });
}

type InputAttributes = Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'id' | 'name' | 'value' | 'onChange' | 'className'
> & {
  /** The input's own classes, where it differs from the form's look. */
  controlClassName?: string;
};
type TextareaAttributes = Omit<
  TextareaHTMLAttributes<HTMLTextAreaElement>,
  'id' | 'name' | 'value' | 'onChange' | 'className'
>;

function splitRow<P extends RowProps>({ id, label, hint, error, optional, className, after, ...control }: P) {
  return { row: { id, label, hint, error, optional, className }, after, control };
}

/**
 * A labelled text input held in the form's state: the field row (label, hint,
 * error, ARIA wiring) and the input with the form's look. Other input
 * attributes (type, autoComplete, placeholder…) pass through to the input.
 */
export function TextField(props: RowProps & Controlled & InputAttributes) {
  const { row, after, control } = splitRow(props);
  const { onValueChange, controlClassName, ...rest } = control;
  return (
    <Field {...row}>
      {(aria) => (
        <>
          <input
            {...aria}
            {...rest}
            onChange={(e) => onValueChange(e.target.value)}
            className={controlClassName ?? inputClass}
          />
          {after}
        </>
      )}
    </Field>
  );
}

/** TextField's multi-line sibling. */
export function TextAreaField(props: RowProps & Controlled & TextareaAttributes) {
  const { row, after, control } = splitRow(props);
  const { onValueChange, ...rest } = control;
  return (
    <Field {...row}>
      {(aria) => (
        <>
          <textarea {...aria} {...rest} onChange={(e) => onValueChange(e.target.value)} className={inputClass} />
          {after}
        </>
      )}
    </Field>
  );
}

/** A labelled select held in the form's state; the caller lists every option, an empty-valued one included. */
export function SelectField(props: RowProps & Controlled & { options: readonly { value: string; label: string }[] }) {
  const { row, control } = splitRow(props);
  return <Field {...row}>{(aria) => <Select {...aria} {...control} />}</Field>;
}
