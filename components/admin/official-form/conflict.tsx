'use client';

import type { Ref } from 'react';
import { ConflictActions, WarningNotice, ConflictTable } from '@/components/forms/conflict';
import {
  COMPARED,
  describeValue,
  officialFieldLabel,
  type OfficialFormState,
  type OfficialFormValues,
} from '@/lib/validation/official-form';

/** Someone else saved first: what they changed, what this admin typed (still in the form), and the two ways on. */
export function OfficialConflict({
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
    <WarningNotice
      ref={ref}
      titleId="official-conflict-title"
      title="Someone else saved this official while you were editing it"
    >
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
                  {officialFieldLabel(field)}
                </th>
                <td className="text-muted py-2 pr-3">{describeValue(base, field) || '—'}</td>
                <td className="py-2 pr-3">{describeValue(theirs, field) || '—'}</td>
                <td className="py-2">{describeValue(mine, field) || '—'}</td>
              </tr>
            ))}
          </ConflictTable>
        </div>
      )}
      <ConflictActions
        pending={pending}
        keepLabel="Save my version over theirs"
        loadLabel="Discard mine and load theirs"
        onKeepMine={onKeepMine}
        onLoadTheirs={onLoadTheirs}
      />
    </WarningNotice>
  );
}
