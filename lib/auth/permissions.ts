/** The roles of DESIGN.md; a visitor without an account is `null`. */
export const ROLES = ['VIEWER', 'RESEARCHER', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The one table of who may do what. Pages, server actions, API routes and the
 * permission-matrix test all read it; nothing else decides.
 */
const PERMISSIONS = {
  'contact:create': ['RESEARCHER', 'ADMIN'],
  'contact:update': ['RESEARCHER', 'ADMIN'],
  'contact:verify': ['RESEARCHER', 'ADMIN'],
  'contact:delete': ['ADMIN'],
  'official:create': ['ADMIN'],
  'official:update': ['ADMIN'],
  'official:merge': ['ADMIN'],
  'event:manage': ['ADMIN'],
  'channel:manage': ['ADMIN'],
  'user:manage': ['ADMIN'],
  'audit:read': ['ADMIN'],
  'account:update': ['VIEWER', 'RESEARCHER', 'ADMIN'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/** True when a user of this role (or an anonymous visitor, `null`) may do this. */
export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role != null && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
