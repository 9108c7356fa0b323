/**
 * The admin sections, in the order an admin reaches for them. Kept out of the
 * 'use client' nav: a server page importing from a client module gets a
 * reference, not the array (the admin home page failed with a 500).
 */
export const ADMIN_SECTIONS = [
  { href: '/admin/officials', label: 'Officials', about: 'Profiles, spellings, photos and tenures' },
  { href: '/admin/offices', label: 'Offices', about: 'Who held each office, and when' },
  { href: '/admin/merge', label: 'Merge', about: 'Fold a duplicate official into the one to keep' },
  { href: '/admin/users', label: 'Users', about: 'Accounts, roles, disabling and password resets' },
  { href: '/admin/events', label: 'Context events', about: 'Dated events drawn on the pair charts' },
  { href: '/admin/channels', label: 'Channels', about: 'Hotlines and deconfliction lines' },
  { href: '/admin/audit', label: 'Audit log', about: 'Every change: who, when, before and after' },
] as const;
