import { z } from 'zod';
import { CONTACT_STATUSES, CONTACT_TYPES, DATE_PRECISIONS } from '../../validation/contact';

/*
 * What the API answers, as zod schemas: the OpenAPI document's response schemas are generated from them
 * (lib/api/openapi.ts), and the tests check real answers and the documented examples against that document.
 * Each schema's `id` is its name under components.schemas.
 */

const date = z.iso.date().describe('A calendar date, YYYY-MM-DD.');
const dateTime = z.iso.datetime({ offset: true });
const country = z
  .string()
  .regex(/^[A-Z]{2}$/)
  .describe('ISO 3166-1 alpha-2.');
const officeKey = z
  .string()
  .regex(/^[A-Z]{2}:[A-Z0-9_]+$/)
  .meta({ examples: ['US:SECDEF'] });
const requestId = z
  .string()
  .describe('The id of the request, as in its X-Request-Id header; the server’s log line for it carries the same id.');
const contactType = z.enum(CONTACT_TYPES);
const contactStatus = z.enum(CONTACT_STATUSES);
const datePrecision = z.enum(DATE_PRECISIONS);
const level = z.enum(['OFFICIAL', 'OFFICE', 'COUNTRY']);
const verification = z.enum(['UNVERIFIED', 'VERIFIED', 'DISPUTED']);

export const ZReadoutEvidence = z
  .object({
    start: z.int().min(0).describe('Offset of the phrase in `text`, in UTF-16 code units.'),
    end: z.int().min(0).describe('Offset just past the phrase.'),
    text: z.string().describe('The phrase, as written.'),
  })
  .describe('The phrase a value was read from.')
  .meta({ id: 'ReadoutEvidence' });
export type ReadoutEvidence = z.infer<typeof ZReadoutEvidence>;

/** A value the readout parser proposes, how sure it is, and the phrase it read it from. */
function proposal<T extends z.ZodType>(value: T) {
  return z.object({
    value,
    confidence: z.number().min(0).max(1).describe('How sure the rule that read it is, 0 to 1.'),
    evidence: ZReadoutEvidence.nullable(),
    basis: z.string().describe('Where the value comes from when it is not read from the text.').optional(),
  });
}

export const ZReadoutAnalysis = z
  .object({
    proposal: z.object({
      date: proposal(
        z.object({
          date: date,
          precision: datePrecision,
        }),
      ).nullable(),
      participants: z.array(
        proposal(
          z.object({
            id: z.string(),
            slug: z.string(),
            name: z.string(),
            country: z.string().regex(/^[A-Z]{2}$/),
            title: z.string().nullable(),
            matchedBy: z.enum(['name', 'title']),
          }),
        ),
      ),
      type: proposal(contactType).nullable(),
      status: proposal(contactStatus).nullable(),
      initiator: proposal(
        z.object({
          id: z.string(),
          name: z.string(),
        }),
      ).nullable(),
      durationMinutes: proposal(z.int().min(1)).nullable(),
      location: proposal(z.string()).nullable(),
      source: z.object({
        url: proposal(z.string()).nullable(),
        publisher: proposal(z.string()).nullable(),
        title: proposal(z.string()).nullable(),
        publishedAt: proposal(date).nullable(),
        side: proposal(z.string()).nullable(),
        quote: proposal(z.string()).nullable(),
      }),
    }),
    unmatched: z.array(ZReadoutEvidence).describe('Names and titles in the text that match no recorded official.'),
    empty: z.boolean().describe('True when nothing about a contact was recognised.'),
    message: z.string(),
  })
  .describe('What the parser proposes; nothing is saved.')
  .meta({ id: 'ReadoutAnalysis' });
export type ReadoutAnalysis = z.infer<typeof ZReadoutAnalysis>;

export const ZError = z
  .object({
    error: z.object({
      code: z.enum(['INVALID', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'NOT_IMPLEMENTED', 'INTERNAL']),
      message: z.string().describe('What went wrong, in a sentence, naming the parameters.'),
      fields: z
        .record(z.string(), z.array(z.string()))
        .describe(
          'Per parameter or body field, what is wrong with it; nested body fields are named by their path (`sources.0.url`). Present on most 400 and some 404 and 409 answers.',
        )
        .optional(),
      requestId: requestId.optional(),
    }),
  })
  .describe('Every error has this shape, whatever its status; a 409 on an edit adds what changed.')
  .meta({ id: 'Error' });
export type ApiError = z.infer<typeof ZError>;

export const ZOfficialSummary = z
  .object({
    id: z.string(),
    version: z.int(),
    slug: z.string(),
    name: z.string(),
    country: country,
    otherNames: z.array(z.string()).describe('Other spellings and transliterations.'),
    matchedName: z
      .string()
      .describe('In a search: the other spelling that matched `q` best, when it was not `name`; else null.')
      .nullable(),
    wikidataId: z
      .string()
      .regex(/^Q[1-9][0-9]*$/)
      .nullable(),
    positions: z
      .array(
        z.object({
          title: z.string(),
          officeKey: officeKey,
          startDate: date,
          endDate: date.nullable(),
        }),
      )
      .describe('Newest first.'),
    href: z.string().describe('The official’s page on this site.'),
  })
  .meta({ id: 'OfficialSummary' });
export type OfficialSummary = z.infer<typeof ZOfficialSummary>;

export const ZOfficial = z
  .object({
    id: z.string(),
    version: z.int().describe('Send it back with an edit (PATCH).'),
    slug: z.string(),
    name: z.string(),
    country: country,
    otherNames: z.array(z.string()),
    wikidataId: z
      .string()
      .regex(/^Q[1-9][0-9]*$/)
      .nullable(),
    bio: z.string().nullable(),
    photo: z
      .string()
      .describe(
        'The photo’s address: a path on this site for an uploaded photo (it changes with each upload), or the address an admin gave.',
      )
      .nullable(),
    links: z.array(z.url()).describe('Pages about the official.'),
    positions: z
      .array(
        z.object({
          title: z.string(),
          officeKey: officeKey,
          organisation: z.string().nullable(),
          startDate: date,
          endDate: date.nullable(),
        }),
      )
      .describe('Newest first. endDate null: the tenure is current.'),
    href: z.string(),
  })
  .meta({ id: 'Official' });
export type Official = z.infer<typeof ZOfficial>;

export const ZOfficialPage = z
  .object({
    items: z.array(ZOfficialSummary),
    page: z.int(),
    pageSize: z.int(),
    total: z.int().describe('Officials matching, over all pages.'),
  })
  .meta({ id: 'OfficialPage' });
export type OfficialPage = z.infer<typeof ZOfficialPage>;

export const ZParticipant = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    country: country,
    officeKey: officeKey.nullable(),
    positionTitle: z.string().describe('The position held on the contact’s date.').nullable(),
  })
  .meta({ id: 'Participant' });
export type Participant = z.infer<typeof ZParticipant>;

export const ZOfficialRef = z
  .object({
    slug: z.string(),
    name: z.string(),
  })
  .meta({ id: 'OfficialRef' });
export type OfficialRef = z.infer<typeof ZOfficialRef>;

export const ZSource = z
  .object({
    url: z.url(),
    publisher: z.string().nullable(),
    title: z.string().nullable(),
    publishedAt: date.nullable(),
    side: z.string().describe('Whose account it is: "US readout", "press", …').nullable(),
    quote: z.string().describe('Verbatim, as the source says it.').nullable(),
    archiveUrl: z.url().nullable(),
    claims: z
      .object({
        date: date.optional(),
        initiator: ZOfficialRef.optional(),
        durationMinutes: z.int().optional(),
      })
      .describe('What this source says where it differs from the contact’s own values.')
      .nullable(),
  })
  .meta({ id: 'Source' });
export type Source = z.infer<typeof ZSource>;

export const ZContact = z
  .object({
    id: z.string(),
    version: z.int().describe('Counts every change; send it back with an edit or a delete.'),
    date: date.describe('The date that counts; the first day of the period for MONTH or YEAR precision.'),
    datePrecision: datePrecision,
    time: z
      .string()
      .regex(/^[0-2][0-9]:[0-5][0-9]$/)
      .describe('Local time, HH:MM.')
      .nullable(),
    timeZone: z.string().describe('IANA time zone of `time`.').nullable(),
    type: contactType,
    status: contactStatus.describe('Only HELD contacts end a silence; SCHEDULED is an expected contact.'),
    participants: z.array(ZParticipant).min(1),
    unnamedCountries: z
      .array(z.string().regex(/^[A-Z]{2}$/))
      .describe(
        'Countries whose officials took part without being named (a record that names only the country met): they count for country pairs only. Usually empty.',
      ),
    initiator: ZOfficialRef.nullable(),
    durationMinutes: z.int().nullable(),
    location: z.string().nullable(),
    summary: z.string().describe('Plain text, never HTML.').nullable(),
    topics: z.array(z.string()),
    verification: verification,
    channel: ZOfficialRef.nullable(),
    resolvedById: z.string().describe('For an expected contact: the held contact that fulfilled it.').nullable(),
    sources: z.array(ZSource).min(1),
  })
  .meta({ id: 'Contact' });
export type Contact = z.infer<typeof ZContact>;

export const ZContactFilters = z
  .object({
    q: z.string().optional(),
    official: z.string().optional(),
    country: z.array(country).optional(),
    type: z.array(contactType).optional(),
    status: z.array(contactStatus).optional(),
    from: date.optional(),
    to: date.optional(),
  })
  .describe('The filters that were set.')
  .meta({ id: 'ContactFilters' });
export type ContactFilters = z.infer<typeof ZContactFilters>;

export const ZContactPage = z
  .object({
    items: z.array(ZContact),
    page: z.int(),
    pageSize: z.int(),
    total: z.int().describe('Contacts matching, over all pages.'),
    filters: ZContactFilters,
  })
  .meta({ id: 'ContactPage' });
export type ContactPage = z.infer<typeof ZContactPage>;

export const ZGapMarker = z
  .object({
    contactId: z.string(),
    date: date,
    status: z.enum(['REQUESTED', 'REFUSED', 'SCHEDULED', 'CANCELLED']),
    type: contactType,
  })
  .describe('A contact that was sought, refused, expected or cancelled: it does not end a silence.')
  .meta({ id: 'GapMarker' });
export type GapMarker = z.infer<typeof ZGapMarker>;

export const ZSilenceRank = z
  .object({
    longerThan: z.int(),
    of: z.int(),
  })
  .describe('How many of the pair’s past gaps are shorter than the current silence, out of how many.')
  .meta({ id: 'SilenceRank' });
export type SilenceRank = z.infer<typeof ZSilenceRank>;

export const ZGapClosure = z
  .object({
    officialId: z.string(),
    official: z
      .object({
        ref: z.string(),
        label: z.string(),
      })
      .describe('The official’s slug and name.')
      .nullable(),
    on: date.describe('The day the official left office (the end of their last tenure); the gap’s `to`.'),
    rank: ZSilenceRank,
  })
  .describe(
    'At the official level a silence runs only while both officials hold a recorded position: it closes the day one of them leaves office, and becomes the pair’s last gap. `rank` places it among the gaps before it.',
  )
  .meta({ id: 'GapClosure' });
export type GapClosure = z.infer<typeof ZGapClosure>;

export const ZGap = z
  .object({
    from: date,
    to: date.describe('The date of the contact that ended the gap, or the day an official left office.'),
    fromContactId: z.string(),
    toContactId: z.string().describe('The held contact that ended the gap; null for a closed silence.').nullable(),
    closedBy: ZGapClosure.nullable(),
    days: z.int().describe('Calendar days from `from` to `to`.'),
    minDays: z.int().describe('The shortest the gap can be, given precision and disputed dates.'),
    maxDays: z.int().describe('The longest it can be.'),
    approximate: z.boolean().describe('An end is known only to the month or year.'),
    disputed: z.boolean().describe('Sources disagree on the date of an end.'),
    markers: z.array(ZGapMarker),
  })
  .describe(
    'The silence between two consecutive held contacts; or, last in an official pair’s series, the silence that closed when one of the two left office (`closedBy` set, `toContactId` null).',
  )
  .meta({ id: 'Gap' });
export type Gap = z.infer<typeof ZGap>;

export const ZCurrentSilence = z
  .object({
    since: date,
    sinceContactId: z.string(),
    days: z.int(),
    minDays: z.int(),
    maxDays: z.int(),
    approximate: z.boolean(),
    disputed: z.boolean(),
    markers: z.array(ZGapMarker),
    rank: ZSilenceRank,
  })
  .meta({ id: 'CurrentSilence' });
export type CurrentSilence = z.infer<typeof ZCurrentSilence>;

export const ZPairSide = z
  .object({
    key: z.string().describe('Official id, office key or country code.'),
    ref: z.string().describe('Official slug, office key or country code, as in page addresses.'),
    label: z.string(),
    detail: z.string().nullable(),
    country: country,
    href: z.string().nullable(),
  })
  .meta({ id: 'PairSide' });
export type PairSide = z.infer<typeof ZPairSide>;

export const ZContactRef = z
  .object({
    id: z.string(),
    date: date,
  })
  .meta({ id: 'ContactRef' });
export type ContactRef = z.infer<typeof ZContactRef>;

export const ZGapPage = z
  .object({
    limit: z.int().min(1).max(1000).describe('The most gaps a page holds.'),
    total: z.int().describe('Gaps in the whole series, a closed silence included.'),
    returned: z.int().describe('Gaps in this answer.'),
    older: z
      .string()
      .describe(
        'The address of the next older page: the same pair and `limit`, with `before`. Null on the page that holds the first gap, and past it.',
      )
      .nullable(),
  })
  .describe('Where this answer’s gaps stand in the series, when it holds one page of it.')
  .meta({ id: 'GapPage' });
export type GapPage = z.infer<typeof ZGapPage>;

export const ZGapSeries = z
  .object({
    level: level,
    pair: z.object({
      a: ZPairSide,
      b: ZPairSide,
      href: z.string().describe('The pair’s page.'),
    }),
    heldCount: z.int(),
    firstContact: ZContactRef.nullable(),
    lastContact: ZContactRef.nullable(),
    gaps: z
      .array(ZGap)
      .describe('Oldest first: the whole series, or with `page`, one page of it (the latest unless `before`).'),
    longestGap: ZGap.nullable(),
    medianGapDays: z.number().nullable(),
    meanGapDays: z.number().describe('Rounded to one decimal place.').nullable(),
    currentSilenceDays: z
      .int()
      .describe('Null before a first held contact, and once the silence closed (see `closedSilence`).')
      .nullable(),
    currentSilence: ZCurrentSilence.nullable(),
    currentSilenceRank: ZSilenceRank.nullable(),
    closedSilence: ZGap.describe(
      'The last gap when it closed because one of two officials left office (then `currentSilence` is null); null while the silence runs.',
    ).nullable(),
    markers: z
      .array(ZGapMarker)
      .describe(
        'Every non-held contact of the pair, oldest first, including those before its first held contact. With `page`, those of the page: inside its gaps, before the first held contact on the page with the first gap, and in the running silence on the latest page; each is on one page.',
      ),
    today: date.describe('The UTC date the current silence is counted to.'),
    page: ZGapPage.optional(),
  })
  .meta({ id: 'GapSeries' });
export type GapSeries = z.infer<typeof ZGapSeries>;

export const ZWatch = z
  .object({
    id: z.string(),
    level: level,
    pair: z.object({
      a: z.object({
        key: z.string(),
        label: z.string(),
      }),
      b: z.object({
        key: z.string(),
        label: z.string(),
      }),
      href: z.string(),
      title: z.string(),
    }),
    threshold: z.object({
      days: z.int().nullable(),
      multiple: z.number().nullable(),
      effectiveDays: z.int().nullable(),
      text: z.string(),
    }),
    medianGapDays: z.number().nullable(),
    silence: z.object({
      since: date.nullable(),
      days: z.int(),
      running: z.boolean(),
    }),
    status: z
      .enum(['PAST', 'BELOW', 'NO_MEDIAN', 'NOT_RUNNING'])
      .describe('Past its threshold; below it; a multiple of a median the pair does not have yet; no running silence.'),
    overBy: z.int().nullable(),
    crossedSince: date.nullable(),
    createdAt: dateTime,
    links: z.object({
      self: z.string(),
      pair: z.string(),
    }),
  })
  .meta({ id: 'Watch' });
export type Watch = z.infer<typeof ZWatch>;

export const ZWatchEvent = z
  .object({
    id: z.string(),
    watchId: z.string(),
    kind: z.enum(['CROSSED', 'ENDED']),
    level: level,
    pair: z.object({
      a: z.string(),
      b: z.string(),
      title: z.string(),
      href: z.string(),
    }),
    silenceSince: date,
    days: z.int(),
    thresholdDays: z.int(),
    endedOn: date.nullable(),
    occurredAt: dateTime,
    text: z.string(),
  })
  .meta({ id: 'WatchEvent' });
export type WatchEvent = z.infer<typeof ZWatchEvent>;

export const ZContactsExport = z
  .object({
    meta: z.object({
      generator: z.literal('Counterpart'),
      kind: z.literal('contacts'),
      exportedAt: dateTime,
      filters: ZContactFilters,
      query: z.string().describe('The filters as a query string.'),
      total: z.int(),
    }),
    items: z.array(ZContact),
  })
  .meta({ id: 'ContactsExport' });
export type ContactsExport = z.infer<typeof ZContactsExport>;

export const ZCitation = z
  .object({
    apa: z.string().describe('An APA-style reference, dated by the day the figures stand as of.'),
    bibtex: z.string().describe('A BibTeX @misc entry.'),
    permalink: z
      .url()
      .describe('The pair page with `?asOf=YYYY-MM-DD`: the same figures, however many contacts are logged later.'),
    dataVersion: z
      .string()
      .describe(
        'A hash of what the figures are counted from as of that day: each contact’s id, date, possible range, status and type.',
      ),
    accessed: date,
  })
  .describe('How to cite a pair’s figures.')
  .meta({ id: 'Citation' });
export type Citation = z.infer<typeof ZCitation>;

export const ZOEmbed = z
  .object({
    type: z.literal('rich'),
    version: z.literal('1.0'),
    title: z.string(),
    provider_name: z.literal('Counterpart'),
    provider_url: z.url(),
    cache_age: z.int().describe('Seconds the consumer may keep this answer; the chart itself is live.'),
    html: z.string().describe('An iframe of /embed/pairs/{level}/{a}/{b} (with asOf when the url had one).'),
    width: z.int(),
    height: z.int(),
  })
  .describe('An oEmbed 1.0 rich response.')
  .meta({ id: 'OEmbed' });
export type OEmbed = z.infer<typeof ZOEmbed>;

export const ZGapsExport = z
  .object({
    meta: z.object({
      generator: z.literal('Counterpart'),
      kind: z.literal('gaps'),
      exportedAt: dateTime,
      query: z.string().describe('The pair’s parameters as a query string.'),
      today: date,
      citation: ZCitation,
    }),
    ...ZGapSeries.omit({ page: true }).shape,
  })
  .describe('The answer of /api/v1/gaps with the export’s metadata in front, for the whole series.')
  .meta({ id: 'GapsExport' });
export type GapsExport = z.infer<typeof ZGapsExport>;

export const ZEndedSilence = z
  .object({
    days: z.int().describe('Calendar days since the pair’s previous held contact.'),
    since: date.describe('The date of that contact.'),
    sinceContactId: z.string(),
    between: z
      .array(
        z.object({
          id: z.string(),
          slug: z.string(),
          name: z.string(),
        }),
      )
      .min(2)
      .max(2),
  })
  .describe('A silence that the new held contact ended, between two of its officials from different countries.')
  .meta({ id: 'EndedSilence' });
export type EndedSilence = z.infer<typeof ZEndedSilence>;

export const ZContactCreated = z
  .object({
    id: z.string(),
    version: z.int(),
    date: date,
    endedSilence: ZEndedSilence.describe('The longest silence it ended; null if none.').nullable(),
    endedSilences: z.array(ZEndedSilence).describe('Every silence it ended, one per pair of officials, longest first.'),
    resolvedExpected: z
      .array(z.string())
      .describe('Expected (SCHEDULED) contacts of the same officials that this held contact fulfilled.'),
    possibleDuplicates: z
      .array(
        z.object({
          id: z.string(),
          date: date,
          type: contactType,
          status: contactStatus,
        }),
      )
      .describe('Contacts of the same officials within a day of it: perhaps the same contact, logged twice.'),
    href: z.string().describe('The new contact in this API, also in the Location header.'),
  })
  .describe('The contact logged, and what it changed.')
  .meta({ id: 'ContactCreated' });
export type ContactCreated = z.infer<typeof ZContactCreated>;

export const ZContactDeleted = z
  .object({
    id: z.string(),
    version: z.int(),
    deletedAt: dateTime,
  })
  .describe('The contact is gone from every list and gap; the audit log keeps it whole.')
  .meta({ id: 'ContactDeleted' });
export type ContactDeleted = z.infer<typeof ZContactDeleted>;

export const ZContactSnapshot = z
  .object({
    id: z.string(),
    version: z.int(),
    date: date,
    datePrecision: datePrecision,
    time: z.string().nullable(),
    timeZone: z.string().nullable(),
    type: contactType,
    status: contactStatus,
    participants: z.array(z.string()).describe('Slugs, sorted.'),
    initiator: z.string().nullable(),
    durationMinutes: z.int().nullable(),
    location: z.string().nullable(),
    summary: z.string().nullable(),
    topics: z.array(z.string()),
    channel: z.string().nullable(),
    verification: verification,
    resolvedById: z.string().nullable(),
    deletedAt: dateTime.nullable(),
    sources: z.array(
      z.object({
        url: z.string(),
        publisher: z.string().nullable(),
        title: z.string().nullable(),
        publishedAt: date.nullable(),
        side: z.string().nullable(),
        quote: z.string().nullable(),
        archiveUrl: z.string().nullable(),
        claims: z.object({
          date: date.nullable(),
          initiator: z.string().nullable(),
          durationMinutes: z.int().nullable(),
        }),
      }),
    ),
  })
  .describe('A contact as the audit log keeps it: officials by slug, in the shape an edit sends.')
  .meta({ id: 'ContactSnapshot' });
export type ContactSnapshot = z.infer<typeof ZContactSnapshot>;

export const ZContactChange = z
  .object({
    field: z.string().describe('The field that changed: date, participants, summary, sources, verification, …'),
    before: z.unknown().describe('Its value in the version the edit was based on.'),
    after: z.unknown().describe('Its value now.'),
  })
  .meta({ id: 'ContactChange' });
export type ContactChange = z.infer<typeof ZContactChange>;

export const ZContactConflict = z
  .object({
    error: z.object({
      code: z.literal('CONFLICT'),
      message: z.string().describe('Who changed the contact, and from which version to which.'),
      current: ZContactSnapshot,
      changes: z
        .array(ZContactChange)
        .describe('What changed since the version the edit was based on; null if that version is unknown.')
        .nullable(),
      changedBy: z.string().describe('The name of whoever saved last.').nullable(),
      changedAt: dateTime.nullable(),
      requestId: requestId.optional(),
    }),
  })
  .describe('The answer to an edit or delete based on an old version: the contact as it now stands, and what changed.')
  .meta({ id: 'ContactConflict' });
export type ContactConflict = z.infer<typeof ZContactConflict>;

export const ZOfficialSnapshot = z
  .object({
    id: z.string(),
    slug: z.string(),
    version: z.int(),
    name: z.string(),
    country: country,
    wikidataId: z.string().nullable(),
    photoUrl: z.string().nullable(),
    photo: z
      .object({
        contentType: z.enum(['image/jpeg', 'image/png', 'image/webp', 'image/gif']),
        size: z.int().describe('Bytes.'),
        sha256: z.string().describe('The first 32 hex digits of the SHA-256 of the bytes.'),
      })
      .describe('A photo uploaded to Counterpart (served at /officials/{slug}/photo); null when there is none.')
      .nullable(),
    bio: z.string().nullable(),
    links: z.array(z.string()),
    mergedIntoId: z.string().nullable(),
    otherNames: z.array(z.string()),
    positions: z
      .array(
        z.object({
          title: z.string().min(1).max(200),
          officeKey: z
            .string()
            .regex(/^[A-Z]{2}:[A-Z0-9_]+$/)
            .meta({ description: 'COUNTRY:OFFICE, the country being the official’s.', examples: ['US:SECDEF'] }),
          organisation: z.string().max(200).nullable().optional(),
          startDate: date,
          endDate: date.describe('Leave out while the tenure is current.').nullable().optional(),
        }),
      )
      .describe('Oldest first.'),
  })
  .describe('An official as the audit log keeps it, in the shape an edit sends.')
  .meta({ id: 'OfficialSnapshot' });
export type OfficialSnapshot = z.infer<typeof ZOfficialSnapshot>;

export const ZOfficialConflict = z
  .object({
    error: z.object({
      code: z.literal('CONFLICT'),
      message: z.string(),
      current: ZOfficialSnapshot.describe('The official as it now stands (on a stale version).').optional(),
      fields: z
        .record(z.string(), z.array(z.string()))
        .describe('On a Wikidata id that belongs to another official: `wikidataId`.')
        .optional(),
      requestId: requestId.optional(),
    }),
  })
  .describe('The answer to an edit based on an old version of an official.')
  .meta({ id: 'OfficialConflict' });
export type OfficialConflict = z.infer<typeof ZOfficialConflict>;
