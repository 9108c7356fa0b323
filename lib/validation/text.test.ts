import { describe, expect, it } from 'vitest';
import { findNul, findNulInForm, isStorableText } from './text';

describe('NUL in input (PostgreSQL text cannot hold it)', () => {
  it('finds it in a string, an array, a nested field and a key, and names where', () => {
    expect(isStorableText('a\u0000b')).toBe(false);
    expect(isStorableText('Lloyd Austin <script>')).toBe(true);
    expect(findNul('a\u0000')).toBe('');
    expect(findNul({ summary: 'fine', sources: [{ url: 'https://x' }, { title: 'x\u0000' }] })).toBe('sources.1.title');
    expect(findNul({ ['bad\u0000key']: 1 })).toBe('bad\u0000key');
    expect(findNul({ date: '2022-05-13', participants: ['a', 'b'], n: 1, ok: null })).toBeNull();
  });

  it('walks JSON nested ten thousand deep without overflowing the stack', () => {
    const deep = JSON.parse('[{"a":'.repeat(10_000) + '"x\\u0000"' + '}]'.repeat(10_000));
    expect(findNul(deep)).toMatch(/^0\.a\.0\.a/);
  });

  it('finds it in a form field’s name or text, not in a file’s bytes', () => {
    const form = new FormData();
    form.set('photoFile', new File([new Uint8Array([0, 0, 0])], 'p.png'));
    form.set('name', 'Lloyd Austin');
    expect(findNulInForm(form)).toBeNull();
    form.set('summary', 'held\u0000');
    expect(findNulInForm(form)).toBe('summary');
  });
});

describe('lone surrogates in input (no UTF-8 form, so PostgreSQL refuses them)', () => {
  it('refuses half a character, alone or at either end, and keeps whole ones', () => {
    for (const bad of ['\udfff', 'a\ud800', '\ud800b', 'x\udc00y', '\udc00\ud800']) {
      expect(isStorableText(bad), JSON.stringify(bad)).toBe(false);
    }
    for (const good of ['😀', 'Шойгу 习近平', 'a😀b', '']) expect(isStorableText(good), good).toBe(true);
    expect(findNul({ name: 'ok', bio: JSON.parse('"\\udfff"') })).toBe('bio');
  });
});
