import { roleOfTitle } from './roles';
import { span, type Sentence } from './text';
import type { DirectoryOfficial, Evidence, Mention, Proposal, ProposedParticipant } from './types';

/*
 * From mentions to participants: a name is matched by its spellings, a title
 * by the position its country's office holder held that day. The participants
 * are the people of the sentence that reports the contact; others the readout
 * names in passing are added only to reach a second country.
 */

/** The position an official held on `date` (or holds now when the date is unknown). */
export function positionOn(official: DirectoryOfficial, date: string | null) {
  return official.positions.find((p) =>
    date ? p.startDate <= date && (p.endDate === null || p.endDate >= date) : p.endDate === null,
  );
}

/** Who held the office a title names, in its country, on `date`. */
export function holderOf(mention: Mention, officials: DirectoryOfficial[], date: string | null) {
  const holders = officials.filter(
    (o) =>
      o.country === mention.country &&
      o.positions.some(
        (p) =>
          roleOfTitle(p.title) === mention.role &&
          (date ? p.startDate <= date && (p.endDate === null || p.endDate >= date) : p.endDate === null),
      ),
  );
  return holders.length === 1 ? holders[0] : null;
}

/** The role of the first person found from another country than `country`, on `date`. */
function counterpartRole(resolved: Resolved[], country: string, date: string | null) {
  for (const r of resolved) {
    if (r.official.country === country) continue;
    const position = positionOn(r.official, date);
    const role = position ? roleOfTitle(position.title) : null;
    if (role) return role;
  }
  return null;
}

type Resolved = { official: DirectoryOfficial; evidence: Evidence; matchedBy: 'name' | 'title'; confidence: number };

/**
 * Each mention as an official, or as unmatched. A title directly followed by a
 * name is one mention ("Russian Minister of Defense Sergei Shoigu"); when that
 * name is unknown, the title is not guessed from positions either.
 */
export function resolveMentions(options: {
  text: string;
  names: Mention[];
  titles: Mention[];
  officials: DirectoryOfficial[];
  date: string | null;
}): { resolved: Resolved[]; unmatched: Evidence[] } {
  const { text, names, titles, officials, date } = options;
  const byId = new Map(officials.map((o) => [o.id, o]));
  const resolved: Resolved[] = [];
  const unmatched: Evidence[] = [];

  for (const name of names) {
    const candidates = (name.officialIds ?? []).map((id) => byId.get(id)!).filter(Boolean);
    const inOffice = candidates.filter((o) => positionOn(o, date) || o.positions.length === 0);
    const pool = inOffice.length > 0 ? inOffice : candidates;
    if (pool.length === 0) continue;
    const full = name.evidence.text.includes(' ') || !/^\p{Lu}\p{Ll}/u.test(name.evidence.text);
    resolved.push({
      official: pool[0],
      evidence: name.evidence,
      matchedBy: 'name',
      confidence: pool.length > 1 ? 0.4 : full ? 0.95 : 0.85,
    });
  }

  // Counterparts last: their role is the one of someone already found.
  const ordered = [...titles.filter((t) => !t.counterpart), ...titles.filter((t) => t.counterpart)];
  for (const title of ordered) {
    const after = text.slice(title.evidence.end, title.evidence.end + 80);
    const gap = /^[\s,]*(?:(?:General|Admiral|Colonel General|General of the Army|Army General|Gen\.|Adm\.)\s+)*/.exec(
      after,
    )![0];
    const nameStart = title.evidence.end + gap.length;
    const named = resolved.find(
      (r) =>
        r.evidence.start === nameStart || (r.evidence.start >= title.evidence.end && r.evidence.start <= nameStart + 2),
    );
    if (named) {
      // The title only widens the phrase the name was found in.
      named.evidence = span(text, title.evidence.start, named.evidence.end);
      continue;
    }
    const unknownName = /^\p{Lu}[\p{L}.'’-]+\s+\p{Lu}[\p{L}'’-]+/u.exec(text.slice(nameStart));
    if (unknownName && !/^(?:On|In|At|The|And|During|Of)\b/.test(unknownName[0])) {
      unmatched.push(span(text, title.evidence.start, nameStart + unknownName[0].length));
      continue;
    }
    const role = title.counterpart ? counterpartRole(resolved, title.country!, date) : title.role;
    const holder = role ? holderOf({ ...title, role }, officials, date) : null;
    if (holder) {
      resolved.push({
        official: holder,
        evidence: title.evidence,
        matchedBy: 'title',
        confidence: title.home ? 0.6 : date ? 0.8 : 0.5,
      });
    } else {
      unmatched.push(title.evidence);
    }
  }
  resolved.sort((a, b) => a.evidence.start - b.evidence.start);
  return { resolved, unmatched };
}

/**
 * The participants: everyone named in the lead sentence (the one reporting the
 * contact) and in the sentence that says it was refused or sought, then, while fewer than two countries take part, the first person
 * of each further country named anywhere (with less confidence).
 */
export function chooseParticipants(options: {
  resolved: Resolved[];
  lead: Sentence | undefined;
  /** Further sentences that report the contact, such as the one saying it was refused. */
  also?: Sentence[];
  date: string | null;
}): Proposal<ProposedParticipant>[] {
  const { resolved, lead, date } = options;
  const reporting = [lead, ...(options.also ?? [])].filter((s): s is Sentence => Boolean(s));
  const out: Proposal<ProposedParticipant>[] = [];
  const seen = new Set<string>();
  const add = (r: Resolved, confidence: number) => {
    if (seen.has(r.official.id)) return;
    seen.add(r.official.id);
    const position = positionOn(r.official, date);
    out.push({
      value: {
        id: r.official.id,
        slug: r.official.slug,
        name: r.official.name,
        country: r.official.country,
        title: position?.title ?? null,
        matchedBy: r.matchedBy,
      },
      confidence,
      evidence: r.evidence,
    });
  };
  const inLead = (r: Resolved) => reporting.some((s) => r.evidence.start >= s.start && r.evidence.start < s.end);
  for (const r of resolved) if (inLead(r)) add(r, r.confidence);
  const countries = () => new Set(out.map((p) => p.value.country));
  for (const r of resolved) {
    if (countries().size >= 2) break;
    if (!countries().has(r.official.country)) add(r, Math.min(r.confidence, lead ? 0.5 : 0.6));
  }
  return out;
}
