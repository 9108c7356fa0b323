import type { Role } from './types';

/*
 * The vocabulary of titles and countries readouts use, shared by the title
 * finder (the text) and by the matching of recorded position titles (the
 * data), so that "the Russian Minister of Defense" and a position titled
 * "Minister of Defence" meet on one role.
 */

/** Country adjectives and names as readouts write them, by ISO code. */
export const COUNTRY_WORDS: Record<string, string[]> = {
  US: ['U.S.', 'US', 'American', 'United States', 'United States of America', 'USA'],
  RU: ['Russian', 'Russia', 'Russian Federation'],
  CN: ['Chinese', 'China', "People's Republic of China", 'PRC'],
  GB: ['British', 'UK', 'U.K.', 'United Kingdom', 'Britain', 'Great Britain'],
  UA: ['Ukrainian', 'Ukraine'],
  FR: ['French', 'France'],
  DE: ['German', 'Germany'],
  TR: ['Turkish', 'Turkey', 'Türkiye'],
  IN: ['Indian', 'India'],
  JP: ['Japanese', 'Japan'],
  KR: ['South Korean', 'Korean', 'Republic of Korea'],
  IL: ['Israeli', 'Israel'],
  IR: ['Iranian', 'Iran'],
  PL: ['Polish', 'Poland'],
  IT: ['Italian', 'Italy'],
  CA: ['Canadian', 'Canada'],
  AU: ['Australian', 'Australia'],
  BY: ['Belarusian', 'Belarus'],
  KP: ['North Korean', 'DPRK'],
};

/** Each role's phrases, as regex sources, longest first where one contains another. */
export const ROLE_PATTERNS: Record<Role, string> = {
  'defence-minister':
    '(?:minister of (?:national )?defen[cs]e|defen[cs]e minister|secretary of (?:state for )?defen[cs]e|defen[cs]e secretary|secretary of war|head of the (?:defen[cs]e ministry|ministry of defen[cs]e)|defen[cs]e chief)',
  'foreign-minister':
    '(?:minister of foreign affairs|foreign minister|foreign secretary|secretary of state(?! for)|top diplomat)',
  'head-of-state': '(?:(?<!vice )president)',
  'head-of-government': '(?:prime minister|premier|chancellor)',
  'chief-of-general-staff': '(?:chief of (?:the )?general staff)',
  'armed-forces-chief':
    '(?:chairman of the joint chiefs of staff|chief of the defen[cs]e staff|commander-in-chief of the armed forces)',
  'security-adviser': '(?:national security advis[eo]r|secretary of the security council)',
};

/** Phrases that name a role and a country at once. */
export const FIXED_TITLES: { pattern: string; country: string; role: Role }[] = [
  { pattern: '(?:head of the pentagon|pentagon chief|pentagon head)', country: 'US', role: 'defence-minister' },
  { pattern: '(?:us|u\\.s\\.) defen[cs]e chief', country: 'US', role: 'defence-minister' },
];

const ROLE_ORDER = Object.keys(ROLE_PATTERNS) as Role[];

/** The role a recorded position title holds, e.g. "Minister of Defence" → defence-minister. */
export function roleOfTitle(title: string): Role | null {
  for (const role of ROLE_ORDER) {
    if (new RegExp(`\\b${ROLE_PATTERNS[role]}\\b`, 'i').test(title)) return role;
  }
  return null;
}

/** The regex source matching any country word, longest first, with its words escaped. */
export function countryWordsSource(): string {
  return Object.values(COUNTRY_WORDS)
    .flat()
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]"))
    .join('|');
}

/** The ISO code of a country word as written ("Russian" → RU), or null. */
export function countryOfWord(word: string): string | null {
  const w = word.replace(/’/g, "'").toLowerCase();
  for (const [code, words] of Object.entries(COUNTRY_WORDS)) {
    if (words.some((x) => x.toLowerCase() === w)) return code;
  }
  return null;
}
