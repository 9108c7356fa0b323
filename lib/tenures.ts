import type { FieldErrors } from './errors';
import { formatDate } from './format';
import { addIsoDays } from './gaps/dates';
import type { IsoDate } from './gaps/types';

/*
 * The rules of tenures, as pure functions: a tenure cannot end before it
 * starts, an office has one holder at a time, and one official's own tenures
 * in an office do not overlap. Tenures of an office are compared as half-open
 * day ranges [start, end), so a successor may start on the day the predecessor's
 * tenure ends (the database's exclusion constraint `position_single_holder`
 * uses the same ranges); a tenure without an end runs forever; a one-day
 * tenure (start = end) stands for that one day.
 */

/** A tenure in an office, as a form or the API gives it (`endDate` absent or null: current). */
export type Tenure = { officeKey: string; startDate: IsoDate; endDate?: IsoDate | null };

/** Another official's tenure, with the holder's name for the message. */
export type HeldTenure = Tenure & { holder: string };

type Span = { start: IsoDate; end: IsoDate | null };

/** The days a tenure occupies, as [start, end); a null end is open. */
export function tenureSpan(tenure: Tenure): Span {
  const end = tenure.endDate ?? null;
  if (end === null) return { start: tenure.startDate, end: null };
  return { start: tenure.startDate, end: end === tenure.startDate ? addIsoDays(end, 1) : end };
}

/** True when two tenures share at least one day (of any office: compare keys first). */
export function spansOverlap(a: Span, b: Span): boolean {
  // ISO dates compare as strings; a null end is later than any day.
  const aStartsBeforeBEnds = b.end === null || a.start < b.end;
  const bStartsBeforeAEnds = a.end === null || b.start < a.end;
  return aStartsBeforeBEnds && bStartsBeforeAEnds;
}

/** True when two tenures of the same office would give it two holders on some day. */
export function tenuresOverlap(a: Tenure, b: Tenure): boolean {
  return a.officeKey === b.officeKey && spansOverlap(tenureSpan(a), tenureSpan(b));
}

function dates(tenure: Tenure): string {
  const end = tenure.endDate ?? null;
  if (end === null) return `from ${formatDate(tenure.startDate)} with no end`;
  if (end === tenure.startDate) return `on ${formatDate(end)} only`;
  return `from ${formatDate(tenure.startDate)} to ${formatDate(end)}`;
}

/** How to get out of the way of a tenure that starts inside another. */
function startAdvice(other: Tenure): string {
  const end = other.endDate ?? null;
  if (end === null) return 'end that tenure first or start after it';
  const free = tenureSpan(other).end!;
  return `start on or after ${formatDate(free)}`;
}

function add(errors: FieldErrors, key: string, message: string) {
  const list = (errors[key] ??= []);
  if (!list.includes(message)) list.push(message);
}

/**
 * Checks an official's tenures (in form order) against each other and against
 * other officials' tenures of the same offices. Returns field errors keyed
 * `positions.N.startDate` / `positions.N.endDate`, each naming the other
 * holder and dates; empty when the tenures are fine.
 */
export function checkTenures(tenures: Tenure[], others: HeldTenure[]): FieldErrors {
  const errors: FieldErrors = {};
  tenures.forEach((tenure, i) => {
    const end = tenure.endDate ?? null;
    if (end !== null && end < tenure.startDate) {
      add(errors, `positions.${i}.endDate`, 'A tenure cannot end before it starts');
    }
  });
  const valid = (t: Tenure) => t.endDate == null || t.endDate >= t.startDate;

  tenures.forEach((tenure, i) => {
    if (!valid(tenure)) return;
    // This official's own tenures: the later row is the one to fix.
    for (let j = 0; j < i; j++) {
      const earlier = tenures[j];
      if (!valid(earlier) || !tenuresOverlap(tenure, earlier)) continue;
      add(
        errors,
        `positions.${i}.startDate`,
        `Overlaps this official’s own tenure in ${earlier.officeKey} ${dates(earlier)} (position ${j + 1}); ` +
          'make it one tenure or let one end before the other starts',
      );
    }
    for (const other of others) {
      if (!tenuresOverlap(tenure, other)) continue;
      const span = tenureSpan(other);
      const held = `${other.officeKey} is held by ${other.holder} ${dates(other)}`;
      if (tenure.startDate >= span.start) {
        add(errors, `positions.${i}.startDate`, `${held}; ${startAdvice(other)}`);
      } else {
        add(errors, `positions.${i}.endDate`, `${held}; end this tenure on or before ${formatDate(other.startDate)}`);
      }
    }
  });
  return errors;
}

/** One sentence for a set of tenure errors: the only message, or how many there are. */
export function tenureErrorsMessage(errors: FieldErrors): string {
  const messages = Object.values(errors).flat();
  if (messages.length === 1) return messages[0];
  return `${messages.length} problems with the tenures: ${messages[0]}; …`;
}
