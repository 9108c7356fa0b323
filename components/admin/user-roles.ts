import type { Role } from '@/lib/auth/permissions';

/** The roles as the admin's forms offer them, with what each may do. */
export const ROLE_OPTIONS: readonly { value: Role; label: string; about: string }[] = [
  { value: 'VIEWER', label: 'Viewer', about: 'reads everything, changes nothing' },
  { value: 'RESEARCHER', label: 'Researcher', about: 'logs, edits and verifies contacts; write API tokens' },
  { value: 'ADMIN', label: 'Admin', about: 'everything, users and reference data included' },
];

/** "a researcher", "an admin". */
export function roleWithArticle(role: string): string {
  const word = roleLabel(role).toLowerCase();
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

export function roleLabel(role: string): string {
  return ROLE_OPTIONS.find((option) => option.value === role)?.label ?? role.toLowerCase();
}

/** "13 May 2026, 14:05 UTC": a moment written out, in UTC like the rest of Counterpart. */
export function formatMoment(iso: string | null): string {
  if (iso === null) return 'never';
  const date = new Date(iso);
  const day = date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${day}, ${time} UTC`;
}
