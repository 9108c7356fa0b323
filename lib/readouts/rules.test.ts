import { describe, expect, it } from 'vitest';
import { analyseReadout } from './analyse';
import { proposeDate } from './date';
import { FIXTURE_DIRECTORY } from './directory.testing';
import { proposeDuration } from './duration';
import { findInitiatorPhrases } from './initiator';
import { proposeLocation } from './location';
import { findNameMentions, findTitleMentions } from './mentions';
import { roleOfTitle } from './roles';
import { publisherOf } from './source';
import { nameTokens, sentences } from './text';
import { proposeStatus, proposeType } from './type';

function analyse(text: string, options: { url?: string; publishedAt?: string } = {}) {
  return analyseReadout({ text, today: '2030-01-01', officials: FIXTURE_DIRECTORY, ...options });
}

const slugs = (text: string, options?: { url?: string; publishedAt?: string }) =>
  analyse(text, options)
    .proposal.participants.map((p) => p.value.slug)
    .sort();

describe('dates', () => {
  const date = (text: string, publishedAt = '2022-05-16') =>
    proposeDate(text, { reference: publishedAt, publishedAt, lead: sentences(text)[0] });

  it.each([
    ['Austin spoke with Shoigu on May 13.', '2022-05-13', 'May 13'],
    ['Austin spoke with Shoigu on 13 May 2022.', '2022-05-13', 'on 13 May 2022'],
    ['Austin spoke with Shoigu on Friday.', '2022-05-13', 'on Friday'],
    ['Austin spoke with Shoigu yesterday.', '2022-05-15', 'yesterday'],
    ['Austin spoke with Shoigu today.', '2022-05-16', 'today'],
    ['Austin spoke with Shoigu this morning.', '2022-05-16', 'this morning'],
    ['On the afternoon of May 12, Austin met Shoigu.', '2022-05-12', 'May 12'],
    ['Austin spoke with Shoigu on Oct. 21, 2021.', '2021-10-21', 'Oct. 21, 2021'],
    ['Austin spoke with Shoigu on 2022-05-13.', '2022-05-13', '2022-05-13'],
  ])('%s → %s', (text, expected, phrase) => {
    const proposal = date(text);
    expect(proposal?.value).toEqual({ date: expected, precision: 'DAY' });
    expect(proposal?.evidence?.text).toBe(phrase);
  });

  it('resolves "on Friday" against the publication date, not today', () => {
    expect(date('They spoke on Friday.', '2024-07-15')?.value.date).toBe('2024-07-12');
    expect(date('They spoke on Friday.', '2022-05-16')?.value.date).toBe('2022-05-13');
  });

  it('never reads a day without a year as one after the publication date', () => {
    // chrono alone takes the nearest 5 January: 2023's, in the future of a readout of 20 December 2022.
    expect(date('They spoke on January 5.', '2022-12-20')?.value.date).toBe('2022-01-05');
    expect(date('They spoke on December 19.', '2022-12-20')?.value.date).toBe('2022-12-19');
  });

  it('is less sure of a day without a year when there is no publication date to take the year from', () => {
    const lead = sentences('They spoke on May 13.')[0];
    const guessed = proposeDate('They spoke on May 13.', { reference: '2026-12-05', publishedAt: null, lead });
    expect(guessed?.value.date).toBe('2026-05-13');
    expect(guessed!.confidence).toBeLessThan(date('They spoke on May 13.')!.confidence);
  });

  it('prefers the date of the contact to the date it is measured from', () => {
    expect(date('Austin spoke on May 13 with Shoigu, the first call since February 18.')?.value.date).toBe(
      '2022-05-13',
    );
    expect(date('The first call since February 18 took place on May 13.')?.value.date).toBe('2022-05-13');
  });

  it('reads a month with its year as a month, and not a month alone or a relative period', () => {
    expect(date('They met in May 2021.')?.value).toEqual({ date: '2021-05-01', precision: 'MONTH' });
    expect(date('Russia declined our May invitation.')?.basis).toMatch(/published/);
    expect(date('Over the past month, they sought calls.')?.basis).toMatch(/published/);
  });

  it('falls back to the publication date, marked as such, and gives nothing without one', () => {
    const fallback = date('Putin had a telephone conversation with Macron.', '2022-08-19');
    expect(fallback).toMatchObject({ value: { date: '2022-08-19' }, evidence: null, confidence: 0.5 });
    expect(proposeDate('No date here.', { reference: '2022-01-01', publishedAt: null, lead: undefined })).toBeNull();
  });
});

describe('contact type', () => {
  it.each([
    ['Secretary Austin spoke with Minister Shoigu.', 'CALL', 'spoke with'],
    ['Putin had a telephone conversation with Macron.', 'CALL', 'telephone conversation'],
    ['Austin spoke by phone with Wei.', 'CALL', 'by phone'],
    ['Secretary Blinken spoke today with Foreign Minister Lavrov.', 'CALL', 'spoke today with'],
    ['Shoigu held phone talks with Austin.', 'CALL', 'phone talks'],
    ['Shoigu and Austin talked over the phone.', 'CALL', 'over the phone'],
    ['Putin holds talks with Macron in the Kremlin.', 'MEETING', 'holds talks'],
    ['Austin held a phone call with Reznikov.', 'CALL', 'held a phone call'],
    ['Austin received a call from Shoigu.', 'CALL', 'received a call'],
    ['Austin held a video teleconference with Dong Jun.', 'VIDEO_CALL', 'video teleconference'],
    ['Dong Jun held a video call with Austin.', 'VIDEO_CALL', 'video call'],
    ['Putin held talks with Biden via videoconference.', 'VIDEO_CALL', 'videoconference'],
    ['Biden held a virtual meeting with Xi.', 'VIDEO_CALL', 'virtual meeting'],
    ['Wei Fenghe met with Austin in Singapore.', 'MEETING', 'met with'],
    ['Wallace met Shoigu in Moscow.', 'MEETING', 'met in'],
    ['Austin hosted Reznikov at the Pentagon.', 'MEETING', 'hosted'],
    ['The two officers used the deconfliction line.', 'HOTLINE', 'deconfliction line'],
    ['Biden sent a letter to Putin.', 'LETTER', 'letter to'],
  ])('%s → %s', (text, type, phrase) => {
    const proposal = proposeType(text);
    expect(proposal?.value).toBe(type);
    expect(proposal?.evidence?.text.toLowerCase()).toContain(phrase.toLowerCase().split(' ')[0]);
  });

  it('proposes no type for a text that names no contact', () => {
    expect(proposeType('The ministry published its annual report.')).toBeNull();
  });
});

describe('status', () => {
  const status = (text: string) => proposeStatus(text, proposeType(text));
  it.each([
    ['Minister Shoigu and General Gerasimov have so far declined to engage.', 'REFUSED'],
    ['The PRC has declined our request for a call.', 'REFUSED'],
    ['China rejected a US request for a meeting.', 'REFUSED'],
    ['Secretary Austin has sought calls with his Russian counterpart.', 'REQUESTED'],
    ['Austin spoke with Shoigu on May 13.', 'HELD'],
    ['Austin spoke with Shoigu at the request of the Russian side.', 'HELD'],
  ])('%s → %s', (text, expected) => {
    expect(status(text)?.value).toBe(expected);
  });

  it('marks a held status as inferred from the contact, not from a phrase saying so', () => {
    expect(status('Austin spoke with Shoigu.')).toMatchObject({ value: 'HELD', basis: expect.any(String) });
    expect(status('Nothing happened.')).toBeNull();
  });
});

describe('duration', () => {
  it.each([
    ['The call lasted about an hour.', 60],
    ['an hour-long call', 60],
    ['The meeting lasted more than two hours.', 120],
    ['They talked for an hour and a half.', 90],
    ['The talks lasted two and a half hours.', 150],
    ['a 90-minute call', 90],
    ['The call lasted 50 minutes.', 50],
    ['The call lasted approximately 45 minutes.', 45],
    ['They spoke for half an hour.', 30],
    ['The meeting lasted 1 hour and 15 minutes.', 75],
    ['The meeting lasted about five hours.', 300],
  ])('%s → %i minutes', (text, minutes) => {
    expect(proposeDuration(text)?.value).toBe(minutes);
  });

  it('is less sure of a hedged figure, and reads no duration where there is none', () => {
    expect(proposeDuration('about an hour')!.confidence).toBeLessThan(proposeDuration('a 60-minute call')!.confidence);
    expect(proposeDuration('Austin spoke with Shoigu.')).toBeNull();
    expect(proposeDuration('in the past 24 hours, shelling continued')).toBeNull();
  });
});

describe('location', () => {
  const location = (text: string) => proposeLocation(text, 'MEETING', sentences(text)[0])?.value ?? null;
  it.each([
    ['Wallace met Shoigu in Moscow on 11 February.', 'Moscow'],
    ['Austin met Wei on the margins of the Shangri-La Dialogue in Singapore on June 10.', 'Singapore'],
    ['Biden met Xi on November 14 in Bali, Indonesia.', 'Bali, Indonesia'],
    ['Biden met with Xi in Woodside, California on November 15, 2023.', 'Woodside, California'],
    ['Austin hosted Reznikov at the Pentagon.', 'Pentagon'],
    ['Blinken met Wang Yi on the sidelines of the Munich Security Conference.', 'Munich Security Conference'],
  ])('%s → %s', (text, place) => {
    expect(location(text)).toBe(place);
  });

  it('takes no topic for a place, and proposes none for a call', () => {
    expect(location('They met and discussed the war in Ukraine.')).toBeNull();
    expect(location('They met on May 13 in May.')).toBeNull();
    expect(proposeLocation('Austin called Shoigu in Moscow.', 'CALL', undefined)).toBeNull();
  });
});

describe('initiator', () => {
  it.each([
    ['Shoigu held a telephone conversation with Austin at the initiative of the American side.', 'lloyd-austin'],
    ['Shoigu held a telephone conversation with Austin at the request of the U.S. side.', 'lloyd-austin'],
    ["Austin spoke with Shoigu at Austin's request.", 'lloyd-austin'],
    ["Austin spoke with Shoigu at Minister Shoigu's request.", 'sergei-shoigu'],
    ["Xi Jinping had a phone conversation with Joe Biden at the latter's request.", 'joe-biden'],
    ["Xi Jinping had a phone conversation with Joe Biden at the former's request.", 'xi-jinping'],
    [
      'Putin had a telephone conversation with Macron. The conversation was held at the initiative of the French side.',
      'emmanuel-macron',
    ],
    ['Biden spoke with Putin. The call, requested by President Putin, lasted 50 minutes.', 'vladimir-putin'],
    ['Belousov held a phone conversation with Austin, initiated by Moscow.', 'andrei-belousov'],
    ['Lloyd Austin received a phone call from Sergei Shoigu.', 'sergei-shoigu'],
    ['The Russian side initiated the conversation. Putin had a telephone conversation with Macron.', 'vladimir-putin'],
    ["Beijing turned down Washington's request for a call between Secretary Austin and Minister Wei.", 'lloyd-austin'],
    ['Secretary Austin requested a call with Minister Shoigu.', 'lloyd-austin'],
  ])('%s → %s', (text, slug) => {
    const initiator = analyse(text, { publishedAt: '2022-05-13' }).proposal.initiator;
    expect(initiator?.value.id).toBe(slug);
    expect(initiator?.evidence?.text).toBeTruthy();
  });

  it('reads "our request" as the publisher’s side and a bare "at request" as the other side', () => {
    const ours = analyse('The PRC declined our request for a call between Secretary Austin and Minister Wei Fenghe.', {
      url: 'https://www.defense.gov/News/',
      publishedAt: '2023-02-07',
    });
    expect(ours.proposal.initiator?.value.id).toBe('lloyd-austin');
    const bare = analyse('Wang Yi spoke with U.S. Secretary of State Antony Blinken on the phone at request.', {
      url: 'https://www.fmprc.gov.cn/eng/',
      publishedAt: '2022-02-26',
    });
    expect(bare.proposal.initiator?.value.id).toBe('antony-blinken');
    const invited = analyse('Dong Jun held a video call with U.S. Defense Secretary Lloyd Austin upon invitation.', {
      url: 'http://eng.mod.gov.cn/xb/News/1.html',
      publishedAt: '2024-04-16',
    });
    expect(invited.proposal.initiator?.value.id).toBe('lloyd-austin');
  });

  it('names no initiator where the text does not say', () => {
    expect(analyse('Austin spoke with Shoigu on 13 May 2022.').proposal.initiator).toBeNull();
    expect(findInitiatorPhrases('They discussed the request of Ukraine for weapons.')).toEqual([]);
  });
});

describe('people', () => {
  it('finds an official by the full name, any recorded spelling, or the surname as written', () => {
    expect(slugs('Lloyd J. Austin III spoke with Sergey Shoygu on 13 May 2022.')).toEqual([
      'lloyd-austin',
      'sergei-shoigu',
    ]);
    expect(
      slugs('Сергей Шойгу провёл телефонный разговор. Shoigu spoke with Secretary Austin on 13 May 2022.'),
    ).toEqual(['lloyd-austin', 'sergei-shoigu']);
    // A family name comes first in Chinese names: "Minister Wei" is Wei Fenghe.
    expect(slugs('Secretary Austin spoke with Minister Wei on 20 April 2022.')).toEqual(['lloyd-austin', 'wei-fenghe']);
  });

  it('ignores a surname written in lower case, and accents do not matter', () => {
    expect(findNameMentions('the austin area', FIXTURE_DIRECTORY)).toEqual([]);
    expect(findNameMentions('Volodymyr Zelenskyy', FIXTURE_DIRECTORY).map((m) => m.officialIds)).toEqual([
      ['volodymyr-zelensky'],
    ]);
    expect(findNameMentions('Emmanuel Mácron', FIXTURE_DIRECTORY).map((m) => m.evidence.text)).toEqual([
      'Emmanuel Mácron',
    ]);
  });

  it('reads a month beside a number as a date, not as an official of that surname', () => {
    const may = {
      id: 'theresa-may',
      slug: 'theresa-may',
      name: 'Theresa May',
      country: 'GB',
      spellings: ['Theresa May'],
      positions: [],
    };
    const directory = [...FIXTURE_DIRECTORY, may];
    const named = (text: string) => findNameMentions(text, directory).map((m) => m.evidence.text);
    expect(named('Austin spoke with Shoigu on May 13.')).toEqual(['Austin', 'Shoigu']);
    expect(named('Austin spoke with Shoigu on 13 May 2022.')).toEqual(['Austin', 'Shoigu']);
    expect(named('Austin spoke with Shoigu on May 13, 2022.')).toEqual(['Austin', 'Shoigu']);
    expect(named('Prime Minister May spoke with Putin.')).toEqual(['May', 'Putin']);
    expect(named('Theresa May met Putin on 5 May.')).toEqual(['Theresa May', 'Putin']);
  });

  it('finds the holder of an office on the date from the title and country', () => {
    expect(slugs('Austin spoke with the Russian Minister of Defense on 13 May 2022.')).toEqual([
      'lloyd-austin',
      'sergei-shoigu',
    ]);
    expect(slugs('Austin spoke with the Russian Minister of Defense on 12 July 2024.')).toEqual([
      'andrei-belousov',
      'lloyd-austin',
    ]);
    expect(slugs('The head of the Pentagon spoke with Shoigu on 13 May 2022.')).toEqual([
      'lloyd-austin',
      'sergei-shoigu',
    ]);
    expect(slugs("China's defence minister met Austin on 31 May 2024.")).toEqual(['dong-jun', 'lloyd-austin']);
    expect(slugs('The Minister of National Defense of China met Austin on 10 June 2022.')).toEqual([
      'lloyd-austin',
      'wei-fenghe',
    ]);
  });

  it('finds "his Russian counterpart" as the holder of the same office in that country', () => {
    const text = 'On 13 May 2022, Secretary Austin spoke with his Russian counterpart.';
    expect(slugs(text)).toEqual(['lloyd-austin', 'sergei-shoigu']);
    expect(slugs('On 12 July 2024, Secretary Austin spoke with his Russian counterpart.')).toEqual([
      'andrei-belousov',
      'lloyd-austin',
    ]);
    // Named after it, the name decides.
    expect(slugs('On 13 May 2022, Shoigu spoke with his US counterpart Lloyd Austin.')).toEqual([
      'lloyd-austin',
      'sergei-shoigu',
    ]);
  });

  it('takes a title without a country as the publisher’s own official', () => {
    const text = 'The Defence Secretary spoke to his Russian counterpart, Sergei Shoigu, on 23 October 2022.';
    expect(slugs(text, { url: 'https://www.gov.uk/government/news/x' })).toEqual(['ben-wallace', 'sergei-shoigu']);
    expect(slugs(text)).toEqual(['sergei-shoigu']);
  });

  it('keeps people the readout only mentions out of the participants', () => {
    const text =
      'Pentagon Press Secretary John F. Kirby provided the following readout:\n' +
      'Secretary Austin spoke with Minister Shoigu on 13 May 2022. They discussed President Zelenskyy’s proposals.';
    expect(slugs(text)).toEqual(['lloyd-austin', 'sergei-shoigu']);
  });

  it('finds titles with the country before or after, and not "us" the pronoun', () => {
    const titles = (text: string) => findTitleMentions(text).map((m) => [m.evidence.text, m.country, m.role]);
    expect(titles('the Russian Minister of Defense')).toEqual([
      ['Russian Minister of Defense', 'RU', 'defence-minister'],
    ]);
    expect(titles('Chinese State Councilor and Defense Minister')).toEqual([
      ['Chinese State Councilor and Defense Minister', 'CN', 'defence-minister'],
    ]);
    expect(titles('President of France')).toEqual([['President of France', 'FR', 'head-of-state']]);
    expect(titles('U.S. Secretary of State')).toEqual([['U.S. Secretary of State', 'US', 'foreign-minister']]);
    expect(titles('British Secretary of State for Defence')).toEqual([
      ['British Secretary of State for Defence', 'GB', 'defence-minister'],
    ]);
    expect(titles('he told us president')).toEqual([]);
  });

  it('maps recorded titles onto roles', () => {
    expect(roleOfTitle('Minister of Defence')).toBe('defence-minister');
    expect(roleOfTitle('Secretary of Defense')).toBe('defence-minister');
    expect(roleOfTitle('Secretary of State for Defence')).toBe('defence-minister');
    expect(roleOfTitle('Secretary of State')).toBe('foreign-minister');
    expect(roleOfTitle('Vice President')).toBeNull();
    expect(roleOfTitle('Pentagon Press Secretary')).toBeNull();
  });

  it('gives the data layer the words to look names up by', () => {
    // Folded as names are stored (lib/text-fold.mjs): й loses its breve like any accent.
    expect(nameTokens('Secretary Austin spoke with Шойгу and 习近平.')).toEqual([
      'secretary',
      'austin',
      'шоигу',
      '习近平',
    ]);
  });
});

describe('source', () => {
  it.each([
    ['https://www.defense.gov/News/Releases/Release/Article/1/', 'US Department of Defense', 'US readout'],
    ['http://en.kremlin.ru/events/president/news/1', 'President of Russia', 'Russian readout'],
    ['https://tass.com/defense/1', 'TASS', 'Russian state media'],
    ['http://eng.mod.gov.cn/xb/News/1.html', 'Ministry of National Defense of the PRC', 'Chinese readout'],
    ['https://www.gov.uk/government/news/x', 'UK Government', 'British readout'],
    ['https://www.mil.gov.ua/en/news/1', 'Ministry of Defence of Ukraine', 'Ukrainian readout'],
  ])('%s → %s', (url, publisher, side) => {
    expect(publisherOf(url)).toMatchObject({ publisher, side, known: true });
  });

  it('names an unknown domain as its own publisher, and refuses what is not a web address', () => {
    expect(publisherOf('https://www.example.org/a')).toMatchObject({ publisher: 'example.org', known: false });
    expect(publisherOf('ftp://example.org/a')).toBeNull();
  });

  it('proposes the headline as title, the reporting sentence as quote, and a URL found in the text', () => {
    const text =
      'Readout of a call\nSecretary Austin spoke with Minister Shoigu on 13 May 2022. More text.\nhttps://www.defense.gov/News/Releases/Article/1/';
    const { source } = analyse(text).proposal;
    expect(source.title?.value).toBe('Readout of a call');
    expect(source.quote?.value).toBe('Secretary Austin spoke with Minister Shoigu on 13 May 2022.');
    expect(source.url?.value).toBe('https://www.defense.gov/News/Releases/Article/1/');
    expect(source.publisher?.value).toBe('US Department of Defense');
  });
});

describe('the whole readout', () => {
  it('proposes nothing, with a message, for a text that reports no contact', () => {
    const analysis = analyse('Lorem ipsum dolor sit amet, consectetur adipiscing elit.', { publishedAt: '2022-01-01' });
    expect(analysis.empty).toBe(true);
    expect(analysis.message).toMatch(/Nothing in this text was recognised/);
    expect(analysis.proposal.date).toBeNull();
    expect(analysis.proposal.source.url).toBeNull();
  });

  it('says what it proposed', () => {
    const analysis = analyse('Secretary Austin spoke with Minister Shoigu on 13 May 2022 for about an hour.');
    expect(analysis.empty).toBe(false);
    expect(analysis.message).toMatch(/date, 2 participants, type, status, duration/);
  });
});
