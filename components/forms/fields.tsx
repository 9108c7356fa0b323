import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import { Field, inputClass, Select } from '@/components/ui/field';

/** What a field row takes besides its control: see Field. */
type RowProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string[];
  optional?: boolean;
  className?: string;
  /** Drawn under the control, above its error: a reading of the value, a datalist. */
  after?: ReactNode;
};

/** A controlled value: the form holds it, the control reports each change. */
type Controlled = { name: string; value: string; onValueChange: (value: string) => void };

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
