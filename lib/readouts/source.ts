import { span, type Sentence } from './text';
import type { Proposal, ProposedSource } from './types';

/*
 * The source: the URL given (or one found in the text), its publisher read
 * from the domain, whose account it is, the headline as title, and the
 * sentence that reports the contact as the verbatim quote.
 */

/** Publishers by domain (a subdomain matches its parent), and the side their readouts speak for. */
const PUBLISHERS: { domain: string; publisher: string; side: string; country?: string }[] = [
  { domain: 'defense.gov', publisher: 'US Department of Defense', side: 'US readout', country: 'US' },
  { domain: 'war.gov', publisher: 'US Department of Defense', side: 'US readout', country: 'US' },
  { domain: 'jcs.mil', publisher: 'US Joint Chiefs of Staff', side: 'US readout', country: 'US' },
  { domain: 'state.gov', publisher: 'US Department of State', side: 'US readout', country: 'US' },
  { domain: 'whitehouse.gov', publisher: 'The White House', side: 'US readout', country: 'US' },
  {
    domain: 'mil.ru',
    publisher: 'Ministry of Defence of the Russian Federation',
    side: 'Russian readout',
    country: 'RU',
  },
  { domain: 'kremlin.ru', publisher: 'President of Russia', side: 'Russian readout', country: 'RU' },
  {
    domain: 'mid.ru',
    publisher: 'Ministry of Foreign Affairs of the Russian Federation',
    side: 'Russian readout',
    country: 'RU',
  },
  {
    domain: 'government.ru',
    publisher: 'Government of the Russian Federation',
    side: 'Russian readout',
    country: 'RU',
  },
  { domain: 'tass.com', publisher: 'TASS', side: 'Russian state media', country: 'RU' },
  { domain: 'tass.ru', publisher: 'TASS', side: 'Russian state media', country: 'RU' },
  { domain: 'ria.ru', publisher: 'RIA Novosti', side: 'Russian state media', country: 'RU' },
  {
    domain: 'mod.gov.cn',
    publisher: 'Ministry of National Defense of the PRC',
    side: 'Chinese readout',
    country: 'CN',
  },
  {
    domain: 'fmprc.gov.cn',
    publisher: 'Ministry of Foreign Affairs of the PRC',
    side: 'Chinese readout',
    country: 'CN',
  },
  { domain: 'mfa.gov.cn', publisher: 'Ministry of Foreign Affairs of the PRC', side: 'Chinese readout', country: 'CN' },
  { domain: 'gov.cn', publisher: 'Government of the PRC', side: 'Chinese readout', country: 'CN' },
  { domain: 'xinhuanet.com', publisher: 'Xinhua', side: 'Chinese state media', country: 'CN' },
  { domain: 'news.cn', publisher: 'Xinhua', side: 'Chinese state media', country: 'CN' },
  { domain: 'chinadaily.com.cn', publisher: 'China Daily', side: 'Chinese state media', country: 'CN' },
  { domain: 'globaltimes.cn', publisher: 'Global Times', side: 'Chinese state media', country: 'CN' },
  { domain: 'gov.uk', publisher: 'UK Government', side: 'British readout', country: 'GB' },
  { domain: 'mod.gov.ua', publisher: 'Ministry of Defence of Ukraine', side: 'Ukrainian readout', country: 'UA' },
  { domain: 'mil.gov.ua', publisher: 'Ministry of Defence of Ukraine', side: 'Ukrainian readout', country: 'UA' },
  { domain: 'president.gov.ua', publisher: 'President of Ukraine', side: 'Ukrainian readout', country: 'UA' },
  {
    domain: 'mfa.gov.ua',
    publisher: 'Ministry of Foreign Affairs of Ukraine',
    side: 'Ukrainian readout',
    country: 'UA',
  },
  { domain: 'elysee.fr', publisher: 'Élysée', side: 'French readout', country: 'FR' },
  { domain: 'bundesregierung.de', publisher: 'German Federal Government', side: 'German readout', country: 'DE' },
  { domain: 'nato.int', publisher: 'NATO', side: 'NATO statement' },
  { domain: 'reuters.com', publisher: 'Reuters', side: 'Press report' },
  { domain: 'apnews.com', publisher: 'Associated Press', side: 'Press report' },
  { domain: 'bbc.co.uk', publisher: 'BBC', side: 'Press report' },
  { domain: 'bbc.com', publisher: 'BBC', side: 'Press report' },
  { domain: 'nytimes.com', publisher: 'The New York Times', side: 'Press report' },
  { domain: 'washingtonpost.com', publisher: 'The Washington Post', side: 'Press report' },
  { domain: 'thehill.com', publisher: 'The Hill', side: 'Press report' },
  { domain: 'politico.com', publisher: 'Politico', side: 'Press report' },
  { domain: 'cnn.com', publisher: 'CNN', side: 'Press report' },
  { domain: 'ft.com', publisher: 'Financial Times', side: 'Press report' },
];

/** The host of a URL without "www.", or null when it is not an http(s) URL. */
export function hostOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return parsed.hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** The publisher, side and (for a government) country of a URL's domain; an unknown domain is its own publisher. */
export function publisherOf(
  url: string,
): { publisher: string; side: string | null; country: string | null; known: boolean } | null {
  const host = hostOf(url);
  if (!host) return null;
  const entry = PUBLISHERS.find((p) => host === p.domain || host.endsWith(`.${p.domain}`));
  if (entry) return { publisher: entry.publisher, side: entry.side, country: entry.country ?? null, known: true };
  return { publisher: host, side: null, country: null, known: false };
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'”)]+[^\s<>"'”).,;:!?]/i;

/** The headline: a first line on its own, short and without a closing full stop. */
function headline(text: string): Proposal<string> | null {
  const newline = text.indexOf('\n');
  if (newline < 0) return null;
  const raw = text.slice(0, newline);
  const lead = raw.length - raw.trimStart().length;
  const line = raw.trim();
  if (line.length < 8 || line.length > 200 || /[.:]$/.test(line) || URL_IN_TEXT.test(line)) return null;
  return { value: line, confidence: 0.6, evidence: span(text, lead, lead + line.length) };
}

/** The source's fields from the URL, the text and the publication date. */
export function proposeSource(
  text: string,
  options: { url: string | null; publishedAt: string | null; lead: Sentence | undefined },
): ProposedSource {
  let url: Proposal<string> | null = null;
  if (options.url) {
    url = { value: options.url, confidence: 1, evidence: null, basis: 'The URL given with the readout.' };
  } else {
    const inText = URL_IN_TEXT.exec(text);
    if (inText)
      url = { value: inText[0], confidence: 0.8, evidence: span(text, inText.index, inText.index + inText[0].length) };
  }
  const from = url ? publisherOf(url.value) : null;
  const basis = from ? `Read from the domain ${hostOf(url!.value)}.` : undefined;
  return {
    url,
    publisher: from ? { value: from.publisher, confidence: from.known ? 0.9 : 0.4, evidence: null, basis } : null,
    side: from?.side ? { value: from.side, confidence: 0.7, evidence: null, basis } : null,
    title: headline(text),
    publishedAt: options.publishedAt
      ? { value: options.publishedAt, confidence: 1, evidence: null, basis: 'The publication date given.' }
      : null,
    quote: options.lead
      ? { value: options.lead.text, confidence: 0.8, evidence: span(text, options.lead.start, options.lead.end) }
      : null,
  };
}
