import { matchSpan } from './text';
import type { Proposal } from './types';

/* How long the contact lasted, in minutes: "about an hour" → 60, "a 90-minute call" → 90. */

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  'forty-five': 45,
  fifty: 50,
  sixty: 60,
  ninety: 90,
};

const HEDGE =
  '(?:about|around|approximately|roughly|some|nearly|almost|over|more than|just over|just under|less than|under|some|for)';
const NUM =
  '(\\d+(?:\\.\\d+)?|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty(?:-five)?|fifty|sixty|ninety)';

const PATTERNS: { regex: RegExp; minutes: (m: RegExpExecArray) => number | null }[] = [
  // "an hour and a half", "two and a half hours"
  {
    regex: new RegExp(
      `(?:${HEDGE}\\s+)*\\b${NUM}(?:\\s+and\\s+a\\s+half)?[\\s-]+hours?(?:\\s+and\\s+(?:a\\s+half|${NUM}\\s+minutes?))?(?:[\\s-]+long)?\\b`,
      'i',
    ),
    minutes: (m) => {
      const hours = toNumber(m[1]);
      if (hours === null) return null;
      const half = /and\s+a\s+half/i.test(m[0]) ? 30 : 0;
      const extra = m[2] ? (toNumber(m[2]) ?? 0) : 0;
      return Math.round(hours * 60) + half + extra;
    },
  },
  { regex: /\bhalf(?:\s+an|-an)?[\s-]+hour\b/i, minutes: () => 30 },
  {
    regex: new RegExp(`(?:${HEDGE}\\s+)*\\b${NUM}[\\s-]+minutes?(?:[\\s-]+long)?\\b`, 'i'),
    minutes: (m) => toNumber(m[1]),
  },
  { regex: /\bhour[\s-]long\b/i, minutes: () => 60 },
];

function toNumber(word: string): number | null {
  if (/^\d/.test(word)) return Number(word);
  return NUMBER_WORDS[word.toLowerCase()] ?? null;
}

/** The duration a readout gives, if any; hedged figures ("about", "over") are less certain. */
export function proposeDuration(text: string): Proposal<number> | null {
  let best: { match: RegExpExecArray; minutes: number } | null = null;
  for (const { regex, minutes } of PATTERNS) {
    const match = regex.exec(text);
    if (!match) continue;
    const value = minutes(match);
    if (value === null || value <= 0 || value > 600) continue;
    if (!best || match.index < best.match.index) best = { match, minutes: value };
  }
  if (!best) return null;
  // Durations of other things ("a 30-minute drive", "hours of shelling") are rare in readouts, but a bare "hours" is not one.
  const hedged = new RegExp(`^${HEDGE}`, 'i').test(best.match[0]);
  return { value: best.minutes, confidence: hedged ? 0.75 : 0.85, evidence: matchSpan(text, best.match) };
}
