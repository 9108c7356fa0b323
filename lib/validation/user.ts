import { z } from 'zod';
import { ROLES } from '../auth/permissions';

const EMAIL_ERROR = 'Enter an email address, e.g. ana@example.org';

// Trimmed before the format check: zod checks `z.email().trim()` as typed, so " ana@x.org" failed.
export const zEmail = z
  .string({ error: EMAIL_ERROR })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: EMAIL_ERROR }));

export const zPassword = z
  .string({ error: 'Enter a password' })
  .min(10, 'Use at least 10 characters')
  .max(200, 'Keep the password under 200 characters');

export const ZUserInput = z.object({
  email: zEmail,
  // Each check carries its own message: the schema's `error` would otherwise answer them all.
  name: z.string({ error: 'Enter a name' }).trim().min(1, 'Enter a name').max(200, 'Use at most 200 characters'),
  role: z
    .string({ error: 'Choose a role' })
    .trim()
    .toUpperCase()
    .pipe(z.enum(ROLES, { error: 'Choose a role: viewer, researcher or admin' })),
  password: zPassword,
});
export type UserInput = z.infer<typeof ZUserInput>;

export const ZApiTokenInput = z.object({
  email: zEmail,
  name: z.string().trim().min(1, 'Give the token a label').max(100, 'Use at most 100 characters').default('API token'),
});
export type ApiTokenInput = z.infer<typeof ZApiTokenInput>;
