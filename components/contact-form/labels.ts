import { typeNoun } from '@/components/pair-view';
import { isIsoDate } from '@/lib/gaps/dates';
import type { ContactStatus, ContactType, DatePrecision } from '@/lib/gaps/types';
import { formatDate, formatNumber } from '@/lib/format';
import {
  fieldLabel,
  type ComparedField,
  type ContactFormValues,
  type ParticipantChoice,
  type SavedContact,
} from '@/lib/validation/contact-form';

/** The type select's options. */
/** The empty first option of a select that has no value yet. */
export const CHOOSE = { value: '', label: 'Choose…' } as const;

/** Participants as select options: "Lloyd Austin (US)". */
export function participantOptions(participants: readonly ParticipantChoice[]) {
  return participants.map((p) => ({ value: p.id, label: `${p.name} (${p.country})` }));
}

export const TYPE_OPTIONS: { value: ContactType; label: string }[] = [
  { value: 'CALL', label: 'Call' },
  { value: 'VIDEO_CALL', label: 'Video call' },
  { value: 'MEETING', label: 'Meeting' },
  { value: 'LETTER', label: 'Letter' },
  { value: 'HOTLINE', label: 'Hotline' },
  { value: 'OTHER', label: 'Other' },
];

/** The status select's options, each saying what it means for a silence. */
export const STATUS_OPTIONS: { value: ContactStatus; label: string }[] = [
  { value: 'HELD', label: 'Held — it took place' },
  { value: 'REQUESTED', label: 'Requested — one side sought it' },
  { value: 'REFUSED', label: 'Refused — sought and declined' },
  { value: 'SCHEDULED', label: 'Expected — announced, not yet held' },
  { value: 'CANCELLED', label: 'Cancelled' },
];

export const PRECISION_OPTIONS: { value: DatePrecision; label: string }[] = [
  { value: 'DAY', label: 'Day' },
  { value: 'MONTH', label: 'Month only' },
  { value: 'YEAR', label: 'Year only' },
];

const STATUS_SHORT: Record<string, string> = {
  HELD: 'Held',
  REQUESTED: 'Requested',
  REFUSED: 'Refused',
  SCHEDULED: 'Expected',
  CANCELLED: 'Cancelled',
};

export const VERIFICATION_LABEL: Record<string, string> = {
  UNVERIFIED: 'Unverified',
  VERIFIED: 'Verified',
  DISPUTED: 'Disputed',
};

/** "Call, held" for a line of text. */
export function kindLabel(type: string, status: string): string {
  const t = TYPE_OPTIONS.find((o) => o.value === type)?.label ?? type;
  return `${t}, ${(STATUS_SHORT[status] ?? status).toLowerCase()}`;
}

/** "Lloyd Austin and Sergei Shoigu"; "A, B and C". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function crossPair(participants: ParticipantChoice[]): [ParticipantChoice, ParticipantChoice] | null {
  for (const [i, a] of participants.entries()) {
    const b = participants.slice(i + 1).find((p) => p.country !== a.country);
    if (b) return [a, b];
  }
  return null;
}

const ARTICLE: Record<string, string> = {
  REQUESTED: 'a requested',
  REFUSED: 'a refused',
  SCHEDULED: 'an expected',
  CANCELLED: 'a cancelled',
};

/** "a" or "an" before a number said aloud: an 8-day, an 11-day, an 84-day, a 110-day. */
export function article(n: number): 'a' | 'an' {
  const digits = String(Math.abs(Math.trunc(n)));
  if (digits.startsWith('8')) return 'an';
  // Eleven and eighteen, alone or as thousands (11,000), start with a vowel too.
  const lead = digits.slice(0, digits.length % 3 || 3);
  return lead === '11' || lead === '18' ? 'an' : 'a';
}

/**
 * What a saved contact did to the record, in one sentence: the silence it
 * ended ("Ends an 84-day silence between … (since 18 Feb 2022)"), that it is
 * the first, or that a contact which was not held ends nothing.
 */
export function silenceSentence(saved: SavedContact): string {
  if (saved.status !== 'HELD') {
    return `Logged; ${ARTICLE[saved.status] ?? 'a'} ${typeNoun(saved.type)} does not end a silence. It is shown inside the gap as a marker.`;
  }
  const ended = saved.endedSilence;
  if (ended) {
    const between = `${ended.between[0].name} and ${ended.between[1].name}`;
    if (ended.days === 0) {
      return `Held on the same day as an earlier contact between ${between} (${formatDate(ended.since)}), so it ends no silence.`;
    }
    return `Ends ${article(ended.days)} ${formatNumber(ended.days)}-day silence between ${between} (since ${formatDate(ended.since)}).`;
  }
  const pair = saved.participants.length === 2 ? crossPair(saved.participants) : null;
  const who = pair
    ? `between ${pair[0].name} and ${pair[1].name}`
    : `among ${joinNames(saved.participants.map((p) => p.name))}`;
  return `First recorded held contact ${who}: there was no silence before it to end.`;
}

function dateText(values: ContactFormValues): string {
  if (!values.date) return '';
  const precision = (['DAY', 'MONTH', 'YEAR'].includes(values.datePrecision) ? values.datePrecision : 'DAY') as
    'DAY' | 'MONTH' | 'YEAR';
  return isIsoDate(values.date) ? formatDate(values.date, precision) : values.date;
}

function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname.length > 28 ? `${u.pathname.slice(0, 27)}…` : u.pathname;
    return `${u.hostname.replace(/^www\./, '')}${path === '/' ? '' : path}`;
  } catch {
    return url;
  }
}

export function comparedFieldName(field: ComparedField): string {
  return fieldLabel(field);
}

/** A field's value as a person reads it, for the conflict table: "13 May 2022", "Lloyd Austin, Sergei Shoigu". */
export function describeField(values: ContactFormValues, field: ComparedField): string {
  const text = (() => {
    switch (field) {
      case 'participants':
        return values.participants.map((p) => `${p.name} (${p.country})`).join(', ');
      case 'date':
        return dateText(values);
      case 'datePrecision':
        return PRECISION_OPTIONS.find((o) => o.value === values.datePrecision)?.label ?? values.datePrecision;
      case 'type':
        return TYPE_OPTIONS.find((o) => o.value === values.type)?.label ?? values.type;
      case 'status':
        return STATUS_SHORT[values.status] ?? values.status;
      case 'initiator':
        return (
          values.participants.find((p) => p.id === values.initiator || p.slug === values.initiator)?.name ??
          values.initiator
        );
      case 'durationMinutes':
        return values.durationMinutes.trim() ? `${values.durationMinutes.trim()} minutes` : '';
      case 'summary':
        return values.summary.length > 160 ? `${values.summary.slice(0, 159)}…` : values.summary;
      case 'sources':
        return values.sources.map((s) => shortUrl(s.url) + (s.publisher ? ` (${s.publisher})` : '')).join('; ');
      default:
        return values[field];
    }
  })();
  return text.trim() === '' ? '—' : text;
}
