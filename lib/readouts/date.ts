import * as chrono from 'chrono-node';
import type { DatePrecision } from '@/lib/gaps/types';
import { span, type Sentence } from './text';
import type { Proposal } from './types';

/*
 * The contact's date, read by chrono-node against the readout's publication
 * date, so that "on Friday" or "yesterday" in a readout published on Monday
 * 16 May 2022 is Friday 13 May. The date in the sentence that reports the
 * contact is preferred over dates of other events the readout mentions.
 */

const RELATIVE_DAY = /\b(?:today|yesterday|tonight|last night|this (?:morning|afternoon|evening)|the day before)\b/i;
const NOT_THE_CONTACT = /\b(?:since|until|till|before|after|from|last|previous|prior to|by)\s+(?:the\s+)?$/i;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

type Candidate = { date: string; precision: DatePrecision; start: number; end: number; score: number };

/** Every date the text gives for a day or a month, with how likely each is the contact's. */
export function dateCandidates(
  text: string,
  reference: string,
  lead: Sentence | undefined,
  publishedAt: string | null = reference,
): Candidate[] {
  const instant = new Date(`${reference}T12:00:00Z`);
  // chrono reads "the afternoon of May 31" as an afternoon: blank the part of the day out, keeping offsets.
  const plain = text.replace(/\b(?:morning|afternoon|evening|night) of\b/gi, (m) => ' '.repeat(m.length));
  const results = chrono.en.parse(plain, { instant, timezone: 0 }, { forwardDate: false });
  const out: Candidate[] = [];
  for (const r of results) {
    const s = r.start;
    const relative = RELATIVE_DAY.test(r.text);
    // "the past month", "this year": relative periods are not the date of a contact.
    if (
      !relative &&
      !/\d|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\b/i.test(
        r.text,
      )
    )
      continue;
    const day = s.isCertain('day') || s.isCertain('weekday') || relative;
    // A month alone is a date only with its year ("May 2022"): "our May invitation" is not one.
    if (!day && !(s.isCertain('month') && s.isCertain('year'))) continue;
    const year = s.get('year');
    const month = s.get('month');
    const dayOfMonth = s.get('day');
    if (year === null || month === null || dayOfMonth === null) continue;
    const precision: DatePrecision = day ? 'DAY' : 'MONTH';
    let date = `${year}-${pad(month)}-${pad(precision === 'DAY' ? dayOfMonth : 1)}`;
    // chrono takes the nearest "May 13", which may be next year's; a readout reports what has happened.
    if (!s.isCertain('year') && date > reference) date = `${year - 1}${date.slice(4)}`;
    let score = 0.6;
    if (lead && r.index >= lead.start && r.index < lead.end) score += 0.25;
    if (
      /\b(?:on|today|yesterday)\s*(?:the\s+)?$/i.test(text.slice(Math.max(0, r.index - 12), r.index)) ||
      /^on\b/i.test(r.text)
    )
      score += 0.05;
    if (NOT_THE_CONTACT.test(text.slice(Math.max(0, r.index - 20), r.index))) score -= 0.4;
    if (date > reference) score -= 0.2;
    if (precision === 'MONTH') score -= 0.1;
    // "May 13" with no year and no publication date: the year is a guess from today.
    if (!publishedAt && !s.isCertain('year') && !relative && !s.isCertain('weekday')) score -= 0.25;
    out.push({
      date,
      precision,
      start: r.index,
      end: r.index + r.text.length,
      score: Math.max(0.1, Math.min(0.95, score)),
    });
  }
  return out;
}

/**
 * The most likely date of the contact; the publication date when the text
 * gives none (a readout is usually published the day of the contact).
 */
export function proposeDate(
  text: string,
  options: { reference: string; publishedAt: string | null; lead: Sentence | undefined },
): Proposal<{ date: string; precision: DatePrecision }> | null {
  const candidates = dateCandidates(text, options.reference, options.lead, options.publishedAt);
  const best = candidates.reduce<Candidate | null>((b, c) => (!b || c.score > b.score ? c : b), null);
  if (best && best.score >= 0.3) {
    return {
      value: { date: best.date, precision: best.precision },
      confidence: Math.round(best.score * 100) / 100,
      evidence: span(text, best.start, best.end),
    };
  }
  if (options.publishedAt) {
    return {
      value: { date: options.publishedAt, precision: 'DAY' },
      confidence: 0.5,
      evidence: null,
      basis: 'The text gives no date: the day it was published.',
    };
  }
  return null;
}
