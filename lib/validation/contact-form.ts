import type { FieldErrors } from '@/lib/errors';
import type { ContactStatus, ContactType, DatePrecision } from '@/lib/gaps/types';

/*
 * The contact form's values as the browser holds them (every field a string, as
 * typed), how they travel in FormData, and how they become the input that
 * ZContactInput parses. Shared by the form (client), its server actions and the
 * edit page, so that a failed submit can hand back exactly what was sent.
 */

/** An official chosen as a participant, with what the chip shows. */
export type ParticipantChoice = { id: string; slug: string; name: string; country: string; title?: string | null };

export type SourceValues = {
  /** Stable React key of the row; not sent. */
  key: string;
  url: string;
  publisher: string;
  title: string;
  publishedAt: string;
  side: string;
  quote: string;
  archiveUrl: string;
  claimDate: string;
  claimInitiator: string;
  claimDuration: string;
};

export type ContactFormValues = {
  participants: ParticipantChoice[];
  date: string;
  datePrecision: string;
  time: string;
  timeZone: string;
  type: string;
  status: string;
  initiator: string;
  durationMinutes: string;
  location: string;
  summary: string;
  /** Comma-separated, as typed. */
  topics: string;
  channel: string;
  sources: SourceValues[];
};

/** A contact of the same pair dated within a day: probably the same one, logged twice. */
export type NearbyContact = {
  id: string;
  date: string;
  datePrecision: DatePrecision;
  type: ContactType;
  status: ContactStatus;
  summary: string | null;
  participants: { slug: string; name: string; country: string }[];
  href: string;
};

export type EndedSilenceInfo = {
  days: number;
  since: string;
  between: [{ slug: string; name: string }, { slug: string; name: string }];
};

/** What the page says after a save: the silence it ended, and where to see it. */
export type SavedContact = {
  id: string;
  version: number;
  date: string;
  datePrecision: DatePrecision;
  type: ContactType;
  status: ContactStatus;
  participants: ParticipantChoice[];
  endedSilence: EndedSilenceInfo | null;
  pairHref: string | null;
};

/** Someone else saved the contact while this user was editing it. */
export type ConflictInfo = {
  message: string;
  changedBy: string | null;
  changedAt: string | null;
  /** The version now stored, to save on top of. */
  version: number;
  verification: string;
  /** The contact as it now stands, in form values. */
  current: ContactFormValues;
};

/** The one shape every contact action returns. */
export type ContactFormState = {
  ok: boolean;
  message?: string;
  fieldErrors?: FieldErrors;
  values?: ContactFormValues;
  warning?: { nearby: NearbyContact[] };
  conflict?: ConflictInfo;
  saved?: SavedContact;
  /** After an edit, a verification or a delete: the contact's new version and verification. */
  version?: number;
  verification?: string;
  /** True when an edit returned a verified contact to Unverified. */
  unverified?: boolean;
  /** After a delete: where the contact's pair now stands. */
  pairHref?: string | null;
};

let sourceKeys = 0;

/** A new, empty source row. */
export function emptySource(): SourceValues {
  sourceKeys += 1;
  return {
    key: `s${sourceKeys}-${Math.random().toString(36).slice(2, 8)}`,
    url: '',
    publisher: '',
    title: '',
    publishedAt: '',
    side: '',
    quote: '',
    archiveUrl: '',
    claimDate: '',
    claimInitiator: '',
    claimDuration: '',
  };
}

/** The values of a blank "Log a contact" form: a held call known to the day, with one source to fill. */
export function emptyContactValues(): ContactFormValues {
  return {
    participants: [],
    date: '',
    datePrecision: 'DAY',
    time: '',
    timeZone: '',
    type: 'CALL',
    status: 'HELD',
    initiator: '',
    durationMinutes: '',
    location: '',
    summary: '',
    topics: '',
    channel: '',
    sources: [emptySource()],
  };
}

/** More rows than the schema allows (50 participants, 30 sources) are cut here, before they cost anything. */
const MAX_ROWS = 60;

const SOURCE_FIELDS: Record<string, keyof SourceValues> = {
  url: 'url',
  publisher: 'publisher',
  title: 'title',
  publishedAt: 'publishedAt',
  side: 'side',
  quote: 'quote',
  archiveUrl: 'archiveUrl',
  'claims.date': 'claimDate',
  'claims.initiator': 'claimInitiator',
  'claims.durationMinutes': 'claimDuration',
};
const PARTICIPANT_FIELDS = ['id', 'slug', 'name', 'country'] as const;
/** The form's one-value fields, in the order it shows them. */
const SCALAR_FIELDS = [
  'date',
  'datePrecision',
  'time',
  'timeZone',
  'type',
  'status',
  'initiator',
  'durationMinutes',
  'location',
  'channel',
  'summary',
  'topics',
] as const;

/** Rows indexed `name.N.field` in FormData, in index order, gaps closed, at most MAX_ROWS. */
function rows(formData: FormData, prefix: string): Map<number, Map<string, string>> {
  const found = new Map<number, Map<string, string>>();
  const pattern = new RegExp(`^${prefix}\\.(\\d{1,4})\\.(.+)$`);
  for (const [key, value] of formData.entries()) {
    const match = pattern.exec(key);
    if (!match || typeof value !== 'string') continue;
    const index = Number(match[1]);
    if (!found.has(index)) {
      if (found.size >= MAX_ROWS) continue;
      found.set(index, new Map());
    }
    found.get(index)!.set(match[2], value);
  }
  return new Map([...found].sort(([a], [b]) => a - b));
}

/** The form's values from a submitted FormData (unknown keys ignored, every value a string). */
export function formDataToValues(formData: FormData): ContactFormValues {
  const text = (key: string) => {
    const value = formData.get(key);
    return typeof value === 'string' ? value : '';
  };
  const values = emptyContactValues();
  for (const field of SCALAR_FIELDS) values[field] = text(field);
  values.participants = [...rows(formData, 'participants').values()]
    .map((row) => {
      const [id, slug, name, country] = PARTICIPANT_FIELDS.map((f) => row.get(f) ?? '');
      return { id, slug: slug || id, name: name || slug || id, country };
    })
    .filter((p) => p.id !== '');
  values.sources = [...rows(formData, 'sources').values()].map((row) => {
    const source = emptySource();
    for (const [name, field] of Object.entries(SOURCE_FIELDS)) {
      if (field !== 'key') source[field] = row.get(name) ?? '';
    }
    return source;
  });
  return values;
}

/** The raw input for ZContactInput: references by id, topics split, the rest as typed. */
export function valuesToInput(values: ContactFormValues) {
  return {
    date: values.date,
    datePrecision: values.datePrecision || undefined,
    time: values.time,
    timeZone: values.timeZone.trim(),
    type: values.type || undefined,
    status: values.status || undefined,
    participants: values.participants.map((p) => p.id),
    initiator: values.initiator,
    durationMinutes: values.durationMinutes.trim(),
    location: values.location,
    summary: values.summary,
    topics: values.topics
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== ''),
    channel: values.channel,
    sources: values.sources.map((s) => ({
      url: s.url.trim(),
      publisher: s.publisher,
      title: s.title,
      publishedAt: s.publishedAt,
      side: s.side,
      quote: s.quote,
      archiveUrl: s.archiveUrl.trim(),
      claims: { date: s.claimDate, initiator: s.claimInitiator, durationMinutes: s.claimDuration.trim() },
    })),
  };
}

/**
 * Field errors keyed by the path of the field they belong to (`date`,
 * `sources.0.url`), the way the form places them. A message about one item of
 * a list of chosen values (a participant, a topic) belongs to the list.
 */
export function errorKey(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  if ((parts[0] === 'participants' || parts[0] === 'topics') && parts.length > 1) return parts[0];
  return parts.join('.') || 'form';
}

/** Adds messages to field errors without repeating one. */
export function mergeFieldErrors(into: FieldErrors, more: FieldErrors | undefined): FieldErrors {
  for (const [key, messages] of Object.entries(more ?? {})) {
    const list = (into[errorKey(key.split('.'))] ??= []);
    for (const message of messages) if (!list.includes(message)) list.push(message);
  }
  return into;
}

/** The element id of the field an error key names, for labels and the error summary's links. */
export function fieldId(key: string): string {
  return `field-${key.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

const FIELD_LABELS: Record<string, string> = {
  participants: 'Participants',
  date: 'Date',
  datePrecision: 'Date known to the',
  time: 'Time',
  timeZone: 'Time zone',
  type: 'Type',
  status: 'Status',
  initiator: 'Initiator',
  durationMinutes: 'Duration',
  location: 'Location',
  summary: 'Summary',
  topics: 'Topics',
  channel: 'Channel',
  sources: 'Sources',
  url: 'URL',
  publisher: 'Publisher',
  title: 'Title',
  publishedAt: 'Published',
  side: 'Side',
  quote: 'Quote',
  archiveUrl: 'Archive URL',
  'claims.date': 'Date it gives',
  'claims.initiator': 'Initiator it names',
  'claims.durationMinutes': 'Duration it gives',
};

/** A field's name for the error summary: "Date", "Source 2: URL". */
export function fieldLabel(key: string): string {
  const source = /^sources\.(\d+)\.(.+)$/.exec(key);
  if (source) return `Source ${Number(source[1]) + 1}: ${FIELD_LABELS[source[2]] ?? source[2]}`;
  return FIELD_LABELS[key] ?? key;
}

/** The form's fields in the order it shows them, for sorting the error summary. */
export function fieldOrder(key: string): number {
  const order: readonly string[] = COMPARED_FIELDS;
  const source = /^sources\.(\d+)\.(.+)$/.exec(key);
  if (source) return 100 + Number(source[1]) * 20 + Object.keys(SOURCE_FIELDS).indexOf(source[2]);
  const index = order.indexOf(key);
  return index === -1 ? 99 : index;
}

/** The contact an edit page loads, reduced to what the form needs. */
export type EditableContact = {
  date: string;
  datePrecision: string;
  time: string | null;
  timeZone: string | null;
  type: string;
  status: string;
  initiator: string | null;
  durationMinutes: number | null;
  location: string | null;
  summary: string | null;
  topics: string[];
  channel: string | null;
  participantOfficials: { id: string; slug: string; name: string; country: string }[];
  sources: {
    url: string;
    publisher: string | null;
    title: string | null;
    publishedAt: string | null;
    side: string | null;
    quote: string | null;
    archiveUrl: string | null;
    claims: { date: string | null; initiator: string | null; durationMinutes: number | null };
  }[];
};

/**
 * A stored contact as form values. The stored record names officials by slug;
 * the form names participants by id, so slugs of participants become their ids.
 */
export function valuesFromContact(contact: EditableContact): ContactFormValues {
  const bySlug = new Map(contact.participantOfficials.map((o) => [o.slug, o]));
  const ref = (slug: string | null) => (slug === null ? '' : (bySlug.get(slug)?.id ?? slug));
  const participants = [...contact.participantOfficials].sort(
    (a, b) => a.country.localeCompare(b.country) || a.name.localeCompare(b.name),
  );
  return {
    participants: participants.map((o) => ({ id: o.id, slug: o.slug, name: o.name, country: o.country })),
    date: contact.date,
    datePrecision: contact.datePrecision,
    time: contact.time ?? '',
    timeZone: contact.time ? (contact.timeZone ?? '') : '',
    type: contact.type,
    status: contact.status,
    initiator: ref(contact.initiator),
    durationMinutes: contact.durationMinutes?.toString() ?? '',
    location: contact.location ?? '',
    summary: contact.summary ?? '',
    topics: contact.topics.join(', '),
    channel: contact.channel ?? '',
    sources: contact.sources.map((s) => ({
      ...emptySource(),
      url: s.url,
      publisher: s.publisher ?? '',
      title: s.title ?? '',
      publishedAt: s.publishedAt ?? '',
      side: s.side ?? '',
      quote: s.quote ?? '',
      archiveUrl: s.archiveUrl ?? '',
      claimDate: s.claims.date ?? '',
      claimInitiator: ref(s.claims.initiator),
      claimDuration: s.claims.durationMinutes?.toString() ?? '',
    })),
  };
}

/** The fields a person edits, in the order the form shows them, for comparing two versions of the form. */
export const COMPARED_FIELDS = ['participants', ...SCALAR_FIELDS, 'sources'] as const;
export type ComparedField = (typeof COMPARED_FIELDS)[number];

/** A field's value in a comparable form: trimmed text, ids for participants, sources without their row keys. */
export function comparable(values: ContactFormValues, field: ComparedField): string {
  switch (field) {
    case 'participants':
      return JSON.stringify(values.participants.map((p) => p.id).sort());
    case 'sources':
      return JSON.stringify(values.sources.map((s) => Object.values(SOURCE_FIELDS).map((f) => s[f].trim())));
    case 'topics':
      return JSON.stringify(
        values.topics
          .split(',')
          .map((t) => t.trim().toLowerCase())
          .filter(Boolean),
      );
    default:
      return values[field].trim();
  }
}
