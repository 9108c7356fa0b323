'use client';

import { useState } from 'react';
import type { OfficialFormValues, PhotoState } from '@/lib/validation/official-form';
import { OfficialDelete } from '../official-delete';
import { OfficialForm, type OfficialFormAction } from './official-form';

/** The edit page's working parts, sharing the version edited: the form, then the delete. */
export function OfficialEditor({
  action,
  deleteAction,
  initialValues,
  version: initialVersion,
  photo,
  contacts,
}: {
  action: OfficialFormAction;
  deleteAction: OfficialFormAction;
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
