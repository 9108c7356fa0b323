import type { ContactType } from '@/lib/gaps/types';
import { MONTH_NAMES, WEEKDAY_NAMES } from './calendar';
import { span, type Sentence } from './text';
import type { Proposal } from './types';

/*
 * Where a meeting took place: "in Singapore", "at the Pentagon", "on the
 * sidelines of the Shangri-La Dialogue in Singapore", "in Bali, Indonesia".
 * Calls have no location, so one is proposed only for a meeting.
 */

const NOT_PLACES = new Set([
  ...MONTH_NAMES,
  ...WEEKDAY_NAMES,
  'The',
  'Addition',
  'Particular',
  'Response',
  'Order',
  'Part',
  'Light',
  'Support',
  'Accordance',
  'Line',
  'Charge',
]);

// A place: capitalised words ("Woodside", "Nusa Dua") with an optional ", Region" after it.
const PLACE =
  "((?:the\\s+)?\\p{Lu}[\\p{L}'’.-]+(?:\\s+(?:\\p{Lu}[\\p{L}'’.-]+|de|of|la|al))*(?:,\\s+\\p{Lu}[\\p{L}'’.-]+(?:\\s+\\p{Lu}[\\p{L}'’.-]+)*)?)";

const RULES: { regex: RegExp; confidence: number }[] = [
  { regex: new RegExp(`\\bon the (?:sidelines|margins) of (?:the )?[^.;]{3,80}? in ${PLACE}`, 'du'), confidence: 0.85 },
  {
    regex: new RegExp(
      `\\b(?:met|meeting|talks|meet|visit|visited|hosted|received|welcomed)\\b[^.;]{0,120}?\\b(?:in|at) ${PLACE}`,
      'du',
    ),
    confidence: 0.75,
  },
  { regex: new RegExp(`\\bon the (?:sidelines|margins) of ${PLACE}`, 'du'), confidence: 0.6 },
  { regex: new RegExp(`(?:^|[.;]\\s+)(?:In|At) ${PLACE},`, 'du'), confidence: 0.6 },
];

/** Words of a readout's subject matter, not places: "the war in Ukraine", "the situation in the Middle East". */
const TOPIC_BEFORE =
  /\b(?:war|situation|conflict|crisis|security|stability|peace|fighting|developments|operation|invasion|aggression|interest|interests|escalation|events|tensions)\s+(?:in|at)\s+$/i;

function placeOf(match: RegExpExecArray): { start: number; end: number } | null {
  const group = match.indices?.[1];
  if (!group) return null;
  return { start: group[0], end: group[1] };
}

/** The place of a meeting, read from the sentence that reports it first, then the rest of the text. */
export function proposeLocation(
  text: string,
  type: ContactType | null,
  lead: Sentence | undefined,
): Proposal<string> | null {
  if (type !== 'MEETING') return null;
  const areas = lead
    ? [
        { from: lead.start, to: lead.end, bonus: 0 },
        { from: 0, to: text.length, bonus: -0.15 },
      ]
    : [{ from: 0, to: text.length, bonus: -0.1 }];
  for (const area of areas) {
    const part = text.slice(area.from, area.to);
    for (const { regex, confidence } of RULES) {
      const match = regex.exec(part);
      if (!match) continue;
      const place = placeOf(match);
      if (!place) continue;
      const raw = part.slice(place.start, place.end);
      let value = raw.trim().replace(/[,.]+$/, '');
      const firstWord = value.replace(/^the\s+/i, '').split(/\s+/)[0];
      if (NOT_PLACES.has(firstWord)) continue;
      if (TOPIC_BEFORE.test(part.slice(0, place.start))) continue;
      value = value.replace(/[,.]+$/, '').replace(/^the\s+/i, '');
      const start = area.from + place.start + raw.indexOf(value);
      const preposition = /(?:in|at|of) $/.exec(text.slice(Math.max(0, start - 3), start));
      const from = preposition ? start - preposition[0].length : start;
      return {
        value,
        confidence: Math.max(0.3, confidence + area.bonus),
        evidence: span(text, from, start + value.length),
      };
    }
  }
  return null;
}
