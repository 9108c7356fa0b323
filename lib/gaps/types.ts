/** A calendar date as `YYYY-MM-DD`. Every gap is counted on these, in UTC. */
export type IsoDate = string;

export type DatePrecision = 'DAY' | 'MONTH' | 'YEAR';
export type ContactStatus = 'HELD' | 'REQUESTED' | 'REFUSED' | 'SCHEDULED' | 'CANCELLED';
export type ContactType = 'CALL' | 'VIDEO_CALL' | 'MEETING' | 'LETTER' | 'HOTLINE' | 'OTHER';
export type PairLevel = 'OFFICIAL' | 'OFFICE' | 'COUNTRY';

/** One participant of a contact, as the gap engine needs it. */
export type GapParticipant = {
  officialId: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** The office held on the contact's date, if known (e.g. `US:SECDEF`). */
  officeKey: string | null;
  /**
   * Officials of the country took part without being named (a record that names only the country met):
   * the participant counts for country pairs only, and only with a named participant.
   */
  unnamed?: boolean;
};

/** A contact reduced to what the gap engine reads. */
export type GapContact = {
  id: string;
  /** The date that counts: first day of the period for MONTH/YEAR precision. */
  date: IsoDate;
  precision: DatePrecision;
  status: ContactStatus;
  type: ContactType;
  /** Other dates its sources claim (day precision). */
  claimedDates: IsoDate[];
  participants: GapParticipant[];
};

/** Which pair a series belongs to; `a` and `b` are sorted so a pair has one key. */
export type PairKey = { level: PairLevel; a: string; b: string };

/** A non-held contact (sought, refused, expected, cancelled) shown inside a gap. */
export type GapMarker = {
  contactId: string;
  date: IsoDate;
  status: Exclude<ContactStatus, 'HELD'>;
  type: ContactType;
};

/** How many of a pair's earlier gaps are shorter than a silence, out of how many. */
export type SilenceRank = { longerThan: number; of: number };

/**
 * Why a pair's last silence ended without a contact: at the official level, one
 * of the two left office (see `leftOfficeOn`), and the silence closed that day.
 */
export type GapClosure = {
  /** The official who left: one of the pair's two sides. */
  officialId: string;
  /** The day they left office; the closing gap's `to`. */
  on: IsoDate;
  /** How the closed silence ranks against the pair's earlier gaps (all but itself). */
  rank: SilenceRank;
};

/**
 * The silence between two consecutive held contacts of a pair; or, last in a
 * series, the silence that closed when one of two officials left office
 * (`closedBy` set, `toContactId` null, `to` the leaving day).
 */
export type Gap = {
  fromContactId: string;
  /** The held contact that ended the silence; null for a silence closed by a departure. */
  toContactId: string | null;
  from: IsoDate;
  to: IsoDate;
  /** Set only on a silence closed by a departure from office; null on a gap a contact ended. */
  closedBy: GapClosure | null;
  /** `to - from` in calendar days. */
  days: number;
  /** The shortest and longest the gap can be, given precision and disputed dates. */
  minDays: number;
  maxDays: number;
  /** An end is only known to the month or year. */
  approximate: boolean;
  /** Sources disagree about the date of an end. */
  disputed: boolean;
  markers: GapMarker[];
};

/** The running silence since a pair's last held contact. */
export type CurrentSilence = Pick<Gap, 'days' | 'minDays' | 'maxDays' | 'approximate' | 'disputed' | 'markers'> & {
  since: IsoDate;
  sinceContactId: string;
  /** How many of the pair's past gaps are shorter than this silence, out of how many. */
  rank: SilenceRank;
};

/** Everything Counterpart says about one pair: the same numbers in UI, API and exports. */
export type GapSeries = {
  pair: PairKey;
  heldCount: number;
  firstContact: { id: string; date: IsoDate } | null;
  lastContact: { id: string; date: IsoDate } | null;
  /**
   * Oldest first. At the official level the last may be a closed silence
   * (`closedBy` set); it counts in the longest, median and mean like any gap.
   */
  gaps: Gap[];
  longestGap: Gap | null;
  medianGapDays: number | null;
  meanGapDays: number | null;
  /** The silence still running; null before a first held contact and once the silence has closed. */
  currentSilence: CurrentSilence | null;
  /** Non-held contacts before the first held one (or all of them, if none was held). */
  leadingMarkers: GapMarker[];
};
