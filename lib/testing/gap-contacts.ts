/*
 * Contacts for the pure gap engine's tests: the engine's own input shape, no database. The participants
 * hold the offices the tests' stories need (two US secretaries of defense in turn, two Russian ministers).
 */
import type { ContactStatus, DatePrecision, GapContact, GapParticipant } from '../gaps/types';

export const austin: GapParticipant = { officialId: 'austin', country: 'US', officeKey: 'US:SECDEF' };
export const shoigu: GapParticipant = { officialId: 'shoigu', country: 'RU', officeKey: 'RU:MINDEF' };
export const belousov: GapParticipant = { officialId: 'belousov', country: 'RU', officeKey: 'RU:MINDEF' };
export const milley: GapParticipant = { officialId: 'milley', country: 'US', officeKey: 'US:CJCS' };
export const gerasimov: GapParticipant = { officialId: 'gerasimov', country: 'RU', officeKey: 'RU:CGS' };
export const hegseth: GapParticipant = { officialId: 'hegseth', country: 'US', officeKey: 'US:SECDEF' };
export const kuleba: GapParticipant = { officialId: 'kuleba', country: 'UA', officeKey: 'UA:MFA' };

// Per test file: Vitest gives each file its own copy of this module.
let nextId = 0;

/** A call on `date` among `participants`, held and day-precise unless `options` say otherwise; ids c0001, c0002… */
export function gapContact(
  date: string,
  participants: GapParticipant[],
  options: { status?: ContactStatus; precision?: DatePrecision; claimedDates?: string[]; id?: string } = {},
): GapContact {
  nextId += 1;
  return {
    id: options.id ?? `c${String(nextId).padStart(4, '0')}`,
    date,
    precision: options.precision ?? 'DAY',
    status: options.status ?? 'HELD',
    type: 'CALL',
    claimedDates: options.claimedDates ?? [],
    participants,
  };
}
