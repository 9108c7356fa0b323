import type { ContactStatus, ContactType, DatePrecision } from '@/lib/gaps/types';

/*
 * What the readout parser proposes. Every field carries the phrase it was read
 * from (its span in the pasted text) and a confidence between 0 and 1, so the
 * form can show the researcher why it proposes what it does.
 */

/** Where in the pasted text a proposal comes from: [start, end) and the phrase itself. */
export type Evidence = { start: number; end: number; text: string };

/**
 * One proposed value. `evidence` is null when the value does not come from the
 * text (a publisher read from the URL's domain, a date taken from the
 * publication date); `basis` then says where it comes from.
 */
export type Proposal<T> = { value: T; confidence: number; evidence: Evidence | null; basis?: string };

/** A person named or described in the text, before it is matched to an official. */
export type Mention = {
  evidence: Evidence;
  kind: 'name' | 'title';
  /** For a name: the official ids whose spellings match it. */
  officialIds?: string[];
  /** For a title: the country and the role it describes ("the Russian Minister of Defense"). */
  country?: string;
  role?: Role;
  /** A title without a country, taken as the publisher's country's. */
  home?: boolean;
  /** "his Russian counterpart": the role of the other person named. */
  counterpart?: boolean;
};

/** The kinds of office a title in a readout can name. */
export type Role =
  | 'defence-minister'
  | 'foreign-minister'
  | 'head-of-state'
  | 'head-of-government'
  | 'chief-of-general-staff'
  | 'armed-forces-chief'
  | 'security-adviser';

/** An official the text may name, as the data layer hands it to the parser. */
export type DirectoryOfficial = {
  id: string;
  slug: string;
  name: string;
  country: string;
  /** Every recorded spelling, the name included. */
  spellings: string[];
  positions: { title: string; officeKey: string; startDate: string; endDate: string | null }[];
};

export type ProposedParticipant = {
  id: string;
  slug: string;
  name: string;
  country: string;
  /** The title of the position held on the proposed date, when known. */
  title: string | null;
  matchedBy: 'name' | 'title';
};

export type ProposedSource = {
  url: Proposal<string> | null;
  publisher: Proposal<string> | null;
  title: Proposal<string> | null;
  publishedAt: Proposal<string> | null;
  side: Proposal<string> | null;
  quote: Proposal<string> | null;
};

export type ReadoutProposal = {
  date: Proposal<{ date: string; precision: DatePrecision }> | null;
  participants: Proposal<ProposedParticipant>[];
  type: Proposal<ContactType> | null;
  status: Proposal<ContactStatus> | null;
  initiator: Proposal<{ id: string; name: string }> | null;
  durationMinutes: Proposal<number> | null;
  location: Proposal<string> | null;
  source: ProposedSource;
};

/** The parser's answer: the proposal, people it could not match, and a message when it found nothing. */
export type ReadoutAnalysis = {
  proposal: ReadoutProposal;
  /** Names or titles found in the text that match no recorded official. */
  unmatched: Evidence[];
  /** True when nothing about the contact itself (date, people, type) was recognised. */
  empty: boolean;
  message: string;
};

export type ReadoutInput = { text: string; url?: string | null; publishedAt?: string | null };
