'use server';

import { permissionGuard } from '@/lib/auth/action-guard';
import { revalidatePath } from 'next/cache';
import type { z } from 'zod';
import { changeRole, createUser, disableUser, enableUser, generatePassword, resetPassword } from '@/lib/data/users';
import { AppError } from '@/lib/errors';
import {
  ZAccessChange,
  ZAdminCreateUser,
  ZPasswordReset,
  ZRoleChange,
  type UserActionState,
} from '@/lib/validation/admin-user';
import { issueFields } from '@/lib/validation/issues';
import { invalidState } from './kit/invalid';

/*
 * The admin's user management. Each action is a public endpoint: it checks
 * 'user:manage' before it reads anything it was sent (withPermission), parses
 * with the shared schemas, and calls lib/data, which keeps the last admin and
 * refuses edits made on a stale version. Passwords are never echoed back,
 * except a new one, once, for the admin to pass on.
 */

/** The form's fields as submitted, passwords left out. */
function submittedValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData.entries()) {
    if (typeof value === 'string' && key !== 'password' && !key.startsWith('$')) values[key] = value;
  }
  return values;
}

const withPermission = permissionGuard<UserActionState>();

function invalid(error: z.ZodError, values: Record<string, string>): UserActionState {
  const { fields, formErrors } = issueFields(error, false);
  return invalidState(fields, values, { formErrors });
}

/** An expected failure from lib/data as the form shows it; anything else is a bug and is thrown. */
function failure(error: unknown, values: Record<string, string>): UserActionState {
  if (!(error instanceof AppError)) throw error;
  const details = error.details as { current?: UserActionState['user']; version?: string } | undefined;
  return {
    ok: false,
    message: error.message,
    fieldErrors: error.fields,
    values,
    user: details?.current,
    version: details?.version,
  };
}

/** The account as the form shows it after a change. */
function shown(user: { id: string; name: string; email: string; role: string; banned: boolean }) {
  return { id: user.id, name: user.name, email: user.email, role: user.role, banned: user.banned };
}

function refresh(id?: string) {
  revalidatePath('/admin/users');
  if (id) revalidatePath(`/admin/users/${id}`);
}

/** Creates an account with a role and a temporary password, generated or typed. */
export const createUserAction = withPermission('user:manage', async ({ actor }, formData) => {
  const values = submittedValues(formData);
  const parsed = ZAdminCreateUser.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  const input = parsed.data;
  const password = input.passwordMode === 'generate' ? generatePassword() : input.password;
  try {
    const user = await createUser({ name: input.name, email: input.email, role: input.role, password }, actor);
    refresh();
    return {
      ok: true,
      message: `Account made for ${user.name}.`,
      user: { id: user.id, name: user.name, email: user.email, role: user.role, banned: false },
      password: input.passwordMode === 'generate' ? password : undefined,
    };
  } catch (error) {
    return failure(error, values);
  }
});

/** Gives an account another role. */
export const changeRoleAction = withPermission('user:manage', async ({ actor }, formData, id: string) => {
  const values = submittedValues(formData);
  const parsed = ZRoleChange.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const { version, ...rest } = await changeRole(id, parsed.data.role, { version: parsed.data.version }, actor);
    const user = shown(rest);
    refresh(id);
    return { ok: true, message: `${user.name} is now ${user.role.toLowerCase()}.`, version, user, values };
  } catch (error) {
    return failure(error, values);
  }
});

/** Disables an account: signed out everywhere, its API tokens refused, at once. */
export const disableUserAction = withPermission('user:manage', async ({ actor }, formData, id: string) => {
  const values = submittedValues(formData);
  const parsed = ZAccessChange.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const { version, sessionsEnded, ...rest } = await disableUser(id, parsed.data, actor);
    const user = shown(rest);
    refresh(id);
    const signedOut =
      sessionsEnded === 0
        ? ''
        : ` ${sessionsEnded === 1 ? 'One session was' : `${sessionsEnded} sessions were`} ended.`;
    return {
      ok: true,
      message: `${user.name} is disabled: they cannot sign in and their API tokens are refused.${signedOut}`,
      version,
      user,
    };
  } catch (error) {
    return failure(error, values);
  }
});

/** Enables a disabled account again. */
export const enableUserAction = withPermission('user:manage', async ({ actor }, formData, id: string) => {
  const values = submittedValues(formData);
  const parsed = ZAccessChange.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    const user = await enableUser(id, parsed.data, actor);
    refresh(id);
    return {
      ok: true,
      message: `${user.name} is enabled and can sign in again.`,
      version: user.version,
      user: shown(user),
    };
  } catch (error) {
    return failure(error, values);
  }
});

/** Sets a new temporary password (generated or typed) and ends the account's sessions. */
export const resetPasswordAction = withPermission('user:manage', async ({ actor }, formData, id: string) => {
  const values = submittedValues(formData);
  const parsed = ZPasswordReset.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return invalid(parsed.error, values);
  const input = parsed.data;
  const password = input.passwordMode === 'generate' ? generatePassword() : input.password;
  try {
    const user = await resetPassword(id, password, { version: input.version }, actor);
    refresh(id);
    return {
      ok: true,
      message: `${user.name}’s password is reset; they were signed out everywhere.`,
      version: user.version,
      user: shown(user),
      password: input.passwordMode === 'generate' ? password : undefined,
    };
  } catch (error) {
    return failure(error, values);
  }
});
