import { describe, expect, it } from 'vitest';
import { safeReturnPath } from './redirect';

describe('safeReturnPath', () => {
  it('keeps a path on this site, with its query', () => {
    expect(safeReturnPath('/contacts/new?x=1')).toBe('/contacts/new?x=1');
  });

  it.each([undefined, null, '', 'https://evil.example/', '//evil.example/', '/\\evil.example', 'contacts'])(
    'sends %s home',
    (next) => {
      expect(safeReturnPath(next)).toBe('/');
    },
  );

  it('takes the first of repeated parameters', () => {
    expect(safeReturnPath(['/a', '/b'])).toBe('/a');
  });
});
