'use server';

import { formVersion, permissionGuard } from '@/lib/auth/action-guard';
import { revalidatePath } from 'next/cache';
import { getOfficialForEdit, updateOfficial, type PhotoChange } from '@/lib/data/official-edits';
import { createOfficial, deleteOfficial } from '@/lib/data/officials';
import { checkPhoto, type PhotoUpload } from '@/lib/data/photos';
import { AppError, type FieldErrors } from '@/lib/errors';
import { ZOfficialInput, type OfficialInput } from '@/lib/validation/official';
import {
  formDataToValues,
  usedRows,
  valuesFromOfficial,
  valuesToInput,
  type OfficialFormState,
  type OfficialFormValues,
} from '@/lib/validation/official-form';
import { issueFields } from '@/lib/validation/issues';
import { conflictState } from './kit/conflict';
import { invalidState } from './kit/invalid';

/*
 * The admin's official form. Each action is a public endpoint: it checks the
 * permission before reading any input (withPermission), parses with the one
 * schema, and calls lib/data. Failures come back as values with what was
 * submitted, so the form keeps it.
 */

/** Refusals hand back what was submitted, so the form keeps it. */
const withPermission = permissionGuard<OfficialFormState>((formData) => ({ values: formDataToValues(formData) }));

function invalid(fieldErrors: FieldErrors, values: OfficialFormValues, message?: string): OfficialFormState {
  return invalidState(fieldErrors, values, { message });
}

/** Errors about `positions.K` of the schema's input, renamed to the form's row (empty rows were left out). */
function toFormRows(fields: FieldErrors, rows: number[]): FieldErrors {
  const renamed: FieldErrors = {};
  for (const [key, messages] of Object.entries(fields)) {
    const match = /^positions\.(\d+)(\..*)?$/.exec(key);
    const name = match ? `positions.${rows[Number(match[1])] ?? match[1]}${match[2] ?? ''}` : key;
    (renamed[name] ??= []).push(...messages);
  }
  return renamed;
}

type Parsed = { values: OfficialFormValues; input: OfficialInput; photo?: PhotoChange } | { state: OfficialFormState };

/** The form's values, the schema's input and the photo change, or every problem at once. */
async function parseOfficialForm(formData: FormData): Promise<Parsed> {
  const values = formDataToValues(formData);
  const rows = usedRows(values);
  const raw = valuesToInput(values);
  raw.positions = rows.map((i) => (raw.positions as unknown[])[i]);
  const errors: FieldErrors = {};
  const parsed = ZOfficialInput.safeParse(raw);
  if (!parsed.success) {
    const { fields, formErrors } = issueFields(parsed.error, true);
    Object.assign(errors, toFormRows(fields, rows));
    if (formErrors.length > 0) errors.form = formErrors;
  }
  if (values.photoChoice === 'url' && values.photoUrl.trim() === '') {
    errors.photoUrl = ['Enter the photo’s address, starting with https://'];
  }
  let photo: PhotoChange | undefined;
  if (values.photoChoice === 'remove') photo = 'remove';
  if (values.photoChoice === 'upload') {
    const file = formData.get('photoFile');
    if (!(file instanceof File) || file.size === 0) {
      errors.photo = ['Choose an image file to upload, or choose another option.'];
    } else {
      try {
        photo = checkPhoto(new Uint8Array(await file.arrayBuffer()));
      } catch (error) {
        if (!(error instanceof AppError) || !error.fields) throw error;
        Object.assign(errors, error.fields);
      }
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { state: invalid(errors, values) };
  return { values, input: parsed.data, photo };
}

/** An expected failure from lib/data as the form shows it; anything else is a bug and is thrown. */
function failure(error: unknown, values: OfficialFormValues | undefined): OfficialFormState {
  if (!(error instanceof AppError)) throw error;
  if (error.fields && values) {
    const rows = usedRows(values);
    const fields = toFormRows(error.fields, rows);
    return invalid(fields, values, error.code === 'INVALID' ? undefined : error.message);
  }
  if (error.code === 'NOT_FOUND') {
    return { ok: false, message: 'This official no longer exists: someone may have deleted or merged it.', values };
  }
  return { ok: false, message: error.message, values };
}

/** Pages that show officials, positions, offices or office pairs. */
function revalidateOfficialPages(slug?: string) {
  revalidatePath('/admin/officials');
  revalidatePath('/admin/offices');
  revalidatePath('/offices/[key]', 'page');
  revalidatePath('/officials/[slug]', 'page');
  revalidatePath('/pairs/[level]/[a]/[b]', 'page');
  revalidatePath('/');
  if (slug) revalidatePath(`/admin/officials/${slug}`);
}

function reresolvedSentence(count: number): string {
  if (count === 0) return '';
  return count === 1
    ? ' 1 contact now counts for a different office.'
    : ` ${count} contacts now count for a different office.`;
}

/** Adds an official from the admin form, with an uploaded photo when one is chosen. */
export const createOfficialAction = withPermission('official:create', async (user, formData) => {
  const parsed = await parseOfficialForm(formData);
  if ('state' in parsed) return parsed.state;
  const { values, input, photo } = parsed;
  let created: Awaited<ReturnType<typeof createOfficial>>;
  try {
    created = await createOfficial(input, user.actor, undefined, {
      photo: photo === 'remove' ? undefined : (photo as PhotoUpload | undefined),
    });
  } catch (error) {
    return failure(error, values);
  }
  revalidateOfficialPages(created.slug);
  const fresh = await getOfficialForEdit(created.slug);
  return {
    ok: true,
    message: `${created.name} added.`,
    values,
    saved: {
      slug: created.slug,
      name: created.name,
      version: created.version,
      reresolved: 0,
      photo: fresh?.photoState ?? { kind: 'none' },
    },
  };
});

/**
 * Saves an edit made from the version in the form. When someone else saved
 * first, returns the official as it now stands, keeping what this admin typed.
 */
export const updateOfficialAction = withPermission('official:update', async (user, formData, slug: string) => {
  const version = formVersion(formData);
  if (version === null) {
    return {
      ok: false,
      message: 'The form did not say which version of the official it edits. Reload the page and try again.',
      values: formDataToValues(formData),
    };
  }
  const parsed = await parseOfficialForm(formData);
  if ('state' in parsed) return parsed.state;
  const { values, input, photo } = parsed;
  let updated: Awaited<ReturnType<typeof updateOfficial>>;
  try {
    updated = await updateOfficial(slug, { ...input }, { version, photo }, user.actor);
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT' && error.details?.current) {
      const current = await getOfficialForEdit(slug);
      if (current === null) return failure(new AppError('NOT_FOUND', 'Gone'), values);
      return conflictState(error, values, {
        version: current.version,
        current: valuesFromOfficial(current),
        photo: current.photoState,
      });
    }
    return failure(error, values);
  }
  revalidateOfficialPages(updated.slug);
  const fresh = await getOfficialForEdit(updated.slug);
  return {
    ok: true,
    message: `Saved: version ${updated.version} of ${updated.name}.${reresolvedSentence(updated.reresolved)}`,
    values: fresh ? valuesFromOfficial(fresh) : values,
    saved: {
      slug: updated.slug,
      name: updated.name,
      version: updated.version,
      reresolved: updated.reresolved,
      photo: fresh?.photoState ?? { kind: 'none' },
    },
  };
});

/** Deletes an official who takes part in no contact; one with contacts is refused (merge it instead). */
export const deleteOfficialAction = withPermission('official:update', async (user, formData, slug: string) => {
  const version = formVersion(formData);
  if (version === null) {
    return { ok: false, message: 'The form did not say which version of the official it deletes. Reload the page.' };
  }
  try {
    const deleted = await deleteOfficial(slug, { version }, user.actor);
    // No revalidatePath: it would re-render this page, now for an official that is gone (a 404), over
    // the confirmation. The admin pages render per request, so none of them is stale.
    return {
      ok: true,
      message: `${deleted.name} deleted. The audit log keeps a full copy of the profile.`,
      deleted: { name: deleted.name },
    };
  } catch (error) {
    return failure(error, undefined);
  }
});
