import { proposeDate } from './date';
import { proposeDuration } from './duration';
import { proposeInitiator } from './initiator';
import { proposeLocation } from './location';
import { findNameMentions, findTitleMentions } from './mentions';
import { chooseParticipants, resolveMentions } from './participants';
import { proposeSource, publisherOf } from './source';
import { sentenceAt, sentences, span, type Sentence } from './text';
import { proposeStatus, proposeType } from './type';
import type { DirectoryOfficial, Mention, Proposal, ReadoutAnalysis, ReadoutProposal } from './types';

/*
 * The readout parser: pure and deterministic, no network and no model. The
 * data layer hands it the officials the text may name (lib/data/readouts.ts);
 * everything else is read from the text, the URL and the publication date.
 */

export const EMPTY_MESSAGE =
  'Nothing in this text was recognised as a contact: no date, official or kind of contact. Fill in the form by hand, or paste the readout’s own text.';

function shift<T>(proposal: Proposal<T> | null, by: number, text: string): Proposal<T> | null {
  if (!proposal?.evidence) return proposal;
  return { ...proposal, evidence: span(text, proposal.evidence.start + by, proposal.evidence.end + by) };
}

/** The sentence that reports the contact: the first with a contact verb and a person in it. */
export function leadSentence(text: string, mentions: Mention[]): Sentence | undefined {
  const list = sentences(text);
  const hasPerson = (s: Sentence) => mentions.some((m) => m.evidence.start >= s.start && m.evidence.start < s.end);
  // A headline names the contact too, but the body's sentence says it with its date: prefer that one.
  const headline = text.includes('\n') && list[0] && !/[.!?]$/.test(list[0].text) ? list[0] : undefined;
  const body = list.filter((s) => s !== headline);
  return (
    body.find((s) => proposeType(s.text) && hasPerson(s)) ??
    list.find((s) => proposeType(s.text) && hasPerson(s)) ??
    body.find((s) => proposeType(s.text)) ??
    list.find(hasPerson)
  );
}

/** An empty proposal. */
export function emptyProposal(): ReadoutProposal {
  return {
    date: null,
    participants: [],
    type: null,
    status: null,
    initiator: null,
    durationMinutes: null,
    location: null,
    source: { url: null, publisher: null, title: null, publishedAt: null, side: null, quote: null },
  };
}

/**
 * Reads a readout into a proposed contact. `today` is the reference date when
 * no publication date is given (the caller passes the app's clock).
 */
export function analyseReadout(options: {
  text: string;
  url?: string | null;
  publishedAt?: string | null;
  today: string;
  officials: DirectoryOfficial[];
}): ReadoutAnalysis {
  const { text, officials, today } = options;
  const publishedAt = options.publishedAt ?? null;
  const homeCountry = options.url ? (publisherOf(options.url)?.country ?? null) : null;
  const names = findNameMentions(text, officials);
  const titles = findTitleMentions(text, homeCountry);
  const lead = leadSentence(text, [...names, ...titles]);

  const date = proposeDate(text, { reference: publishedAt ?? today, publishedAt, lead });
  const type = (lead && shift(proposeType(lead.text), lead.start, text)) ?? proposeType(text);
  const status = proposeStatus(text, type);
  const statusSentence =
    status?.evidence && status.value !== 'HELD' ? sentenceAt(sentences(text), status.evidence.start) : undefined;
  const { resolved, unmatched } = resolveMentions({ text, names, titles, officials, date: date?.value.date ?? null });
  const participants = chooseParticipants({
    resolved,
    lead,
    also: statusSentence ? [statusSentence] : [],
    date: date?.value.date ?? null,
  });

  const recognised = Boolean((date && date.evidence) || participants.length > 0 || type);
  if (!recognised) {
    return { proposal: emptyProposal(), unmatched, empty: true, message: EMPTY_MESSAGE };
  }

  const proposal: ReadoutProposal = {
    date,
    participants,
    type,
    status,
    initiator: proposeInitiator(text, participants, homeCountry),
    durationMinutes: proposeDuration(text),
    location: proposeLocation(text, type?.value ?? null, lead),
    source: proposeSource(text, { url: options.url ?? null, publishedAt, lead }),
  };
  return { proposal, unmatched, empty: false, message: summarise(proposal, unmatched.length) };
}

function summarise(proposal: ReadoutProposal, unmatched: number): string {
  const found = [
    proposal.date && 'date',
    proposal.participants.length > 0 &&
      `${proposal.participants.length} participant${proposal.participants.length === 1 ? '' : 's'}`,
    proposal.type && 'type',
    proposal.status && 'status',
    proposal.initiator && 'initiator',
    proposal.durationMinutes && 'duration',
    proposal.location && 'location',
  ].filter(Boolean);
  const missing =
    unmatched > 0
      ? ` ${unmatched} name${unmatched === 1 ? '' : 's'} or title${unmatched === 1 ? '' : 's'} matched no recorded official.`
      : '';
  return `Proposed from the readout: ${found.join(', ')}. Check each before saving.${missing}`;
}
