'use server';

import { formVersion, permissionGuard } from '@/lib/auth/action-guard';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import {
  formDataToValues,
  mergeFieldErrors,
  valuesFromContact,
  valuesToInput,
  type ContactFormState,
  type ContactFormValues,
  type NearbyContact,
  type SavedContact,
} from '@/lib/validation/contact-form';
import { createContact, type ContactRow } from '@/lib/data/contacts';
import {
  deleteContact,
  findNearbyContacts,
  getContactForEdit,
  getContactRow,
  setVerification,
  updateContact,
} from '@/lib/data/contact-edits';
import { AppError, type FieldErrors } from '@/lib/errors';
import { conflictState } from './kit/conflict';
import { invalidState } from './kit/invalid';
import { pairPath } from '@/lib/pairs';
import { ZContactInput, type ContactInput } from '@/lib/validation/contact';
import { issueFields } from '@/lib/validation/issues';

/*
 * The contact form's server actions. Each is a public endpoint, so each checks
 * the acting user's permission before it reads its input (withPermission), then
 * parses with the one shared schema, then calls lib/data. Failures come back as
 * values in ContactFormState, with what was submitted, so the form keeps it.
 */

/** Refusals hand back what was submitted, so the form keeps it. */
const withPermission = permissionGuard<ContactFormState>((formData) => ({ values: formDataToValues(formData) }));

/** Schema issues keyed by the field the form shows them at (`sources.0.url`, `participants`, `form`). */
function schemaErrors(error: z.ZodError): FieldErrors {
  const { fields, formErrors } = issueFields(error, true);
  return mergeFieldErrors({}, formErrors.length > 0 ? { ...fields, form: formErrors } : fields);
}

function invalid(fieldErrors: FieldErrors, values: ContactFormValues, message?: string): ContactFormState {
  return invalidState(fieldErrors, values, { message });
}

/** An expected failure from lib/data as the form shows it; anything else is a bug and is thrown. */
function failure(error: unknown, values: ContactFormValues | undefined): ContactFormState {
  if (!(error instanceof AppError)) throw error;
  if (error.code === 'INVALID' && error.fields) return invalid(mergeFieldErrors({}, error.fields), values!);
  if (error.code === 'NOT_FOUND') {
    return { ok: false, message: 'This contact no longer exists: someone may have deleted it.', values };
  }
  return { ok: false, message: error.message, values };
}

type ParsedForm = { values: ContactFormValues; input: ContactInput } | { state: ContactFormState };

/**
 * The form's input, checked. The form does not show the countries whose officials a contact met unnamed:
 * an edit passes the contact's own (`keptUnnamed`), so that they count towards its two sides and stay.
 */
function parseContactForm(formData: FormData, keptUnnamed?: string[]): ParsedForm {
  const values = formDataToValues(formData);
  const parsed = ZContactInput.safeParse({
    ...valuesToInput(values),
    ...(keptUnnamed?.length ? { unnamedCountries: keptUnnamed } : {}),
  });
  if (!parsed.success) {
    const errors = schemaErrors(parsed.error);
    // The browser's date field sends a real date or nothing, so "YYYY-MM-DD" would only puzzle here.
    if (errors.date && values.date.trim() === '') errors.date = ['Enter the date it happened'];
    return { state: invalid(errors, values) };
  }
  return { values, input: parsed.data };
}

function nearbyJson(contacts: ContactRow[]): NearbyContact[] {
  return contacts.map((c) => {
    const [a, b] = crossCountryPair(c.participants) ?? [c.participants[0], c.participants[1]];
    return {
      id: c.id,
      date: c.date,
      datePrecision: c.datePrecision,
      type: c.type,
      status: c.status,
      summary: c.summary,
      participants: c.participants.map((p) => ({ slug: p.slug, name: p.name, country: p.country })),
      href: `${pairPath('OFFICIAL', a.slug, b.slug)}#contact-${c.id}`,
    };
  });
}

/** Contacts of the same pair within a day, unless the user has already seen them and chose to save anyway. */
async function duplicateWarning(
  formData: FormData,
  input: ContactInput,
  values: ContactFormValues,
  excludeId?: string,
): Promise<ContactFormState | null> {
  if (formData.get('confirmDuplicate') === '1') return null;
  const nearby = await findNearbyContacts({ participants: input.participants, date: input.date, excludeId });
  if (nearby.length === 0) return null;
  return {
    ok: false,
    message:
      nearby.length === 1
        ? 'These officials already have a contact within a day of this date. Is it the same one?'
        : `These officials already have ${nearby.length} contacts within a day of this date. Is it one of them?`,
    warning: { nearby: nearbyJson(nearby) },
    values,
  };
}

function crossCountryPair<T extends { country: string }>(participants: T[]): [T, T] | null {
  for (const [i, a] of participants.entries()) {
    const b = participants.slice(i + 1).find((p) => p.country !== a.country);
    if (b) return [a, b];
  }
  return null;
}

/** Every page that shows contacts, counts or gaps may now read differently. */
function revalidateContactPages(id?: string) {
  revalidatePath('/');
  revalidatePath('/search');
  revalidatePath('/pairs/[level]/[a]/[b]', 'page');
  revalidatePath('/officials/[slug]', 'page');
  if (id) revalidatePath(`/contacts/${id}/edit`);
}

const MISSING_VERSION: ContactFormState = {
  ok: false,
  message: 'The form did not say which version of the contact it edits. Reload the page and try again.',
};

type EndedSilence = Awaited<ReturnType<typeof createContact>>['endedSilence'];

/** What the form says about a contact it saved: when, what, who, the silence it ended and where to see the pair. */
function savedContact(
  saved: { id: string; version: number; date: string },
  input: ContactInput,
  values: ContactFormValues,
  options: { ended: EndedSilence; pairHref: string | null },
): SavedContact {
  const { ended, pairHref } = options;
  return {
    id: saved.id,
    version: saved.version,
    date: saved.date,
    datePrecision: input.datePrecision,
    type: input.type,
    status: input.status,
    participants: values.participants,
    endedSilence: ended && {
      days: ended.days,
      since: ended.since,
      between: [
        { slug: ended.between[0].slug, name: ended.between[0].name },
        { slug: ended.between[1].slug, name: ended.between[1].name },
      ],
    },
    pairHref,
  };
}

/** Logs a contact from the form; says which silence it ended. */
export const createContactAction = withPermission('contact:create', async (user, formData) => {
  const parsed = parseContactForm(formData);
  if ('state' in parsed) return parsed.state;
  const { values, input } = parsed;
  const warning = await duplicateWarning(formData, input, values);
  if (warning) return warning;
  let created: Awaited<ReturnType<typeof createContact>>;
  try {
    created = await createContact(input, user.actor);
  } catch (error) {
    return failure(error, values);
  }
  revalidateContactPages();
  const pair = crossCountryPair(values.participants);
  const ended = created.endedSilence;
  return {
    ok: true,
    message: 'Contact logged.',
    values,
    saved: savedContact(created, input, values, {
      ended,
      pairHref: ended
        ? pairPath('OFFICIAL', ended.between[0].slug, ended.between[1].slug)
        : pair && pairPath('OFFICIAL', pair[0].slug, pair[1].slug),
    }),
  };
});

/**
 * Saves an edit made from the version in the form. When someone else saved
 * first, returns the contact as it now stands so the form can show what changed
 * and keep what this user typed.
 */
export const updateContactAction = withPermission('contact:update', async (user, formData, id: string) => {
  const current = await getContactForEdit(id);
  const parsed = parseContactForm(formData, current?.unnamedCountries);
  if ('state' in parsed) return parsed.state;
  const { values, input } = parsed;
  const version = formVersion(formData);
  if (version === null) return { ...MISSING_VERSION, values };
  const before = current;
  if (before === null) return failure(new AppError('NOT_FOUND', 'Gone'), values);
  // Only a changed date or pair can make this a duplicate of another contact.
  const moved =
    before.date !== input.date ||
    JSON.stringify(before.participantOfficials.map((o) => o.id).sort()) !==
      JSON.stringify(values.participants.map((p) => p.id).sort());
  const warning = moved ? await duplicateWarning(formData, input, values, id) : null;
  if (warning) return warning;
  let updated: Awaited<ReturnType<typeof updateContact>>;
  try {
    updated = await updateContact(id, input, { version }, user.actor);
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') {
      const current = await getContactForEdit(id);
      if (current === null) return failure(new AppError('NOT_FOUND', 'Gone'), values);
      const details = error.details as { changedBy?: string | null; changedAt?: string | null } | undefined;
      return conflictState(error, values, {
        changedBy: details?.changedBy ?? null,
        changedAt: details?.changedAt ?? null,
        version: current.version,
        verification: current.verification,
        current: valuesFromContact(current),
      });
    }
    return failure(error, values);
  }
  revalidateContactPages(id);
  const fresh = await getContactForEdit(id);
  const ended = updated.endedSilence;
  const pair = crossCountryPair(values.participants);
  return {
    ok: true,
    message: `Saved. This is version ${updated.version} of the contact.`,
    values: fresh ? valuesFromContact(fresh) : values,
    version: updated.version,
    verification: updated.verification,
    unverified: updated.unverified,
    saved: savedContact({ id, version: updated.version, date: input.date }, input, values, {
      ended,
      pairHref: pair && pairPath('OFFICIAL', pair[0].slug, pair[1].slug),
    }),
  };
});

const ZVerification = z.enum(['VERIFIED', 'DISPUTED', 'UNVERIFIED'], {
  error: 'Choose verified, disputed or unverified',
});

const VERIFICATION_DONE = {
  VERIFIED: 'Marked verified.',
  DISPUTED: 'Marked disputed: its sources disagree.',
  UNVERIFIED: 'Marked unverified.',
} as const;

/** Marks a contact verified, disputed or unverified; the data layer refuses a self-verification. */
export const setVerificationAction = withPermission('contact:verify', async (user, formData, id: string) => {
  const verification = ZVerification.safeParse(formData.get('verification'));
  if (!verification.success) return { ok: false, message: verification.error.issues[0].message };
  const version = formVersion(formData);
  if (version === null) return MISSING_VERSION;
  try {
    const result = await setVerification(id, verification.data, { version }, user.actor);
    revalidateContactPages(id);
    return {
      ok: true,
      message: VERIFICATION_DONE[verification.data],
      version: result.version,
      verification: result.verification,
    };
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') {
      return {
        ok: false,
        message: 'Someone changed this contact since you opened it. Reload the page to see their changes, then verify.',
      };
    }
    return failure(error, undefined);
  }
});

/** Deletes a contact (kept in the audit log, gone from every list and gap). Admins only. */
export const deleteContactAction = withPermission('contact:delete', async (user, formData, id: string) => {
  const version = formVersion(formData);
  if (version === null) return MISSING_VERSION;
  const row = await getContactRow(id);
  if (row === null) return failure(new AppError('NOT_FOUND', 'Gone'), undefined);
  try {
    await deleteContact(id, { version }, user.actor);
  } catch (error) {
    if (error instanceof AppError && error.code === 'CONFLICT') {
      return {
        ok: false,
        message: 'Someone changed this contact since you opened it. Reload the page and check before deleting it.',
      };
    }
    return failure(error, undefined);
  }
  // No revalidatePath here: it would re-render this page, now for a contact that is gone (a 404), over
  // the confirmation. The pages that list contacts render per request, so none of them is stale.
  const pair = crossCountryPair(row.participants);
  return {
    ok: true,
    message: 'Contact deleted. It no longer counts in any gap or list; the audit log keeps a copy.',
    pairHref: pair && pairPath('OFFICIAL', pair[0].slug, pair[1].slug),
  };
});
