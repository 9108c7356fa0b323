import 'server-only';
import type { Actor } from '../data/actor';
import { databaseRefusal } from '../db-refusal';
import { AppError } from '../errors';
import { findNulInForm, isStorableText, NUL_MESSAGE } from '../validation/text';
import type { Permission } from './permissions';
import { requireActor, type CurrentUser } from './session';

/*
 * The one gate of every server action in lib/actions. Each action is a public
 * endpoint, so the permission check must run before it reads its input, and
 * must not be forgettable: an action made with a guard never runs its body for
 * a user without the permission.
 */

/** The user a server action acts for, with the actor its audit rows name. */
export type ActingUser = CurrentUser & { actor: Actor };

/** What every form action answers at least. */
type ActionState = { ok: boolean; message?: string };

/** The user if they hold the permission; otherwise the refusal a form shows. */
export async function actingUser(permission: Permission): Promise<ActingUser | { ok: false; message: string }> {
  try {
    return await requireActor(permission);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * Makes the `withPermission` of one kind of form: it wraps an action of
 * useActionState's shape (bound arguments, then the previous state and the
 * form) so that the permission is checked first. `echo` picks what of the
 * submitted form a refusal hands back, so the form keeps what was typed.
 */
export function permissionGuard<State extends ActionState>(echo?: (formData: FormData) => Partial<State>) {
  return function withPermission<Args extends unknown[]>(
    permission: Permission,
    action: (user: ActingUser, formData: FormData, ...args: Args) => Promise<State>,
  ) {
    return async (...args: [...Args, State, FormData]): Promise<State> => {
      const formData = args[args.length - 1];
      if (!(formData instanceof FormData))
        return { ok: false, message: 'This action takes a submitted form.' } as State;
      try {
        const user = await actingUser(permission);
        if (!('actor' in user)) return { ...user, ...echo?.(formData) } as State;
        // The record the form is bound to is an id the page bound, as text; a caller can send anything there.
        const bound = args.slice(0, -2);
        if (
          bound.length !== action.length - 2 ||
          bound.some((arg) => typeof arg !== 'string' || !isStorableText(arg))
        ) {
          return {
            ok: false,
            message: 'This form does not say which record it is for. Reload the page and try again.',
          } as State;
        }
        const nul = findNulInForm(formData);
        if (nul !== null) {
          const refusal = { ok: false, message: NUL_MESSAGE, fieldErrors: { [nul]: [NUL_MESSAGE] } };
          return { ...refusal, ...echo?.(formData) } as unknown as State;
        }
        return await action(user, formData, ...(bound as Args));
      } catch (error) {
        // A database that is down or refuses writes (read-only, disk full) is told beside the form, with
        // what was typed kept, not as an error page. Anything else (a bug, redirect()) goes on up.
        const refusal = databaseRefusal(error);
        if (refusal === null) throw error;
        console.error(`[action] refused by the database (${refusal.reason}):`, errorSummary(error));
        return { ok: false, message: refusal.message, ...echo?.(formData) } as State;
      }
    };
  };
}

/** One line for the log: the error's own message, without the stack a refusal does not need. */
function errorSummary(error: unknown): string {
  return error instanceof Error ? error.message.replace(/\s+/g, ' ').slice(0, 300) : String(error);
}

/** The version a form was opened at, or null when the form does not carry a sound one. */
export function formVersion(formData: FormData): number | null {
  const version = Number(formData.get('version'));
  return Number.isInteger(version) && version > 0 ? version : null;
}
