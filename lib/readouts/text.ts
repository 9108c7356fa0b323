import type { Evidence } from './types';

/** The span [start, end) of `text` as evidence. */
export function span(text: string, start: number, end: number): Evidence {
  return { start, end, text: text.slice(start, end) };
}

/** A regex match (with the `d` flag when `group` is given) as evidence: the whole match or one group. */
export function matchSpan(text: string, match: RegExpExecArray, group = 0): Evidence {
  if (group === 0) return span(text, match.index, match.index + match[0].length);
  const indices = match.indices?.[group];
  if (!indices) throw new Error(`Group ${group} did not take part in the match`);
  return span(text, indices[0], indices[1]);
}

export type Sentence = { start: number; end: number; text: string };

// Abbreviations whose full stop does not end a sentence ("U.S. Secretary", "Gen. Milley").
const NO_BREAK =
  /\b(?:U\.S|U\.K|U\.N|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Adm|Sen|Rep|St|No|Jr|Sr|Sept?|Oct|Nov|Dec|Jan|Feb|Mar|Apr|Aug|[A-Z])\.$/;

/** The text cut into sentences and lines, each with its offsets. */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed) out.push({ start: start + lead, end: start + lead + trimmed.length, text: trimmed });
    start = end;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      push(i + 1);
    } else if ((c === '.' || c === '!' || c === '?') && /\s/.test(text[i + 1] ?? ' ')) {
      if (c === '.' && NO_BREAK.test(text.slice(Math.max(0, i - 4), i + 1))) continue;
      push(i + 1);
    }
  }
  push(text.length);
  return out;
}

/** The sentence that holds offset `at`. */
export function sentenceAt(list: Sentence[], at: number): Sentence | undefined {
  return list.find((s) => at >= s.start && at < s.end);
}

/** One character folded as names are compared: no accent, lower case. */
function foldChar(c: string): string {
  return c.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The text folded (no accents, lower case, every run of spaces or hyphens as
 * one space) with, for each folded character, its offset in the original, so
 * that a match in the folded text maps back to the phrase as written.
 */
export function foldWithOffsets(text: string): { folded: string; offsets: number[] } {
  let folded = '';
  const offsets: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (/[\s\u00a0\-‐‑]/.test(c)) {
      if (folded.endsWith(' ')) continue;
      folded += ' ';
      offsets.push(i);
      continue;
    }
    for (const f of foldChar(c)) {
      folded += f;
      offsets.push(i);
    }
  }
  offsets.push(text.length);
  return { folded, offsets };
}

/** A name folded for comparison: no accents, lower case, single spaces, hyphens as spaces. */
export function foldName(name: string): string {
  return foldWithOffsets(name.trim()).folded.trim();
}

const LETTER = /[\p{L}\p{N}]/u;

/** Every place `needle` (folded) occurs in `folded` as whole words. */
export function findWords(folded: string, needle: string): number[] {
  const hits: number[] = [];
  if (!needle) return hits;
  let from = 0;
  for (;;) {
    const at = folded.indexOf(needle, from);
    if (at < 0) return hits;
    const before = folded[at - 1];
    const after = folded[at + needle.length];
    if ((!before || !LETTER.test(before)) && (!after || !LETTER.test(after))) hits.push(at);
    from = at + 1;
  }
}

/** The words a text gives as names: capitalised Latin or Cyrillic words, folded, for the data layer's lookup. */
export function nameTokens(text: string): string[] {
  const tokens = new Set<string>();
  for (const m of text.matchAll(/\p{Lu}[\p{L}\p{M}'’]+|\p{Script=Han}{2,}/gu)) {
    const token = foldName(m[0].replace(/['’]s$/u, ''));
    if (token.length >= 2) tokens.add(token);
  }
  return [...tokens];
}
