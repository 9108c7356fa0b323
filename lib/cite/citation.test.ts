import { describe, expect, it } from 'vitest';
import { bibtexEscape, bibtexKey, buildCitation, permalinkFor } from './citation';
import { embedHtml, parsePairUrl } from './embed';
import { citePair, pairEmbedCode } from './pair';

const pair = {
  pair: { level: 'OFFICIAL' as const },
  canonical: '/pairs/officials/lloyd-austin/sergei-shoigu',
  a: { ref: 'lloyd-austin', name: 'Lloyd Austin' },
  b: { ref: 'sergei-shoigu', name: 'Sergei Shoigu' },
  dataVersion: '3f2a9c1b7e04',
};

describe('buildCitation', () => {
  const citation = citePair(pair, {
    origin: 'https://counterpart.example',
    asOf: '2022-05-13',
    accessed: '2026-12-05',
  });

  it('writes an APA-like reference dated by the day the figures stand for, with version and retrieval date', () => {
    expect(citation.apa).toBe(
      'Counterpart. (2022, May 13). Lloyd Austin – Sergei Shoigu: contacts and silences [Data set; data version ' +
        '3f2a9c1b7e04]. Retrieved December 5, 2026, from ' +
        'https://counterpart.example/pairs/officials/lloyd-austin/sergei-shoigu?asOf=2022-05-13',
    );
  });

  it('writes a BibTeX @misc entry with the permalink, access date and data version', () => {
    expect(citation.bibtex).toBe(
      [
        '@misc{counterpart-lloyd-austin-sergei-shoigu-2022-05-13,',
        '  author = {{Counterpart}},',
        '  title = {{Lloyd Austin – Sergei Shoigu: contacts and silences}},',
        '  year = {2022},',
        '  howpublished = {\\url{https://counterpart.example/pairs/officials/lloyd-austin/sergei-shoigu?asOf=2022-05-13}},',
        '  url = {https://counterpart.example/pairs/officials/lloyd-austin/sergei-shoigu?asOf=2022-05-13},',
        '  urldate = {2026-12-05},',
        '  version = {3f2a9c1b7e04},',
        '  note = {Data set as of 2022-05-13; data version 3f2a9c1b7e04; accessed 2026-12-05}',
        '}',
      ].join('\n'),
    );
    expect(citation).toMatchObject({ dataVersion: '3f2a9c1b7e04', accessed: '2026-12-05' });
  });

  it('escapes TeX’s special characters in titles and keeps braces balanced', () => {
    expect(bibtexEscape('R&D 50% $x #1 a_b {c} ~ ^ \\')).toBe(
      'R\\&D 50\\% \\$x \\#1 a\\_b \\{c\\} \\textasciitilde{} \\textasciicircum{} \\textbackslash{}',
    );
    const { bibtex } = buildCitation({
      title: 'US & RU {talks}',
      permalink: 'https://x.example/p?asOf=2022-01-01',
      asOf: '2022-01-01',
      accessed: '2022-01-02',
      dataVersion: 'abc',
      keyParts: ['US:SECDEF', 'RU:MINDEF'],
    });
    expect(bibtex).toContain('title = {{US \\& RU \\{talks\\}}}');
    const depth = [...bibtex.replace(/\\[{}]/g, '')].reduce((d, ch) => d + (ch === '{' ? 1 : ch === '}' ? -1 : 0), 0);
    expect(depth).toBe(0);
  });

  it('makes keys of plain ASCII, whatever the refs are written in', () => {
    expect(bibtexKey(['US:SECDEF', 'RU:MINDEF'], '2022-05-13')).toBe('counterpart-us-secdef-ru-mindef-2022-05-13');
    expect(bibtexKey(['josé-álvarez', 'шойгу'], '2022-05-13')).toBe('counterpart-jose-alvarez-2022-05-13');
  });

  it('makes the permalink of a page address, dropping its own query and hash', () => {
    expect(permalinkFor('http://localhost:3000', '/pairs/countries/US/RU?before=x#t', '2022-05-13')).toBe(
      'http://localhost:3000/pairs/countries/US/RU?asOf=2022-05-13',
    );
  });
});

describe('embed code', () => {
  it('frames the embed page, live or as of a day, with the escaped title and the size asked for', () => {
    expect(pairEmbedCode(pair, { origin: 'https://c.example', asOf: null })).toBe(
      '<iframe src="https://c.example/embed/pairs/officials/lloyd-austin/sergei-shoigu" width="600" height="400" ' +
        'title="Gap chart: Lloyd Austin – Sergei Shoigu" style="border:0;max-width:100%" loading="lazy" ' +
        'referrerpolicy="strict-origin-when-cross-origin"></iframe>',
    );
    expect(pairEmbedCode(pair, { origin: 'https://c.example', asOf: '2022-05-13', width: 320, height: 240 })).toMatch(
      /src="https:\/\/c\.example\/embed\/pairs\/officials\/lloyd-austin\/sergei-shoigu\?asOf=2022-05-13" width="320" height="240"/,
    );
    expect(embedHtml({ src: 'https://x/"><script>', title: '<b>"x"</b>', width: 1, height: 1 })).toBe(
      '<iframe src="https://x/&quot;&gt;&lt;script&gt;" width="1" height="1" title="&lt;b&gt;&quot;x&quot;&lt;/b&gt;" ' +
        'style="border:0;max-width:100%" loading="lazy" referrerpolicy="strict-origin-when-cross-origin"></iframe>',
    );
  });
});

describe('parsePairUrl', () => {
  const origin = 'http://localhost:3000';
  it('reads pair pages and their embeds on this site, with asOf', () => {
    expect(parsePairUrl('http://localhost:3000/pairs/offices/US%3ASECDEF/RU%3AMINDEF?asOf=2022-05-13', origin)).toEqual(
      {
        level: 'OFFICE',
        a: 'US:SECDEF',
        b: 'RU:MINDEF',
        asOf: '2022-05-13',
      },
    );
    expect(parsePairUrl('/embed/pairs/countries/US/RU', origin)).toEqual({
      level: 'COUNTRY',
      a: 'US',
      b: 'RU',
      asOf: null,
    });
  });

  it('refuses other sites, other pages and malformed addresses', () => {
    for (const url of [
      'https://elsewhere.example/pairs/countries/US/RU',
      'http://localhost:3001/pairs/countries/US/RU',
      'http://localhost:3000/officials/sergei-shoigu',
      'http://localhost:3000/pairs/planets/US/RU',
      'http://localhost:3000/pairs/countries/US',
      'http://localhost:3000/pairs/countries/US/RU/extra',
      'http://localhost:3000/pairs/countries/%E0%A4%A/RU',
      'http://[::1',
    ]) {
      expect(parsePairUrl(url, origin), url).toBeNull();
    }
  });
});
