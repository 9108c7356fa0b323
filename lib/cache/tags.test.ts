import { describe, expect, it } from 'vitest';
import { foldText } from '../text-fold.mjs';
import { contactTags, pairTag, parseTagsHeader, searchTags, searchTextMatches, tagsForUrl } from './tags.mjs';

describe('pairTag', () => {
  it('sorts the sides, so both orders name one pair', () => {
    expect(pairTag('OFFICIAL', 'sergei-shoigu', 'lloyd-austin')).toBe('pair:official:lloyd-austin:sergei-shoigu');
    expect(pairTag('officials', 'lloyd-austin', 'sergei-shoigu')).toBe('pair:official:lloyd-austin:sergei-shoigu');
  });

  it('writes office keys and country codes in upper case, as stored', () => {
    expect(pairTag('offices', 'us:secdef', 'RU:MINDEF')).toBe('pair:office:RU:MINDEF:US:SECDEF');
    expect(pairTag('country', 'us', 'ru')).toBe('pair:country:RU:US');
  });

  it('refuses an unknown level', () => {
    expect(() => pairTag('planets' as never, 'a', 'b')).toThrow(/level/);
  });
});

describe('searchTextMatches', () => {
  it('matches a search page whose folded text a written text contains, and every page without one', () => {
    const texts = ['talks with sergei shoigu on ukraine', 'defence'];
    expect(searchTextMatches('search-text:shoigu', texts)).toBe(true);
    expect(searchTextMatches('search-text:ei sh', texts)).toBe(true);
    expect(searchTextMatches('search-text:defence', texts)).toBe(true);
    expect(searchTextMatches('search-text:lavrov', texts)).toBe(false);
    expect(searchTextMatches('search-text', [])).toBe(true);
    expect(searchTextMatches('search', texts)).toBe(false);
    expect(searchTextMatches('contacts', texts)).toBe(false);
  });

  it('folds the page’s text as the written texts are folded', () => {
    const [, tag] = searchTags('SHOIGU');
    expect(searchTextMatches(tag, [foldText('Sergei Shoigu')])).toBe(true);
    expect(searchTextMatches(searchTags('Sergei  shoigu')[1], [foldText('SERGEI\u00a0SHOIGU')])).toBe(true);
    expect(searchTextMatches(searchTags('cafe')[1], [foldText('Café talks')])).toBe(true);
  });
});

describe('tagsForUrl', () => {
  it.each([
    ['/', ['contacts']],
    ['/?level=offices&country=RU&page=2', ['contacts']],
    ['/search?q=shoigu', ['search', 'search-text:shoigu']],
    ['/search?q=%20Sergei%20%20SHOIGU&type=CALL', ['search', 'search-text:sergei shoigu']],
    ['/search?q=Шойгу', ['search', 'search-text']],
    ['/search?q=Caf%C3%A9', ['search', 'search-text']],
    ['/search?country=RU', ['search', 'search-text']],
    ['/search?q=%20', ['search', 'search-text']],
    ['/pairs/officials/sergei-shoigu/lloyd-austin', ['pair:official:lloyd-austin:sergei-shoigu']],
    ['/pairs/offices/US:SECDEF/RU:MINDEF?before=2022-05-13~abc', ['pair:office:RU:MINDEF:US:SECDEF']],
    ['/pairs/offices/US%3ASECDEF/RU%3AMINDEF', ['pair:office:RU:MINDEF:US:SECDEF']],
    ['/pairs/countries/US/RU', ['pair:country:RU:US']],
    ['/pairs/countries/US/RU?asOf=2022-05-13', ['pair:country:RU:US']],
    ['/embed/pairs/officials/sergei-shoigu/lloyd-austin', ['pair:official:lloyd-austin:sergei-shoigu']],
    ['/embed/pairs/offices/US%3ASECDEF/RU%3AMINDEF?asOf=2022-05-13', ['pair:office:RU:MINDEF:US:SECDEF']],
    [
      '/api/oembed?url=' + encodeURIComponent('https://c.example/pairs/countries/us/ru?asOf=2022-05-13'),
      ['pair:country:RU:US'],
    ],
    ['/api/oembed?url=%2Fembed%2Fpairs%2Fofficials%2Fa%2Fb&maxwidth=300', ['pair:official:a:b']],
    ['/officials/sergei-shoigu', ['official:sergei-shoigu']],
    ['/offices/ru:mindef', ['office:RU:MINDEF']],
    ['/contacts/ck123', ['contact:ck123']],
    ['/feeds/contacts.xml', ['contacts']],
    ['/feeds/pairs/countries/us/ru', ['pair:country:RU:US']],
    ['/api/v1/gaps?a=lloyd-austin&b=sergei-shoigu', ['pair:official:lloyd-austin:sergei-shoigu']],
    ['/api/v1/gaps?officeA=US:SECDEF&officeB=RU:MINDEF', ['pair:office:RU:MINDEF:US:SECDEF']],
    ['/api/v1/gaps/export?countryA=RU&countryB=US&format=csv', ['pair:country:RU:US']],
    ['/api/v1/gaps?a=lloyd-austin', ['contacts']],
    ['/api/v1/officials?q=shoigu', []],
    ['/api/v1/officials/sergei-shoigu', ['official:sergei-shoigu']],
    ['/api/v1/officials/export?country=RU', []],
    ['/api/v1/contacts?official=sergei-shoigu', ['contacts']],
    ['/api/v1/contacts/export?format=csv', ['contacts']],
    ['/api/v1/contacts/42', ['contact:42']],
  ])('%s → %j', (url, tags) => {
    expect(tagsForUrl(url)).toEqual(tags);
  });

  it.each([
    '/contacts/new',
    '/contacts/42/edit',
    '/officials/sergei-shoigu/photo',
    '/admin/officials',
    '/account',
    '/sign-in',
    '/methodology',
    '/api/auth/get-session',
    '/api/v1/openapi.json',
    '/pairs/planets/a/b',
    '/pairs/countries/US',
    '/embed/pairs/countries/US',
    '/embed/officials/sergei-shoigu',
    '/api/oembed',
    '/api/oembed?url=%2Fofficials%2Fsergei-shoigu',
    '/api/oembed?url=http%3A%2F%2F%5B%3A%3A1',
    '/feeds/other.xml',
    '/_next/static/chunk.js',
    '/officials/%E0%A4%A',
    '/search/',
  ])('%s is not kept', (url) => {
    expect(tagsForUrl(url)).toBeNull();
  });
});

describe('contactTags', () => {
  it('names the contacts, the participants and every pair they form at each level', () => {
    const tags = contactTags({
      contactIds: ['c1'],
      officials: [
        { slug: 'lloyd-austin', country: 'US', officeKeys: ['US:SECDEF'] },
        { slug: 'mark-milley', country: 'US', officeKeys: ['US:CJCS', null] },
        { slug: 'sergei-shoigu', country: 'ru', officeKeys: ['RU:MINDEF'] },
      ],
    });
    expect(tags.sort()).toEqual(
      [
        'contacts',
        'contact:c1',
        'official:lloyd-austin',
        'official:mark-milley',
        'official:sergei-shoigu',
        'office:US:SECDEF',
        'office:US:CJCS',
        'office:RU:MINDEF',
        'country:US',
        'country:RU',
        'pair:official:lloyd-austin:sergei-shoigu',
        'pair:official:mark-milley:sergei-shoigu',
        'pair:office:RU:MINDEF:US:SECDEF',
        'pair:office:RU:MINDEF:US:CJCS',
        'pair:country:RU:US',
      ].sort(),
    );
  });

  it('matches the tags of the addresses that show the pair', () => {
    const tags = contactTags({
      officials: [
        { slug: 'sergei-shoigu', country: 'RU', officeKeys: ['RU:MINDEF'] },
        { slug: 'lloyd-austin', country: 'US', officeKeys: ['US:SECDEF'] },
      ],
    });
    for (const url of [
      '/pairs/officials/lloyd-austin/sergei-shoigu',
      '/pairs/offices/RU:MINDEF/US:SECDEF',
      '/pairs/countries/US/RU',
      '/api/v1/gaps?countryA=ru&countryB=us',
      '/officials/lloyd-austin',
      '/offices/US:SECDEF',
      '/',
    ]) {
      expect(
        tagsForUrl(url)!.some((tag) => tags.includes(tag)),
        url,
      ).toBe(true);
    }
  });
});

describe('parseTagsHeader', () => {
  it('splits on spaces and commas', () => {
    expect(parseTagsHeader('pair:country:RU:US, official:a  b')).toEqual(['pair:country:RU:US', 'official:a', 'b']);
    expect(parseTagsHeader(undefined)).toEqual([]);
  });
});
