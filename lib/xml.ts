/*
 * Text for XML documents the app writes: the Atom feeds on the server, the chart's SVG in the browser.
 */

// Characters XML 1.0 forbids even escaped (control characters, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** The text without the characters XML 1.0 forbids: one of them, anywhere, makes a document unreadable. */
export function dropNonXml(text: string): string {
  return text.replace(NOT_XML, '');
}

/** Text safe inside an XML element or attribute: the five markup characters escaped, illegal ones dropped. */
export function escapeXml(text: string): string {
  return dropNonXml(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
