import { describe, expect, it } from 'vitest';
import { dropNonXml, escapeXml } from './xml';

describe('dropNonXml', () => {
  it('drops control characters, lone surrogates and non-characters, and nothing else', () => {
    expect(dropNonXml('a\u0000b\u0007c\u000bd\uffffe\ud800f\udc00g')).toBe('abcdefg');
    expect(dropNonXml('<text x="1">tab\there\r\nШойгу 😀 \u202Eevil\u202C</text>')).toBe(
      '<text x="1">tab\there\r\nШойгу 😀 \u202Eevil\u202C</text>',
    );
  });

  it('leaves markup alone: it is for a serialised document, whose markup is its own', () => {
    expect(dropNonXml('<a href="x">\u0007</a>')).toBe('<a href="x"></a>');
  });
});

describe('escapeXml', () => {
  it('escapes the five markup characters after dropping what XML cannot hold', () => {
    expect(escapeXml('<b>\u0007"Tom" & \'Jerry\'</b>')).toBe(
      '&lt;b&gt;&quot;Tom&quot; &amp; &apos;Jerry&apos;&lt;/b&gt;',
    );
  });
});
