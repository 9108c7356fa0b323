/*
 * Right-to-left names (Arabic, Hebrew, Persian) may carry the Unicode controls that set a direction: the
 * embeddings and overrides LRE, RLE, LRO, RLO (closed by PDF) and the isolates LRI, RLI, FSI (closed by PDI).
 * One left open does not stop where the name ends: it runs on through everything the page, the chart or
 * the feed reader shows after the name in the same paragraph, so "Björk <RLO>evil and Inês last spoke"
 * reads "Björk sênI dna live" on screen. Every text is closed where it ends, as an HTML <bdi> would
 * close it, whatever shows it, and a closer that closes nothing of the text's own is dropped, so that
 * no text closes what its surroundings opened.
 */

const OPENS_EMBEDDING = new Set(['\u202A', '\u202B', '\u202D', '\u202E']);
const OPENS_ISOLATE = new Set(['\u2066', '\u2067', '\u2068']);
const CLOSES_EMBEDDING = '\u202C';
const CLOSES_ISOLATE = '\u2069';
const CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/** The text with each direction control it leaves open closed at its end, and stray closers dropped. */
export function closeBidi(text: string): string {
  if (!CONTROLS.test(text)) return text;
  // What is open, innermost last: an embedding (or override) or an isolate. A PDI closes its isolate and every
  // embedding opened inside it; a PDF closes only an embedding opened inside the innermost open isolate.
  const open: ('embedding' | 'isolate')[] = [];
  let kept = '';
  for (const char of text) {
    if (OPENS_EMBEDDING.has(char)) {
      open.push('embedding');
    } else if (OPENS_ISOLATE.has(char)) {
      open.push('isolate');
    } else if (char === CLOSES_EMBEDDING) {
      if (open.at(-1) !== 'embedding') continue;
      open.pop();
    } else if (char === CLOSES_ISOLATE) {
      if (!open.includes('isolate')) continue;
      while (open.pop() !== 'isolate');
    }
    kept += char;
  }
  return (
    kept +
    open
      .reverse()
      .map((kind) => (kind === 'isolate' ? CLOSES_ISOLATE : CLOSES_EMBEDDING))
      .join('')
  );
}
