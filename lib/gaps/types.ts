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

/** The silence between two consecutive held contacts of a pair. */
export type Gap = {
  fromContactId: string;
  toContactId: string;
  from: IsoDate;
  to: IsoDate;
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
export type CurrentSilence = {
  since: IsoDate;
  sinceContactId: string;
  days: number;
  minDays: number;
  maxDays: number;
  approximate: boolean;
  disputed: boolean;
  markers: GapMarker[];
  /** How many of the pair's past gaps are shorter than this silence, out of how many. */
  rank: { longerThan: number; of: number };
};

/** Everything Counterpart says about one pair: the same numbers in UI, API and exports. */
export type GapSeries = {
  pair: PairKey;
  heldCount: number;
  firstContact: { id: string; date: IsoDate } | null;
  lastContact: { id: string; date: IsoDate } | null;
  gaps: Gap[];
  longestGap: Gap | null;
  medianGapDays: number | null;
  meanGapDays: number | null;
  currentSilence: CurrentSilence | null;
  /** Non-held contacts before the first held one (or all of them, if none was held). */
  leadingMarkers: GapMarker[];
};
