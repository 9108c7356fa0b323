import { countryOfWord, countryWordsSource } from './roles';
import { span } from './text';
import type { Evidence, Proposal, ProposedParticipant } from './types';

/*
 * Who sought the contact: "at the request of the Russian side", "at Austin's
 * request", "at the initiative of the American side", "X called Y", "a call
 * from X". The phrase gives a region of text; the participant named (or whose
 * country or capital is named) there is the initiator.
 */

const CAPITALS: Record<string, string> = {
  washington: 'US',
  moscow: 'RU',
  beijing: 'CN',
  london: 'GB',
  kyiv: 'UA',
  kiev: 'UA',
  paris: 'FR',
  berlin: 'DE',
  ankara: 'TR',
  tokyo: 'JP',
  'new delhi': 'IN',
  seoul: 'KR',
  pentagon: 'US',
  kremlin: 'RU',
  'white house': 'US',
};

type Phrase = { evidence: Evidence; region: Evidence; confidence: number };

/** The phrases that name who sought the contact, each with the region of text that names them. */
export function findInitiatorPhrases(text: string): Phrase[] {
  const out: Phrase[] = [];
  const add = (m: RegExpExecArray, group: number, confidence: number) => {
    const [start, end] = m.indices![group];
    out.push({ evidence: span(text, m.index, m.index + m[0].length), region: span(text, start, end), confidence });
  };
  for (const m of text.matchAll(
    /\b(?:at|upon|on|following) (?:the )?(?:request|initiative|invitation|call) of (?:the )?((?:U\.S\.|U\.K\.|[^,.;:]){1,80}?)(?=[,.;:]|\s+(?:and|to|on|in|with|for|held|had|spoke|met)\b|$)/dgi,
  )) {
    add(m, 1, 0.85);
  }
  for (const m of text.matchAll(
    /\b(?:at|upon|on) (?:the )?((?:[\p{Lu}][\p{L}.-]*\s?){1,4}|(?:\p{L}+\s){0,3}side)['’]s? (?:request|initiative|invitation)\b/dgiu,
  )) {
    add(m, 1, 0.85);
  }
  for (const m of text.matchAll(
    /\b(?:initiated|requested|proposed|sought) by (?:the )?((?:U\.S\.|U\.K\.|[^,.;:]){1,60}?)(?=[,.;:]|\s+(?:and|to|on|in)\b|$)/dgi,
  )) {
    add(m, 1, 0.8);
  }
  for (const m of text.matchAll(
    /\b(?:received|took) (?:a |an )?(?:\w+ )?(?:phone |telephone )?call from (?:the )?((?:U\.S\.|U\.K\.|[^,.;:]){1,80}?)(?=[,.;:]|\s+(?:and|to|on|in|who)\b|$)/dgi,
  )) {
    add(m, 1, 0.8);
  }
  // "spoke ... on the phone at request": Chinese readouts' way of saying the other side asked.
  for (const m of text.matchAll(/\b(?:at|upon|on) (request|invitation)\b(?!\s+of)/dgi)) {
    add(m, 1, 0.6);
  }
  for (const m of text.matchAll(/\b((?:our|my)) (?:request|invitation|proposal)\b/dgi)) {
    add(m, 1, 0.8);
  }
  // "The Russian side initiated the conversation."
  for (const m of text.matchAll(
    /\b(?:the )?((?:[\p{L}.]+\s){0,3}side|[\p{Lu}][\p{L}.]+)\s+(?:initiated|requested|proposed|asked for) (?:the|a|this) (?:\w+ )?(?:call|conversation|meeting|talks)\b/dgiu,
  )) {
    add(m, 1, 0.75);
  }
  // "turned down Washington's request for a call", "declined Austin's invitation to meet".
  for (const m of text.matchAll(
    /((?:[\p{Lu}][\p{L}.-]*\s){0,3}[\p{Lu}][\p{L}.-]*)['’]s? (?:request|invitation|proposal|offer) (?:for (?:a |an )?(?:\w+ )?(?:call|meeting|conversation|talks)|to (?:meet|speak|talk|hold))\b/dgu,
  )) {
    add(m, 1, 0.75);
  }
  // "Secretary Austin called Minister Shoigu": the caller is before the verb.
  for (const m of text.matchAll(
    /((?:[\p{Lu}][\p{L}.'’-]*\s){0,5}[\p{Lu}][\p{L}'’-]+)\s+(?:called|phoned|telephoned|placed a call to|made a (?:phone )?call to)\b/dgu,
  )) {
    add(m, 1, 0.7);
  }
  return out.sort((a, b) => a.evidence.start - b.evidence.start);
}

let countryRegex: RegExp | undefined;

/** The countries a region names by adjective, name or capital ("the American side", "Washington"). */
function countriesIn(region: string): string[] {
  countryRegex ??= new RegExp(`(?<!\\p{L})(${countryWordsSource()})(?!\\p{L})`, 'gu');
  const codes = new Set<string>();
  for (const m of region.matchAll(countryRegex)) {
    const code = countryOfWord(m[1]);
    if (code) codes.add(code);
  }
  for (const [word, code] of Object.entries(CAPITALS)) {
    if (new RegExp(`\\b${word}\\b`, 'i').test(region)) codes.add(code);
  }
  return [...codes];
}

/**
 * The initiator among the proposed participants: the one whose name (the
 * phrase a participant was found by, or its last word) appears in an
 * initiator phrase's region, else the only participant of the country it names.
 */
export function proposeInitiator(
  text: string,
  participants: { value: ProposedParticipant; evidence: Evidence | null }[],
  homeCountry: string | null = null,
): Proposal<{ id: string; name: string }> | null {
  const byCountry = (code: string | null, phrase: Phrase, less: number) => {
    const ofCountry = participants.filter((p) => p.value.country === code);
    if (ofCountry.length !== 1) return null;
    return {
      value: { id: ofCountry[0].value.id, name: ofCountry[0].value.name },
      confidence: phrase.confidence - less,
      evidence: phrase.evidence,
    };
  };
  for (const phrase of findInitiatorPhrases(text)) {
    const { region } = phrase;
    // "at the latter's request": the second person named in the sentence, "the former" the first.
    const order = /\b(latter|former)\b/i.exec(region.text);
    if (order) {
      const inOrder = participants.filter((p) => p.evidence && p.evidence.start < region.start);
      const pick = order[1].toLowerCase() === 'latter' ? inOrder[inOrder.length - 1] : inOrder[0];
      if (pick && inOrder.length >= 2) {
        return {
          value: { id: pick.value.id, name: pick.value.name },
          confidence: phrase.confidence - 0.1,
          evidence: phrase.evidence,
        };
      }
    }
    // A bare "at request": the side other than the publisher's.
    if (/^(?:request|invitation)$/i.test(region.text) && homeCountry) {
      const others = participants.filter((p) => p.value.country !== homeCountry);
      if (others.length === 1 && others.length < participants.length) {
        return {
          value: { id: others[0].value.id, name: others[0].value.name },
          confidence: phrase.confidence,
          evidence: phrase.evidence,
        };
      }
      continue;
    }
    // "our request", "our invitation": the publisher's side.
    if (/^(?:our|my)\b/i.test(region.text)) {
      const home = byCountry(homeCountry, phrase, 0.15);
      if (home) return home;
    }
    const named = participants.find((p) => {
      if (p.evidence && p.evidence.start < region.end && p.evidence.end > region.start) return true;
      const surname = p.value.name.split(' ').pop()!;
      const first = p.value.name.split(' ')[0];
      return new RegExp(`\\b(?:${escape(surname)}|${escape(first)})\\b`, 'i').test(region.text);
    });
    if (named) {
      return {
        value: { id: named.value.id, name: named.value.name },
        confidence: phrase.confidence,
        evidence: phrase.evidence,
      };
    }
    for (const code of countriesIn(region.text)) {
      const found = byCountry(code, phrase, 0.1);
      if (found) return found;
    }
  }
  return null;
}

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
