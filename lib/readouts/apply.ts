import { emptySource, type ContactFormValues, type SourceValues } from '@/lib/validation/contact-form';
import type { Proposal, ReadoutAnalysis } from './types';

/*
 * A proposal applied to the contact form: the values it fills in, and for each
 * a mark saying it was proposed and from which phrase. A mark shows while the
 * field still holds the proposed value; the researcher's own edit removes it.
 */

export type ProposalMark = {
  /** The value as the form holds it. */
  value: string;
  /** The phrase of the readout it was read from, or null when it comes from elsewhere (`basis`). */
  phrase: string | null;
  basis: string | null;
  confidence: number;
};

/** Marks by field: `date`, `type`, …, `participant:<id>`, `source:<row key>.url`, … */
export type ProposalMarks = Record<string, ProposalMark>;

/** The mark key of one field of a source row. */
export const sourceMarkKey = (rowKey: string, field: keyof SourceValues) => `source:${rowKey}.${field}`;

function mark<T>(proposal: Proposal<T>, value: string): ProposalMark {
  return {
    value,
    phrase: proposal.evidence?.text ?? null,
    basis: proposal.basis ?? null,
    confidence: proposal.confidence,
  };
}

/**
 * The form with the analysis applied. Proposed participants are added to any
 * already chosen; other proposed fields replace what is there; fields without
 * a proposal are left as they are. The source goes into the first row with
 * no URL, or a new row.
 */
export function applyAnalysis(
  values: ContactFormValues,
  analysis: ReadoutAnalysis,
): { values: ContactFormValues; marks: ProposalMarks } {
  const p = analysis.proposal;
  const marks: ProposalMarks = {};
  const next: ContactFormValues = { ...values };

  const chosen = new Set(values.participants.map((x) => x.id));
  next.participants = [...values.participants];
  for (const participant of p.participants) {
    const { id, slug, name, country, title } = participant.value;
    if (!chosen.has(id)) next.participants.push({ id, slug, name, country, title });
    marks[`participant:${id}`] = mark(participant, id);
  }
  if (p.date) {
    next.date = p.date.value.date;
    next.datePrecision = p.date.value.precision;
    marks.date = mark(p.date, p.date.value.date);
  }
  const simple = [
    ['type', p.type, p.type?.value],
    ['status', p.status, p.status?.value],
    ['initiator', p.initiator, p.initiator?.value.id],
    ['durationMinutes', p.durationMinutes, p.durationMinutes ? String(p.durationMinutes.value) : undefined],
    ['location', p.location, p.location?.value],
  ] as const;
  for (const [key, proposal, value] of simple) {
    if (!proposal || value === undefined) continue;
    next[key] = value;
    marks[key] = mark(proposal as Proposal<unknown>, value);
  }

  const s = p.source;
  const fields = [
    ['url', s.url],
    ['publisher', s.publisher],
    ['title', s.title],
    ['publishedAt', s.publishedAt],
    ['side', s.side],
    ['quote', s.quote],
  ] as const;
  if (fields.some(([, proposal]) => proposal)) {
    const sources = [...values.sources];
    let index = sources.findIndex((row) => row.url.trim() === '' || row.url === s.url?.value);
    if (index < 0) {
      sources.push(emptySource());
      index = sources.length - 1;
    }
    const row = { ...sources[index] };
    for (const [field, proposal] of fields) {
      if (!proposal) continue;
      row[field] = proposal.value;
      marks[sourceMarkKey(row.key, field)] = mark(proposal, proposal.value);
    }
    sources[index] = row;
    next.sources = sources;
  }
  return { values: next, marks };
}
