import type { ContactStatus, ContactType } from '@/lib/gaps/types';
import { matchSpan } from './text';
import type { Proposal } from './types';

/*
 * The kind of contact, read from the verbs readouts use. A video call is
 * named as one ("video call", "via video link"), so it is looked for first;
 * "spoke with" is how the Pentagon and State Department write a phone call.
 */

const RULES: { type: ContactType; confidence: number; pattern: RegExp }[] = [
  {
    type: 'VIDEO_CALL',
    confidence: 0.95,
    pattern:
      /\b(?:video[- ]?(?:call|conference|conversation|link|talks?|teleconference|meeting)|videoconference|virtual (?:meeting|call|summit|talks)|met virtually|spoke virtually|held (?:a )?virtual)\b/i,
  },
  {
    type: 'HOTLINE',
    confidence: 0.8,
    pattern: /\b(?:hotline|deconfliction (?:line|channel))\b/i,
  },
  {
    type: 'CALL',
    confidence: 0.9,
    pattern:
      /\b(?:(?:tele)?phone (?:call|conversation|talks?)|telephone|by phone|over the phone|phone(?:d)?|(?:spoke|speaks|talked) (?:(?:today|yesterday|again|separately|by phone) )?(?:with|to)|(?:held|had|made|placed|received) (?:a |an )?(?:\w+ )?call|call (?:with|from|to|between)|calls with|called)\b/i,
  },
  {
    type: 'MEETING',
    confidence: 0.85,
    pattern:
      /\b(?:met (?:with|in|on|at)?|meets|(?:to )?meet with|meeting (?:with|between)|bilateral meeting|(?:held|holds?|had) (?!(?:tele)?phone |video )(?:\w+ )?talks|(?:talks|meeting) (?:with|in)|received|hosted|welcomed|sat down with|on the sidelines)\b/i,
  },
  { type: 'LETTER', confidence: 0.8, pattern: /\b(?:letter|message) (?:to|from)\b/i },
];

/** Where a rule matches first in the text, as a proposal. */
function firstMatch(text: string): { type: ContactType; confidence: number; match: RegExpExecArray }[] {
  return RULES.flatMap(({ type, confidence, pattern }) => {
    const match = pattern.exec(text);
    return match ? [{ type, confidence, match }] : [];
  });
}

/**
 * The contact's type. The earliest kind the text names wins, except that a
 * video call or hotline named anywhere in the same sentence outranks "call" or
 * "spoke with" there.
 */
export function proposeType(text: string): Proposal<ContactType> | null {
  const hits = firstMatch(text).sort((a, b) => a.match.index - b.match.index);
  if (hits.length === 0) return null;
  let best = hits[0];
  const video = hits.find((h) => h.type === 'VIDEO_CALL');
  if (video && best.type !== 'VIDEO_CALL' && video.match.index - best.match.index < 200) best = video;
  return { value: best.type, confidence: best.confidence, evidence: matchSpan(text, best.match) };
}

const REFUSED =
  /\b(?:declined|refused|rejected|turned down|has not (?:accepted|responded)|did not (?:accept|respond)|(?:have|has) so far declined)\b[^.]{0,80}?\b(?:call|calls|request|requests|meeting|talks|invitation|offer|to engage|engage)\b|\b(?:call|calls|request|requests|meeting|invitation|offers?)\b[^.]{0,60}?\b(?:declined|refused|rejected|turned down)\b/i;
const REQUESTED =
  /\b(?:sought|seeking|has requested|have requested|requested a|asked for a|(?:is|are) seeking|proposed a)\b[^.]{0,60}?\b(?:call|calls|meeting|talks|conversation)\b/i;
const SCHEDULED = /\b(?:will (?:meet|speak|hold)|is (?:scheduled|expected|due) to (?:meet|speak|hold))\b/i;

/**
 * Whether the contact was held, sought, refused or is yet to come. A readout
 * of a held contact rarely says so, so HELD is proposed without evidence when
 * the text reports a contact and no refusal or request.
 */
export function proposeStatus(text: string, type: Proposal<ContactType> | null): Proposal<ContactStatus> | null {
  const refused = REFUSED.exec(text);
  if (refused) return { value: 'REFUSED', confidence: 0.8, evidence: matchSpan(text, refused) };
  const requested = REQUESTED.exec(text);
  // "At the request of" reports who sought a contact that then took place.
  if (requested && !(type && type.evidence && type.evidence.start < requested.index)) {
    return { value: 'REQUESTED', confidence: 0.7, evidence: matchSpan(text, requested) };
  }
  const scheduled = SCHEDULED.exec(text);
  if (scheduled && !(type && type.evidence && type.evidence.start < scheduled.index)) {
    return { value: 'SCHEDULED', confidence: 0.6, evidence: matchSpan(text, scheduled) };
  }
  if (!type) return null;
  return { value: 'HELD', confidence: 0.7, evidence: type.evidence, basis: 'The text reports the contact as held.' };
}
