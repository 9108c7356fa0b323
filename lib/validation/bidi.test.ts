import { describe, expect, it } from 'vitest';
import { closeBidi } from './bidi';
import { ZContactInput } from './contact';
import { ZOfficialInput } from './official';

const [LRE, RLE, PDF, LRO, RLO] = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E'];
const [LRI, RLI, FSI, PDI] = ['\u2066', '\u2067', '\u2068', '\u2069'];

describe('closeBidi', () => {
  it('leaves text without direction controls, and text that closes what it opens, as it is', () => {
    for (const text of [
      'Lloyd Austin',
      'سيرغي شويغو',
      '',
      `a ${RLO}evil${PDF} b`,
      `${FSI}שלום${PDI} and ${LRE}x${PDF}`,
    ]) {
      expect(closeBidi(text)).toBe(text);
    }
  });

  it('closes an override, an embedding or an isolate left open, innermost first', () => {
    expect(closeBidi(`Björk ${RLO}evil`)).toBe(`Björk ${RLO}evil${PDF}`);
    expect(closeBidi(`${RLE}a${LRO}b`)).toBe(`${RLE}a${LRO}b${PDF}${PDF}`);
    expect(closeBidi(`${RLI}a${RLO}b`)).toBe(`${RLI}a${RLO}b${PDF}${PDI}`);
    expect(closeBidi(`${RLO}a${LRI}b`)).toBe(`${RLO}a${LRI}b${PDI}${PDF}`);
  });

  it('lets a PDI close the embeddings opened inside its isolate, as the bidi algorithm does', () => {
    expect(closeBidi(`${FSI}a${RLO}b${PDI} c`)).toBe(`${FSI}a${RLO}b${PDI} c`);
  });

  it('drops closers that close nothing the text opened, so it cannot close what surrounds it', () => {
    expect(closeBidi(`${PDF}a${PDI}b`)).toBe('ab');
    expect(closeBidi(`${RLO}a${FSI}b${PDF}c`)).toBe(`${RLO}a${FSI}bc${PDI}${PDF}`);
  });

  it('is idempotent', () => {
    for (const text of [`${RLO}x`, `${PDF}${RLI}${LRE}y${PDI}${PDF}`, `${LRO}${LRO}${RLI}`]) {
      expect(closeBidi(closeBidi(text))).toBe(closeBidi(text));
    }
  });
});

describe('texts people type are stored closed', () => {
  it('closes an override left open in an official’s names and office', () => {
    const official = ZOfficialInput.parse({
      name: `Björk ${RLO}evil`,
      country: 'IS',
      otherNames: [`${RLI}x`],
      bio: `${RLO}bio`,
      positions: [{ title: `${RLO}Minister`, officeKey: 'IS:PM', organisation: `${LRO}Org`, startDate: '2020-01-01' }],
    });
    expect(official.name).toBe(`Björk ${RLO}evil${PDF}`);
    expect(official.otherNames).toEqual([`${RLI}x${PDI}`]);
    expect(official.bio).toBe(`${RLO}bio${PDF}`);
    expect(official.positions[0]).toMatchObject({ title: `${RLO}Minister${PDF}`, organisation: `${LRO}Org${PDF}` });
  });

  it('closes an override left open in a contact’s summary, location, topics and sources', () => {
    const contact = ZContactInput.parse({
      date: '2022-05-13',
      type: 'CALL',
      status: 'HELD',
      participants: ['a', 'b'],
      summary: `${RLO}summary`,
      location: `${RLO}place`,
      topics: [`${RLO}topic`],
      sources: [{ url: 'https://example.org/', title: `${RLO}title`, publisher: `${RLO}wire`, quote: `${RLO}q` }],
    });
    expect(contact).toMatchObject({
      summary: `${RLO}summary${PDF}`,
      location: `${RLO}place${PDF}`,
      topics: [`${RLO}topic${PDF}`],
      sources: [{ title: `${RLO}title${PDF}`, publisher: `${RLO}wire${PDF}`, quote: `${RLO}q${PDF}` }],
    });
  });
});
