import { expect } from 'vitest';
import type { Permission } from '../../lib/auth/permissions';
import { getDb } from '../../lib/db';

/*
 * The rows of the server actions' permission matrix (permissions.test.ts),
 * one file per module of lib/actions, so that each module's author lists its
 * own actions. They live outside the app tree (they import Vitest) and are read
 * by lib/actions/permissions.test.ts only.
 */

export type ActionResult = { ok: boolean; message?: string };
export type Action = (...args: unknown[]) => Promise<ActionResult>;

/**
 * What every row starts from: two officials of two countries (US, RU) and a
 * contact between them, logged by a researcher outside the matrix. `prepared`
 * holds what the row's own `prepare` made.
 */
export type World = {
  contactId: string;
  officials: { id: string; slug: string; name: string; country: string }[];
  prepared: Record<string, string>;
};

export type Row = {
  permission: Permission;
  /** Makes what the action works on (a user to disable, an event to edit), before the state is taken. */
  prepare?(world: World): Promise<Record<string, string>>;
  /** Calls the action as the form would. */
  run(action: Action, world: World): Promise<ActionResult>;
  /** After an allowed call: the change is in the database. */
  expectChanged(world: World): Promise<void>;
};

export const NO_STATE: ActionResult = { ok: true };

/** The contact form as the browser submits it. */
export function contactForm(world: World, fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries({ datePrecision: 'DAY', type: 'CALL', status: 'HELD', ...fields })) {
    data.set(key, value);
  }
  world.officials.forEach((official, i) => {
    for (const [key, value] of Object.entries(official)) data.set(`participants.${i}.${key}`, value);
  });
  data.set('sources.0.url', 'https://example.org/readout');
  return data;
}

/** A form of plain fields. */
export function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

/** Keeps the import of getDb and expect in the rows' files short. */
export { expect, getDb };
