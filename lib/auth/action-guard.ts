import 'server-only';
import type { Actor } from '../data/actor';
import { AppError } from '../errors';
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
      const user = await actingUser(permission);
      if (!('actor' in user)) return { ...user, ...echo?.(formData) } as State;
      return action(user, formData, ...(args.slice(0, -2) as Args));
    };
  };
}

/** The version a form was opened at, or null when the form does not carry a sound one. */
export function formVersion(formData: FormData): number | null {
  const version = Number(formData.get('version'));
  return Number.isInteger(version) && version > 0 ? version : null;
}
