'use client';

import { useSyncExternalStore } from 'react';

/*
 * The time zones to suggest: every IANA zone this browser knows, UTC first
 * (some engines leave it out of the list, yet it is what an empty field means).
 * Node's ICU and the browser's may know different zones, so the server and the
 * first, hydrating render offer only UTC, and the browser's list follows right
 * after: the two renders can never disagree.
 */

const ONLY_UTC: readonly string[] = ['UTC'];
let zones: readonly string[] | undefined;

function browserZones(): readonly string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  return zones;
}

// The list never changes while the page is open.
const subscribe = () => () => {};

/** The IANA time zones to offer in a field's suggestions. */
export function useTimeZones(): readonly string[] {
  return useSyncExternalStore(subscribe, browserZones, () => ONLY_UTC);
}
