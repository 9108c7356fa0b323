import type { IsoDate } from './types';

/** A tenure as the leaving rule reads it: its first day and its end (null while it runs). */
export type Tenure = { startDate: IsoDate; endDate: IsoDate | null };

/**
 * The day an official left office, or null while they can still talk for their
 * country. At the official level a pair's silence runs only while both officials
 * hold a recorded position; the day one of them leaves, it closes (DESIGN.md,
 * "Gap semantics").
 *
 * - **No recorded positions**: null. An official Counterpart knows nothing of
 *   counts as in office, so their silences run.
 * - **A position held today**: null. A tenure is the half-open span
 *   `[startDate, endDate)`, as the one-holder-per-office rule reads it (a
 *   successor may start on the day the predecessor's tenure ends), so a tenure
 *   ending today is over today, and one ending in the future is still held.
 * - **Every tenure that has begun is over**: the latest end among them — the end
 *   of their last tenure. An official who left, came back and left again left on
 *   the second leaving day; one who left and is back today holds office (null),
 *   and the silence is counted from the last contact straight through the time
 *   out of office, as a silence is counted between contacts, not between tenures.
 * - **Tenures that begin after today** do not count yet: an official out of
 *   office between two tenures has left (on the end of the one before) until the
 *   next begins; an official whose only tenure is still to begin has none that
 *   has begun, and counts as in office (null).
 *
 * What a pair does with the leaving day — it closes only a silence that began on
 * or before it, never one after a contact recorded later — is `silenceClosure`'s
 * rule in the engine.
 */
export function leftOfficeOn(tenures: readonly Tenure[], today: IsoDate): IsoDate | null {
  const begun = tenures.filter((tenure) => tenure.startDate <= today);
  if (begun.length === 0) return null;
  let lastEnd: IsoDate | null = null;
  for (const tenure of begun) {
    if (tenure.endDate === null || tenure.endDate > today) return null;
    if (lastEnd === null || tenure.endDate > lastEnd) lastEnd = tenure.endDate;
  }
  return lastEnd;
}

/** Officials who left office, by id, with the day they left; anyone not in it counts as in office. */
export type LeftOffice = ReadonlyMap<string, IsoDate>;

/** The leaving days of officials from their tenures (`officialId` on each), as `computeSeries` takes them. */
export function leftOfficeMap(
  positions: readonly (Tenure & { officialId: string })[],
  today: IsoDate,
): Map<string, IsoDate> {
  const byOfficial = new Map<string, Tenure[]>();
  for (const position of positions) {
    const own = byOfficial.get(position.officialId) ?? [];
    own.push(position);
    byOfficial.set(position.officialId, own);
  }
  const left = new Map<string, IsoDate>();
  for (const [officialId, tenures] of byOfficial) {
    const on = leftOfficeOn(tenures, today);
    if (on !== null) left.set(officialId, on);
  }
  return left;
}
