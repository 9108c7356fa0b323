/*
 * PostgreSQL's text cannot hold the NUL character (U+0000), nor a lone UTF-16 surrogate (half of a
 * character, which JSON's `\udfff` can spell and which has no UTF-8 form): a string carrying one is
 * refused by the database with an error, which would reach the user as a 500. Input is checked for both
 * where it comes in (a JSON body, a form, a path or query parameter), and refused with a message that says
 * what to fix.
 */

export const NUL_MESSAGE =
  'Remove the NUL character (\\u0000) or the unpaired surrogate (\\ud800–\\udfff): text cannot contain them';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when `text` can be stored: it holds no NUL and no lone surrogate. */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/**
 * Where the first string holding a NUL is in a parsed JSON value or a list of form entries (`sources.0.url`,
 * `""` for the value itself), or null when there is none. Keys count too. Walks without recursion: a
 * body may nest ten thousand levels deep.
 */
export function findNul(value: unknown): string | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length > 0) {
    const [item, path] = stack.pop()!;
    if (typeof item === 'string') {
      if (!isStorableText(item)) return path;
    } else if (Array.isArray(item)) {
      item.forEach((child, i) => stack.push([child, path ? `${path}.${i}` : String(i)]));
    } else if (typeof item === 'object' && item !== null) {
      for (const [key, child] of Object.entries(item)) {
        const at = path ? `${path}.${key}` : key;
        if (!isStorableText(key)) return at;
        stack.push([child, at]);
      }
    }
  }
  return null;
}

/** The name of the first form field whose name or text holds a NUL, or null. Files are bytes, not text. */
export function findNulInForm(form: FormData): string | null {
  for (const [key, value] of form.entries()) {
    if (!isStorableText(key) || (typeof value === 'string' && !isStorableText(value))) return key;
  }
  return null;
}
