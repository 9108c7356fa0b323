import type { OfficialRecord } from '../contract';
import { slugForName } from '../../names';

/**
 * The 55 travelers of the OOH travels file: 21 Presidents and 34 Secretaries of State, keyed by the
 * source's `traveler_id`, with their real terms of office.
 *
 * Secretaries' dates are the Office of the Historian's own ("entry on duty" and "termination of
 * appointment", HistoryAtState/pocom `positions-principals/secretary.xml`); acting Secretaries are not in
 * it, and none travelled here. Secretaries with no trip in the file (Bryan, Bacon, Eagleburger) are not
 * imported, so their tenures are gaps in the office.
 * Presidents' terms run from inauguration (or succession) to the next. Tenures are compared as half-open
 * ranges, so one term may end on the day the next begins (a handover) and never overlaps it.
 *
 * Wikidata ids are given only where checked against independent references; the rest are left out rather
 * than guessed (a wrong id would merge two people on import).
 */

export const US_PRESIDENT = { officeKey: 'US:PRESIDENT', title: 'President of the United States' } as const;
export const US_SECSTATE = {
  officeKey: 'US:SECSTATE',
  title: 'Secretary of State',
  organisation: 'U.S. Department of State',
} as const;

type Term = { start: string; end?: string };

/** One traveler: how the source spells them, the name we show, and their terms. */
export type UsTraveler = {
  travelerId: string;
  /** The `traveler_name` of the source, kept as another spelling. */
  oohName: string;
  name: string;
  president: readonly Term[];
  secretary: readonly Term[];
};

const term = ([start, end]: [string, string?]): Term => ({ start, end });
const president = (travelerId: string, oohName: string, name: string, ...terms: [string, string?][]): UsTraveler => ({
  travelerId,
  oohName,
  name,
  president: terms.map(term),
  secretary: [],
});
const secretary = (travelerId: string, oohName: string, name: string, start: string, end?: string): UsTraveler => ({
  travelerId,
  oohName,
  name,
  president: [],
  secretary: [{ start, end }],
});

/** Wikidata ids by `traveler_id`, each checked against published references, none from memory alone. */
const WIKIDATA: Readonly<Record<string, string>> = {
  'roosevelt-theodore': 'Q33866',
  'taft-william-howard': 'Q35648',
  'wilson-woodrow': 'Q34296',
  'harding-warren-g': 'Q35286',
  'coolidge-calvin': 'Q36023',
  'hoover-herbert-c': 'Q35236',
  'roosevelt-franklin-d': 'Q8007',
  'truman-harry-s': 'Q11613',
  'eisenhower-dwight-d': 'Q9916',
  'kennedy-john-f': 'Q9696',
  'johnson-lyndon-b': 'Q9640',
  'nixon-richard-m': 'Q9588',
  'ford-gerald-r': 'Q9582',
  'carter-jimmy': 'Q23685',
  'reagan-ronald': 'Q9960',
  'bush-george-h-w': 'Q23505',
  'clinton-william-j': 'Q1124',
  'bush-george-w': 'Q207',
  'obama-barack': 'Q76',
  'trump-donald-j': 'Q22686',
  'biden-joseph-r': 'Q6279',
  'kissinger-henry-a': 'Q66107',
  'powell-colin-luther': 'Q150851',
  'clinton-hillary-rodham': 'Q6294',
  'kerry-john-forbes': 'Q22316',
  'pompeo-michael-r': 'Q473239',
  'rubio-marco': 'Q324546',
};

export const US_TRAVELERS: readonly UsTraveler[] = [
  president('roosevelt-theodore', 'Theodore Roosevelt', 'Theodore Roosevelt', ['1901-09-14', '1909-03-04']),
  president('taft-william-howard', 'William Howard Taft', 'William Howard Taft', ['1909-03-04', '1913-03-04']),
  president('wilson-woodrow', 'Woodrow Wilson', 'Woodrow Wilson', ['1913-03-04', '1921-03-04']),
  // Harding died on 2 August 1923; Coolidge took the oath in the small hours of the 3rd, dated from the 2nd.
  president('harding-warren-g', 'Warren G. Harding', 'Warren G. Harding', ['1921-03-04', '1923-08-02']),
  president('coolidge-calvin', 'Calvin Coolidge', 'Calvin Coolidge', ['1923-08-02', '1929-03-04']),
  president('hoover-herbert-c', 'Herbert C. Hoover', 'Herbert Hoover', ['1929-03-04', '1933-03-04']),
  president('roosevelt-franklin-d', 'Franklin D. Roosevelt', 'Franklin D. Roosevelt', ['1933-03-04', '1945-04-12']),
  president('truman-harry-s', 'Harry S. Truman', 'Harry S. Truman', ['1945-04-12', '1953-01-20']),
  president('eisenhower-dwight-d', 'Dwight D. Eisenhower', 'Dwight D. Eisenhower', ['1953-01-20', '1961-01-20']),
  president('kennedy-john-f', 'John F. Kennedy', 'John F. Kennedy', ['1961-01-20', '1963-11-22']),
  president('johnson-lyndon-b', 'Lyndon B. Johnson', 'Lyndon B. Johnson', ['1963-11-22', '1969-01-20']),
  president('nixon-richard-m', 'Richard M. Nixon', 'Richard Nixon', ['1969-01-20', '1974-08-09']),
  president('ford-gerald-r', 'Gerald R. Ford', 'Gerald Ford', ['1974-08-09', '1977-01-20']),
  president('carter-jimmy', 'Jimmy Carter', 'Jimmy Carter', ['1977-01-20', '1981-01-20']),
  president('reagan-ronald', 'Ronald Reagan', 'Ronald Reagan', ['1981-01-20', '1989-01-20']),
  president('bush-george-h-w', 'George H.W. Bush', 'George H. W. Bush', ['1989-01-20', '1993-01-20']),
  president('clinton-william-j', 'William J. Clinton', 'Bill Clinton', ['1993-01-20', '2001-01-20']),
  president('bush-george-w', 'George W. Bush', 'George W. Bush', ['2001-01-20', '2009-01-20']),
  president('obama-barack', 'Barack Obama', 'Barack Obama', ['2009-01-20', '2017-01-20']),
  president('trump-donald-j', 'Donald J. Trump', 'Donald Trump', ['2017-01-20', '2021-01-20'], ['2025-01-20']),
  president('biden-joseph-r', 'Joseph R. Biden', 'Joe Biden', ['2021-01-20', '2025-01-20']),

  secretary('seward-william-henry', 'William Henry Seward', 'William H. Seward', '1861-03-06', '1869-03-04'),
  secretary('hay-john-milton', 'John Milton Hay', 'John Hay', '1898-09-30', '1905-07-01'),
  secretary('root-elihu', 'Elihu Root', 'Elihu Root', '1905-07-19', '1909-01-27'),
  secretary('knox-philander-chase', 'Philander Chase Knox', 'Philander C. Knox', '1909-03-06', '1913-03-05'),
  secretary('lansing-robert', 'Robert Lansing', 'Robert Lansing', '1915-06-24', '1920-02-13'),
  secretary('colby-bainbridge', 'Bainbridge Colby', 'Bainbridge Colby', '1920-03-23', '1921-03-04'),
  secretary('hughes-charles-evans', 'Charles Evans Hughes', 'Charles Evans Hughes', '1921-03-05', '1925-03-04'),
  secretary('kellogg-frank-billings', 'Frank Billings Kellogg', 'Frank B. Kellogg', '1925-03-05', '1929-03-28'),
  secretary('stimson-henry-lewis', 'Henry Lewis Stimson', 'Henry L. Stimson', '1929-03-28', '1933-03-04'),
  secretary('hull-cordell', 'Cordell Hull', 'Cordell Hull', '1933-03-04', '1944-11-30'),
  secretary(
    'stettinius-edward-reilly',
    'Edward Reilly Stettinius',
    'Edward R. Stettinius Jr.',
    '1944-12-01',
    '1945-06-27',
  ),
  secretary('byrnes-james-francis', 'James Francis Byrnes', 'James F. Byrnes', '1945-07-03', '1947-01-21'),
  secretary('marshall-george-catlett', 'George Catlett Marshall', 'George C. Marshall', '1947-01-21', '1949-01-20'),
  secretary('acheson-dean-gooderham', 'Dean Gooderham Acheson', 'Dean Acheson', '1949-01-21', '1953-01-20'),
  secretary('dulles-john-foster', 'John Foster Dulles', 'John Foster Dulles', '1953-01-21', '1959-04-22'),
  secretary(
    'herter-christian-archibald',
    'Christian Archibald Herter',
    'Christian A. Herter',
    '1959-04-22',
    '1961-01-20',
  ),
  secretary('rusk-david-dean', 'David Dean Rusk', 'Dean Rusk', '1961-01-21', '1969-01-20'),
  secretary('rogers-william-pierce', 'William Pierce Rogers', 'William P. Rogers', '1969-01-22', '1973-09-03'),
  secretary('kissinger-henry-a', 'Henry A. (Heinz Alfred) Kissinger', 'Henry Kissinger', '1973-09-22', '1977-01-20'),
  secretary('vance-cyrus-roberts', 'Cyrus Roberts Vance', 'Cyrus Vance', '1977-01-23', '1980-04-28'),
  secretary('muskie-edmund-sixtus', 'Edmund Sixtus Muskie', 'Edmund Muskie', '1980-05-08', '1981-01-18'),
  secretary('haig-alexander-meigs', 'Alexander Meigs Haig', 'Alexander Haig', '1981-01-22', '1982-07-05'),
  secretary('shultz-george-pratt', 'George Pratt Shultz', 'George P. Shultz', '1982-07-16', '1989-01-20'),
  secretary('baker-james-addison', 'James Addison Baker', 'James A. Baker III', '1989-01-25', '1992-08-23'),
  secretary('christopher-warren-minor', 'Warren Minor Christopher', 'Warren Christopher', '1993-01-20', '1997-01-17'),
  secretary('albright-madeleine-korbel', 'Madeleine Korbel Albright', 'Madeleine Albright', '1997-01-23', '2001-01-19'),
  secretary('powell-colin-luther', 'Colin Luther Powell', 'Colin Powell', '2001-01-20', '2005-01-25'),
  secretary('rice-condoleezza', 'Condoleezza Rice', 'Condoleezza Rice', '2005-01-26', '2009-01-20'),
  secretary('clinton-hillary-rodham', 'Hillary Rodham Clinton', 'Hillary Rodham Clinton', '2009-01-21', '2013-02-01'),
  secretary('kerry-john-forbes', 'John Forbes Kerry', 'John Kerry', '2013-02-01', '2017-01-20'),
  secretary('tillerson-rex-w', 'Rex W. Tillerson', 'Rex Tillerson', '2017-02-01', '2018-03-31'),
  secretary('pompeo-michael-r', 'Michael R. Pompeo', 'Mike Pompeo', '2018-04-26', '2021-01-20'),
  secretary('blinken-antony-j', 'Antony John Blinken', 'Antony Blinken', '2021-01-26', '2025-01-20'),
  // Confirmed by the Senate on 20 January 2025, sworn in (and on duty) on the 21st.
  secretary('rubio-marco', 'Marco Rubio', 'Marco Rubio', '2025-01-21'),
];

const BY_ID = new Map(US_TRAVELERS.map((traveler) => [traveler.travelerId, traveler]));

/** The traveler of an OOH `traveler_id`, or undefined for one this table does not know. */
export function usTraveler(travelerId: string): UsTraveler | undefined {
  return BY_ID.get(travelerId);
}

/** The slug a traveler is imported under. */
export function travelerSlug(traveler: UsTraveler): string {
  return slugForName(traveler.name);
}

/** The travelers as officials to import, with their positions; `line` is the record's place in this list. */
export function usOfficialRecords(): OfficialRecord[] {
  return US_TRAVELERS.map((traveler, i) => ({
    line: i + 1,
    slug: travelerSlug(traveler),
    name: traveler.name,
    country: 'US',
    otherSpellings: traveler.oohName === traveler.name ? [] : [traveler.oohName],
    wikidataId: WIKIDATA[traveler.travelerId],
    positions: [
      ...traveler.president.map(({ start, end }) => ({ ...US_PRESIDENT, startDate: start, endDate: end })),
      ...traveler.secretary.map(({ start, end }) => ({ ...US_SECSTATE, startDate: start, endDate: end })),
    ],
  }));
}
