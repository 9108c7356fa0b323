'use server';

import { actingUser } from '@/lib/auth/action-guard';
import { revalidatePath } from 'next/cache';
import { mergeOfficials, undoMerge } from '@/lib/data/merge';
import { AppError } from '@/lib/errors';
import { ZMergeInput, ZUndoMergeInput } from '@/lib/validation/merge';

/*
 * Merging officials and undoing a merge (admins). Each action checks the
 * permission before it reads its input, then parses, then calls lib/data;
 * expected failures come back as a message.
 */

export type MergeState = {
  ok: boolean;
  message?: string;
  merged?: {
    kept: { id: string; slug: string; name: string };
    duplicate: { id: string; slug: string; name: string };
    auditId: string;
    moved: { contacts: number; positions: number; spellings: number };
  };
  conflict?: boolean;
};

export type UndoState = { ok: boolean; message?: string };

/** What a call without a form gets: a public endpoint can be called with anything. */
const NOT_A_FORM = { ok: false, message: 'This action takes a submitted form.' };

/** Every page that shows officials, contacts or gaps may now read differently. */
function revalidateOfficialPages() {
  revalidatePath('/');
  revalidatePath('/search');
  revalidatePath('/pairs/[level]/[a]/[b]', 'page');
  revalidatePath('/officials/[slug]', 'page');
  revalidatePath('/admin/audit');
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Merges the duplicate into the official kept, from the versions the admin previewed. */
export async function mergeOfficialsAction(_previous: MergeState, formData: FormData): Promise<MergeState> {
  const user = await actingUser('official:merge');
  if (!('actor' in user)) return user;
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const parsed = ZMergeInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
  try {
    const merged = await mergeOfficials(parsed.data, user.actor);
    revalidateOfficialPages();
    const { contacts, positions, spellings } = merged.moved;
    return {
      ok: true,
      message:
        `Merged. ${plural(contacts, 'contact', 'contacts')}, ${plural(positions, 'position', 'positions')} and ` +
        `${plural(spellings, 'spelling', 'spellings')} moved to ${merged.kept.name}; ` +
        `${merged.duplicate.name}’s address now redirects there.`,
      merged,
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ok: false, message: error.message, conflict: error.code === 'CONFLICT' };
  }
}

/** Undoes the merge an audit entry records: the duplicate is its own official again, with what it had. */
export async function undoMergeAction(_previous: UndoState, formData: FormData): Promise<UndoState> {
  const user = await actingUser('official:merge');
  if (!('actor' in user)) return user;
  if (!(formData instanceof FormData)) return NOT_A_FORM;
  const parsed = ZUndoMergeInput.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { ok: false, message: parsed.error.issues[0].message };
  try {
    const { duplicate, kept } = await undoMerge(BigInt(parsed.data.auditId), user.actor);
    revalidateOfficialPages();
    return {
      ok: true,
      message: `Merge undone: ${duplicate.name} is their own official again, with the contacts, positions and spellings the merge moved. ${kept.name} keeps the contacts logged since.`,
    };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { ok: false, message: error.message };
  }
}
