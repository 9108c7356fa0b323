/** Who makes a change and through which door, as the audit log records it. */
export type Actor = {
  userId: string | null;
  via: 'ui' | 'api' | 'cli' | 'seed' | 'import';
};

/** The actor for demo data and other changes made by Counterpart itself. */
export const SEED_ACTOR: Actor = { userId: null, via: 'seed' };
