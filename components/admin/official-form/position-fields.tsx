'use client';

import { fieldBinder, TextField } from '@/components/forms/fields';
import { buttonClass } from '@/components/ui/button';
import type { FieldErrors } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { isIsoDate } from '@/lib/gaps/dates';
import { officialFieldId as fid, type PositionRow } from '@/lib/validation/official-form';

type PositionField = keyof Omit<PositionRow, 'key'>;

/** One positions row: office key, title, organisation and tenure, with its errors beside each field. */
export function PositionFields({
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
  const bind = fieldBinder<PositionField>({
    id: (field) => fid(key(field)),
    name: key,
    value: (field) => row[field],
    set: (field, value) => onChange({ [field]: value }),
    errors,
  });
  // The browser shows a date in its own order (05/12/2024); say it in words.
  const inWords = (value: string) =>
    isIsoDate(value) && <p className="text-muted mt-1 text-sm tabular-nums">{formatDate(value)}</p>;
  return (
    <li>
      <fieldset className="border-rule rounded-md border px-4 pt-2 pb-4">
        <legend className="px-1 text-sm font-medium">
          Position {index + 1}
          {row.officeKey && <span className="text-muted font-normal"> · {row.officeKey.toUpperCase()}</span>}
        </legend>
        <input type="hidden" name={key('key')} value={row.key} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            {...bind('officeKey')}
            label="Office key"
            hint="COUNTRY:OFFICE, the same for every holder."
            autoComplete="off"
            spellCheck={false}
            placeholder="NO:DEFMIN"
          />
          <TextField {...bind('title')} label="Title" autoComplete="off" />
          <TextField
            {...bind('organisation')}
            label="Organisation"
            optional
            autoComplete="off"
            className="sm:col-span-2"
          />
          <TextField {...bind('startDate')} label="Start date" type="date" after={inWords(row.startDate)} />
          <TextField
            {...bind('endDate')}
            label="End date"
            optional
            hint="Empty while the tenure is current."
            type="date"
            after={inWords(row.endDate)}
          />
        </div>
        <button type="button" onClick={onRemove} className={`${buttonClass.quiet} mt-3`}>
          Remove position {index + 1}
        </button>
      </fieldset>
    </li>
  );
}
