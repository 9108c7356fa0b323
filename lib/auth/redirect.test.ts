import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './redirect';

describe('safeReturnPath', () => {
  it('keeps a path on this site, with its query and fragment', () => {
    expect(safeReturnPath('/contacts/new?x=1')).toBe('/contacts/new?x=1');
    expect(safeReturnPath('/pairs/countries/US/RU#timeline')).toBe('/pairs/countries/US/RU#timeline');
  });

  it.each([
    undefined,
    null,
    '',
    'contacts',
    'https://evil.example/',
    'https:evil.example',
    'http:/evil.example',
    'javascript:alert(1)',
    '//evil.example/',
    '///evil.example/',
    // Browsers read a backslash as a slash.
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    // Browsers drop tabs and newlines inside a URL: `/%09/evil.example` arrives decoded.
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r/evil.example',
    '/\r\n/evil.example',
    '\t//evil.example',
    ' //evil.example',
    // A dot segment that collapses into `//`.
    '/.//evil.example',
  ])('sends %j home', (next) => {
    expect(safeReturnPath(next)).toBe('/');
  });

  it('keeps encoded slashes and tabs encoded: they stay a path on this site', () => {
    expect(safeReturnPath('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
    expect(safeReturnPath('/%09/evil.example')).toBe('/%09/evil.example');
    expect(safeReturnPath('/%5Cevil.example')).toBe('/%5Cevil.example');
  });

  it('what it keeps resolves to this site in a browser too', () => {
    const origin = 'https://counterpart.example.org';
    for (const next of ['/account', '/%2F%2Fevil.example', '/a/../b?next=//evil.example', '/x\ty']) {
      expect(new URL(safeReturnPath(next), origin).origin).toBe(origin);
    }
  });

  it('takes the first of repeated parameters', () => {
    expect(safeReturnPath(['/a', '/b'])).toBe('/a');
    expect(safeReturnPath(['//evil.example', '/b'])).toBe('/');
  });
});
