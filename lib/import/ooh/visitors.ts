import type { OfficialRecord } from '../contract';
import { normalizeName, slugForName } from '../../names';
import { mapOohCountry } from './countries';
import type { OohVisit } from './source';

/**
 * The foreign leaders of the OOH visits file as officials: one per person and country, their spellings merged.
 *
 * The file's `visitor_title` / `visitor_name` split is a heuristic of the converter; a few records need
 * repair (a title glued to the name, "Premier and Prince Sihanouk", two leaders in one record). Spellings
 * of one person in one country (after mapping: Erdoğan of `turkey` and of `turkiye` are one TR official)
 * merge when they agree once case, accents, punctuation and an honorific (Sheikh, Dr., Haji, El Hadj) are
 * set aside; the table below merges the rest: typos, a fuller or shorter form of the same name, surnames
 * alone in the early records. It only joins spellings its author is sure are one person, and splits the
 * few namesakes the source files under one spelling.
 */

// Every title the converter split off, longest first so that "Prime Minister-Prince" wins over "Prime Minister".
const TITLES = [
  'Acting President',
  'Acting Prime Minister',
  'Amir',
  'Brigadier General',
  'Chairman of the Presidency',
  'Chairman',
  'Chancellor-elect',
  'Chancellor',
  'Chief of State',
  'Crown Prince',
  'Emir',
  'Emperor',
  'Federal Chancellor',
  'First Secretary',
  'General Secretary',
  'General',
  'Governor General',
  'Grand Duchess',
  'Grand Duke',
  'Head of State',
  'Interim President',
  'Interim Prime Minister',
  'Junta Member',
  'King',
  'Lieutenant General',
  'Pope',
  'Premier',
  'President-designate',
  'President-elect',
  'President',
  'Prime Minister-Prince',
  'Prime Minister',
  'Prince',
  'Provisional President',
  'Queen',
  'Regent Prince',
  'Shah',
  'Sheikh',
  'Sultan',
  'Taoiseach',
  'Vice Premier',
].sort((a, b) => b.length - a.length);

const TITLE_PATTERN = TITLES.join('|');
// A second leader in one record: "Anwar Sadat, Prime Minister Mustafa Khalil", "… and Prime Minister Donald Tusk".
const SECOND_LEADER = new RegExp(`(?:\\s*,\\s*|\\s+and\\s+|\\s*&\\s*)(${TITLE_PATTERN})\\s+`);
// A second title the converter left in the name: "Premier" + "and Prince Sihanouk".
const SECOND_TITLE = new RegExp(`^(?:and|&)\\s+(${TITLE_PATTERN})\\s+`);
// The rest of a long title the converter cut short: "President" + "of the Council of Ministers Hussain …".
const TITLE_TAILS = ['of the Council of Ministers'];

/** One person named by a visit record, with the title the record gives them. */
export type Visitor = { name: string; title: string };

/** The people one visit record names, in the record's order (two for a few joint visits). */
export function visitorsOf(visit: Pick<OohVisit, 'visitor_title' | 'visitor_name'>): Visitor[] {
  // "Prime MinisterHaidar al- Abadi": the converter recovered the title; the stray space after "al-" is the source's.
  let name = visit.visitor_name
    .replace(/\b(al|el)-\s+/gi, '$1-')
    .replace(/\s+/g, ' ')
    .trim();
  let title = visit.visitor_title.trim();
  for (const tail of TITLE_TAILS) {
    if (name.startsWith(`${tail} `)) {
      title = `${title} ${tail}`;
      name = name.slice(tail.length + 1);
    }
  }
  const second = SECOND_TITLE.exec(name);
  if (second) {
    title = `${title} and ${second[1]}`;
    name = name.slice(second[0].length);
  }
  const visitors: Visitor[] = [];
  for (let match = SECOND_LEADER.exec(name); match; match = SECOND_LEADER.exec(name)) {
    visitors.push({ name: name.slice(0, match.index), title });
    title = match[1];
    name = name.slice(match.index + match[0].length);
  }
  visitors.push({ name, title });
  return visitors;
}

/** The form spellings are compared in: normalizeName, then no punctuation, hyphens as spaces, no honorific. */
export function spellingKey(name: string): string {
  return normalizeName(name)
    .replace(/^(?:sheikh|sheik|dr\.?|haji|el hadj)\s+/, '')
    .replace(/[.,'’‘`]/g, '')
    .replace(/-/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Spellings of one person that the spelling key does not join, by country code. `name` is the one shown;
 * `slug`, when given, keeps two namesakes apart; `title`, `from` and `until` (ISO dates of the visit)
 * narrow a variant to the records that mean this person.
 */
type Alias = {
  code: string;
  name: string;
  variants: readonly string[];
  title?: string;
  from?: string;
  until?: string;
  slug?: string;
};

const alias = (code: string, name: string, ...variants: string[]): Alias => ({ code, name, variants });

export const VISITOR_ALIASES: readonly Alias[] = [
  alias('AF', 'Ashraf Ghani Ahmedzai', 'Mohamad Ashraf Ghani'),
  alias('AL', 'Rexhep Meidani', 'Rexhep Medjani'),
  alias('DZ', 'Abdelaziz Bouteflika', 'Abdelaziz Boutefilka'),
  alias('DZ', 'Abdelmalek Sellal', 'Abdelmalik Sellal'),
  alias('AO', 'João Manuel Gonçalves Lourenço', 'João Lourenço'),
  alias('AR', 'Carlos Saul Menem', 'Carlos Menem'),
  alias('AM', 'Robert Kocharian', 'Robert Kochariyan'),
  alias('AM', 'Serzh Sargsyan', 'Serge Sarkisian'),
  alias('AZ', 'Heydar Aliyev', 'Geidar Aliyev'),
  alias('BS', 'Hubert A. Ingraham', 'Hubert Ingraham'),
  // The Amir of 1983 was Isa bin Sulman, recorded by his father's name alone.
  alias('BH', 'Isa bin Sulman al-Khalifa', 'Isa Bin Sulman', 'Sulman al-Khalifa'),
  alias(
    'BH',
    'Hamad bin Isa al-Khalifa',
    'Hamad Bin Essa al-Khalifa',
    'Hamad Bin Isa Bin Salman al-Khalifa',
    'Hamad bin Issa al-Khalifa',
  ),
  alias('BE', 'Baudouin I', 'Baudouin'),
  alias('BJ', 'Thomas Boni Yayi', 'Boni Yayi'),
  alias('BO', 'Hugo Banzer Suarez', 'Hugo Banzer'),
  alias('BW', 'Quett Ketumile Masire', 'Ketumile Masire'),
  alias('BR', 'Fernando Henrique Cardoso', 'Fernando Cardoso', 'Henrique Cardoso'),
  alias('BR', 'Luiz Inacio Lula da Silva', 'Luiz Lula da Silva', 'Luiz Inacio Lula de Salva'),
  alias('BR', 'Dilma Rousseff', 'Dilma Roussef'),
  alias('BN', 'Hassanal Bolkiah', 'Hassinal Bolkiah', 'Hassan al Bolkiah'),
  alias('BG', 'Petar Stoyanov', 'Peter Stoyanov'),
  alias('CM', 'Ahmadou Ahidjo', 'Ahidjo'),
  alias('CA', 'Diefenbaker', 'Diefenbacker'),
  alias('CA', 'Justin Trudeau', 'Justin P. J. Trudeau'),
  alias('CL', 'Michelle Bachelet', 'Michele Bachelet'),
  alias('CL', 'Gabriel Boric Font', 'Gabriel Boric'),
  alias('CO', 'Juan Manuel Santos', 'Juan Manuel Santos Calderon'),
  // Two presidents-elect of one surname: Pedro Nel Ospina (1922) and Mariano Ospina Pérez (1946).
  { code: 'CO', name: 'Pedro Nel Ospina', variants: ['Ospina'], until: '1930-12-31' },
  { code: 'CO', name: 'Mariano Ospina Perez', variants: ['Ospina'], from: '1940-01-01' },
  alias('CK', 'Mark Brown', 'Mark Stephen Brown'),
  alias('CR', 'Oscar Arias Sanchez', 'Oscar Arias'),
  // José Figueres Ferrer died in 1990; the President at the Summit of the Americas of 1994 was his son.
  { code: 'CR', name: 'Jose Maria Figueres Olsen', variants: ['Jose Figueres Ferrer'], from: '1990-06-09' },
  alias('CI', 'Felix Houphouet-Boigny', 'Houphouet-Boigny'),
  alias('CY', 'Archbishop Makarios III', 'Makarios'),
  alias('DK', 'Jens Otto Krag', 'Krag'),
  alias('DK', 'Anders Fogh Rasmussen', 'Anders Rasmussen'),
  alias('DK', 'Lars Lokke Rasmussen', 'Lars Rasmussen'),
  alias('DJ', 'Ismail Omar Guelleh', 'Ismail Guellah', 'Ismail Guelleh'),
  alias('DO', 'Leonel Fernandez', 'Leonel Fernandez Reyna'),
  alias('EC', 'Guillermo Lasso Mendoza', 'Guillermo Lasso'),
  alias('EG', 'Abdel Fattah al-Sisi', 'Abdelfattah Said Elsisi', 'Abdel Fattah Said Alsisi'),
  alias('SV', 'Francisco Flores', 'Francisco Flores Perez'),
  alias('SV', 'Elias Antonio Saca', 'Elias Saca', 'Elias Saca Gonzalez', 'Saca'),
  alias('GQ', 'Teodoro Obiang Nguema Mbasogo', 'Teodoro Obiang Nguema'),
  alias('ET', 'Hailemariam Desalegn', 'Hailemariam Desalegn Boshe'),
  alias('FI', 'Urho K. Kekkonen', 'Kekkonen'),
  alias('FR', 'Charles de Gaulle', 'de Gaulle'),
  alias('FR', 'Jacques Chirac', 'Jacques R. Chirac'),
  alias('FR', 'Nicolas Sarkozy', 'Nicloas Sarkozy'),
  alias('GA', 'Ali Bongo Ondimba', 'Ali Ben Bongo Odimba'),
  alias('GM', 'Yahya Jammeh', 'Yahya A. J. J. Jammeh'),
  alias('GE', 'Eduard Shevardnadze', 'Eduard A. Shevardnadze', 'Eduard Sheverdnadze'),
  alias('GE', 'Mikheil Saakashvili', 'Mikhail Saakashvili'),
  alias('DE', 'Ludwig Erhard', 'Erhard'),
  alias('DE', 'Richard von Weizsaecker', 'Richard von Weiszaecker'),
  alias('GH', 'John Kufuor', 'John Agyekum Kufuor', 'John Agyokum Kufuor'),
  // Konstantinos Karamanlis (Prime Minister 1955–63, 1974–80) and his nephew Kostas (Prime Minister 2004–09).
  {
    code: 'GR',
    name: 'Konstantinos Karamanlis',
    variants: ['Karamanlis', 'Konstantinos Karamanlis'],
    until: '1999-12-31',
  },
  {
    code: 'GR',
    name: 'Konstandinos Karamanlis',
    variants: ['Konstantinos Karamanlis', 'Konstandinos Karamanlis'],
    from: '2000-01-01',
  },
  alias('GR', 'Costas Simitis', 'Konstandinos Simitis', 'Konstandions Simitis'),
  alias('GN', 'Sekou Toure', 'Toure'),
  alias('HN', 'Manuel Zelaya Rosales', 'Manuel Zelaya'),
  // Juan Orlando Hernández was President from 2014 to 2022; "Hernando" is a slip of the source.
  alias('HN', 'Juan Orlando Hernandez', 'Juan Hernando Hernandez'),
  // Bjarni Benediktsson (1908–1970), Prime Minister 1963–70, and his grandnephew, Prime Minister in 2024.
  {
    code: 'IS',
    name: 'Bjarni Benediktsson',
    variants: ['Benediktsson', 'Bjarni Benediktsson'],
    until: '1999-12-31',
    slug: 'bjarni-benediktsson-1908',
  },
  {
    code: 'IS',
    name: 'Bjarni Benediktsson',
    variants: ['Bjarni Benediktsson'],
    from: '2000-01-01',
    slug: 'bjarni-benediktsson-1970',
  },
  alias('IS', 'David Oddsson', 'David Oddson'),
  alias('ID', 'Suharto', 'Soeharto'),
  alias('ID', 'Abdurrachman Wahid', 'Wahid'),
  alias('IR', 'Mohammad Reza Pahlavi', 'Mohammed Reza Pahlavi'),
  alias('IQ', 'Nuri al-Maliki', 'Nouri al-Maliki'),
  alias('IL', 'Zalman Shazar', 'Shazar'),
  alias('IL', 'Levi Eshkol', 'Eshkol'),
  alias('IL', 'Benjamin Netanyahu', 'Binyamin Netanyahu', 'Benyamin Netanyahu'),
  alias('IT', 'Aldo Moro', 'Moro'),
  alias('IT', 'Amintore Fanfani', 'Fanfani'),
  alias('IT', 'Giulio Andreotti', 'Giulio Giulio Andreotti'),
  alias('IT', 'Carlo Azeglio Ciampi', 'Carlo Ciampi'),
  alias('JP', 'Eisaku Sato', 'Sato'),
  alias('JO', 'Hussein', 'Hussein I'),
  // King Abdullah II's son, who came with him in 2023; not his grandfather King Hussein.
  { code: 'JO', name: 'Hussein bin Abdullah', variants: ['Hussein'], title: 'Crown Prince' },
  alias('JO', 'Abdullah II', 'Abdullah II ibn Al Hussein', 'Abdullah II bin Al-Hussein', 'Abdullah'),
  alias('KE', 'Daniel arap Moi', 'Daniel T. arap Moi'),
  alias('KR', 'Park Chung Hee', 'Park'),
  alias('KW', 'Jabir al-Ahmad al-Sabah', 'Jabir al-Ahmed al-Sabah', 'Jabir al-Sabah'),
  // The Prime Minister of 2003 and 2005, Amir from 2006.
  alias('KW', 'Sabah al-Ahmed al-Jabir al-Sabah', 'Sabah al-Sabah', 'Sabah al-Ahmed al-Jaber al-Sabah'),
  alias('LV', 'Vairi Vike-Freiberga', 'Vairi Vike-Freiburga'),
  alias('LB', 'Rafiq Hariri', 'Rafiq al-Hariri'),
  alias('LB', 'Saad Hariri', 'Sa’ad al-Hariri'),
  alias('LR', 'William V. S. Tubman', 'Tubman'),
  alias('LT', 'Dalia Grybauskaite', 'Galia Grybauskaite'),
  alias('MY', 'Tunku Abdul Rahman', 'Rahman'),
  alias('MY', 'Mahathir bin Muhammad', 'Mahathir Mohamed'),
  alias('MY', 'Najib Razak', 'Najib ben Abdul Razak', 'Mohd Najid Razak'),
  alias('MH', 'Hilda Heine', 'Hilda C. Heine'),
  alias('MU', 'Anerood Jugnauth', 'Aneerood Jugnauth'),
  alias('MX', 'Gustavo Diaz Ordaz', 'Diaz Ordaz', 'Gustavo Gustavo Diaz Ordaz'),
  alias('MX', 'Ernesto Zedillo', 'Ernesto Zedillo Ponce de Leon'),
  alias('MX', 'Felipe Calderon', 'Feilipe Calderon'),
  alias('FM', 'Wesley Simina', 'Wesley W. Simina'),
  alias('MC', 'Rainier III', 'Rainier'),
  alias('MA', 'Mohammed VI', 'Mohamed VI'),
  alias('MZ', 'Joaquim Chissano', 'Joaquim Alberto Chissano'),
  alias('MZ', 'Armando Guebuza', 'Ermando Emilio Guebuza'),
  alias('NA', 'Hifikepunye Pohamba', 'Hifike Pohamba', 'Hilikepunye Lucas Pohamba'),
  alias('NL', 'Ruud Lubbers', 'Rudolphus F. M. (Ruud) Lubbers'),
  alias('NL', 'Wim Kok', 'Willem (Wim) Kok', 'Willem Kok'),
  alias('NL', 'Jan Peter Balkenende', 'Jan Balkenende'),
  alias('NZ', 'Keith J. Holyoake', 'Holyoake'),
  alias('NZ', 'John Key', 'John P. Key'),
  alias('NI', 'Enrique Bolanos', 'Enrique Bolonas'),
  alias('NG', 'Olusegun Obasanjo', 'Olesegun Obasanjo', 'Olesegun Obsanjo', 'Olusegun Obsanjo'),
  alias('NG', 'Muhammadu Buhari', 'Muhammedu Buhari'),
  alias('NO', 'Gro Harlem Brundtland', 'Gro Harlem Bruntland'),
  alias('PK', 'Nawaz Sharif', 'Mohammed Nawaz Sharif'),
  alias('PK', 'Asif Ali Zardari', 'Asif Zardari', 'Asif Zadari'),
  alias('PK', 'Yusuf Raza Gilani', 'Yousuf Gillani'),
  alias('PW', 'Surangel Whipps Jr.', 'Surangel Samuel Whipps, Jr.'),
  alias('PE', 'Alberto Fujimori', 'Alberto K. Fujimori'),
  alias('PH', 'Benigno S. Aquino III', 'Benigno Aquino 3rd', 'Benigno S. Aquino, 3rd'),
  alias('PH', 'Ferdinand Marcos Jr.', 'Ferdinand Romualdez Marcos Jr.'),
  alias('PL', 'Aleksander Kwasniewski', 'Alexander Kwasniewski'),
  alias('PT', 'Anibal Cavaco Silva', 'Anibal Antonio Cavaco e Silva'),
  alias('PT', 'Jose Manuel Durao', 'Jose Durao'),
  alias('QA', 'Tamim bin Hamad al-Thani', 'Tameem bin Hamad al-Thani'),
  alias('RO', 'Klaus Iohannis', 'Klaus Werner Iohannis'),
  alias('RU', 'Viktor Chernomyrdin', 'Viktor S. Chernomyrdin'),
  alias('RU', 'Dmitri Medvedev', 'Dimitry Medvedev', 'Dmitriy Medvedev', 'Dimitry A. Medvedev'),
  alias('RW', 'Gregoire Kayibanda', 'Kayibanda'),
  alias('SA', 'Abdullah bin Abd-el Aziz al-Saud', 'Abdullah bin Albdul Aziz'),
  alias('SN', 'Leopold Sedar Senghor', 'Senghor'),
  alias('SL', 'Ernest Bai Koroma', 'Ernest Koroma'),
  alias('SG', 'Lee Hsien Loong', 'Lee Hsien Leong'),
  alias('ZA', 'Jacob Zuma', 'Jacob Gedleyihleskisa Zuma'),
  alias('ES', 'Jose Maria Aznar', 'Jose Aznar'),
  alias('LK', 'Ranil Wickremesinghe', 'Ranil Wickremasinghe'),
  alias('SD', 'Jaafar Nimeiri', 'Jaafar Nimieri'),
  alias('SE', 'Fredrik Reinfeldt', 'John Fredrik Reinfeldt', 'Fredrik Reingeldt'),
  // One man: Emomali Rakhmonov took the name Rahmon in 2007.
  alias('TJ', 'Emomali Rahmon', 'Emomali Rakhmonov'),
  alias('TZ', 'Julius K. Nyerere', 'Nyerere'),
  alias('TZ', 'Jakaya Kikwete', 'Jakaya Mrisho Kikwete'),
  alias('TH', 'Bhumibol Adulyadej', 'Bhumibol'),
  alias('TH', 'Thaksin Shinawatra', 'Thaksin Chinnawat'),
  alias('TO', 'Siaosi Sovaleni', 'Siaosi Ofa Ki Vahafolau Sovaleni'),
  alias('TN', 'Habib Bourguiba', 'Bourguiba'),
  alias('TN', 'Zine El Abidine Ben Ali', 'Zine al Abidine Ben Ali'),
  alias('TR', 'Suleyman Demirel', 'Suleiman Demirel', 'Suleyman Demiral'),
  alias('TR', 'Recep Tayyip Erdoğan', 'Recep Erdogan'),
  alias('UA', 'Petro Poroshenko', 'Petro Porochenko'),
  alias('UA', 'Volodymyr Zelenskyy', 'Volodymyr Zelensky'),
  alias('GB', 'Harold Wilson', 'Wilson'),
  alias('UZ', 'Islam Karimov', 'Islom Karimov'),
  alias('YE', 'Ali Abdullah Saleh', 'Ali Abdallah Salih'),
  alias('RS', 'Josip Broz Tito', 'Tito'),
];

function aliasFor(code: string, visitor: Visitor, date: string): Alias | undefined {
  const key = spellingKey(visitor.name);
  return VISITOR_ALIASES.find(
    (entry) =>
      entry.code === code &&
      entry.variants.some((variant) => spellingKey(variant) === key) &&
      (entry.title === undefined || entry.title === visitor.title) &&
      (entry.from === undefined || date >= entry.from) &&
      (entry.until === undefined || date <= entry.until),
  );
}

/** A foreign official made from visit records, before their slug is settled. */
type Person = {
  key: string;
  code: string;
  aliasName?: string;
  aliasSlug?: string;
  firstLine: number;
  spellings: Map<string, { count: number; last: string }>;
  roles: Map<string, { title: string; label: string; first: string; last: string }>;
};

/** What the visits file makes: the officials, and which of them each visit record names. */
export type VisitorIndex = {
  officials: (Omit<OfficialRecord, 'line'> & { slug: string; firstLine: number })[];
  /** The officials one visit names, in the record's order; undefined for a visit whose country is rejected. */
  participantsOf(sourceId: string): { slug: string; country: string }[] | undefined;
};

const isBareName = (name: string) => /^[^\s]+(?: [IVX]+)?$/.test(name.trim());

/**
 * The officials of the visits, merged by person and country. Slugs are readable and unique: a single name
 * ("Hussein", "Albert I") always carries its country (`hussein-jo`), since a later record could name a
 * namesake; a full name carries it only when another official shares the name; `taken` (the US officials'
 * slugs) is never reused.
 */
export function buildVisitorIndex(
  visits: Iterable<{ line: number; record: OohVisit }>,
  taken: Iterable<string> = [],
): VisitorIndex {
  const people = new Map<string, Person>();
  const bySource = new Map<string, Person[]>();
  for (const { line, record } of visits) {
    const country = mapOohCountry(record.country_id, record.country);
    if (country.code === undefined) continue;
    const code = country.code;
    const named: Person[] = [];
    for (const visitor of visitorsOf(record)) {
      const matched = aliasFor(code, visitor, record.start_date);
      const key = `${code}|${matched?.slug ?? spellingKey(matched?.name ?? visitor.name)}`;
      let person = people.get(key);
      if (!person) {
        person = { key, code, firstLine: line, spellings: new Map(), roles: new Map() };
        people.set(key, person);
      }
      // One alias may send several spellings to a person another (unaliased) spelling opened first.
      if (matched) {
        person.aliasName = matched.name;
        person.aliasSlug = matched.slug;
      }
      const spelling = person.spellings.get(visitor.name) ?? { count: 0, last: record.start_date };
      spelling.count += 1;
      if (record.start_date > spelling.last) spelling.last = record.start_date;
      person.spellings.set(visitor.name, spelling);
      const roleKey = `${visitor.title}|${record.country}`;
      const role = person.roles.get(roleKey) ?? {
        title: visitor.title,
        label: record.country,
        first: record.start_date,
        last: record.start_date,
      };
      if (record.start_date < role.first) role.first = record.start_date;
      if (record.start_date > role.last) role.last = record.start_date;
      person.roles.set(roleKey, role);
      named.push(person);
    }
    bySource.set(record.source_id, named);
  }

  const nameOf = (person: Person) => person.aliasName ?? shownSpelling(person.spellings);
  const slugs = assignSlugs([...people.values()], nameOf, new Set(taken));
  const officials = [...people.values()]
    .sort((a, b) => a.firstLine - b.firstLine)
    .map((person) => {
      const name = nameOf(person);
      return {
        slug: slugs.get(person.key)!,
        name,
        country: person.code,
        otherSpellings: [...person.spellings.keys()].filter((spelling) => spelling !== name),
        bio: bioOf(person),
        positions: [],
        firstLine: person.firstLine,
      };
    });
  return {
    officials,
    participantsOf: (sourceId) =>
      bySource.get(sourceId)?.map((person) => ({ slug: slugs.get(person.key)!, country: person.code })),
  };
}

// The spelling most records use; on a tie the latest, since the source's spelling has improved over time.
function shownSpelling(spellings: Person['spellings']): string {
  return [...spellings.entries()].sort(([, a], [, b]) => b.count - a.count || b.last.localeCompare(a.last))[0][0];
}

function assignSlugs(people: Person[], nameOf: (person: Person) => string, taken: Set<string>): Map<string, string> {
  const base = new Map<string, string>();
  for (const person of people) {
    const name = nameOf(person);
    const slug = person.aliasSlug ?? slugForName(name);
    base.set(person.key, isBareName(name) && !person.aliasSlug ? `${slug}-${person.code.toLowerCase()}` : slug);
  }
  const counts = new Map<string, number>();
  for (const slug of [...base.values(), ...taken]) counts.set(slug, (counts.get(slug) ?? 0) + 1);
  const slugs = new Map<string, string>();
  const used = new Set(taken);
  // Namesakes of two countries both carry their country; of one country, the later one also its first year.
  // People go in order of their first record, so the outcome never depends on the order of a Map.
  for (const person of [...people].sort((a, b) => a.firstLine - b.firstLine)) {
    const suffix = `-${person.code.toLowerCase()}`;
    let slug = base.get(person.key)!;
    if ((counts.get(slug) ?? 0) > 1 && !slug.endsWith(suffix)) slug += suffix;
    if (used.has(slug))
      slug += `-${Math.min(...[...person.roles.values()].map((role) => Number(role.first.slice(0, 4))))}`;
    if (used.has(slug)) throw new Error(`Two OOH visitors would share the slug ${slug}: give one an alias with a slug`);
    used.add(slug);
    slugs.set(person.key, slug);
  }
  return slugs;
}

// "Prime Minister of Greece, 1990–1992; …": each title under each country label, with the years of its visits.
// A record without a title adds nothing once another record has one.
function bioOf(person: Person): string {
  const all = [...person.roles.values()];
  const titled = all.some((role) => role.title) ? all.filter((role) => role.title) : all;
  // Two labels of one country ("Korea", "Korea, South") read the same once phrased: one entry.
  const entries = new Map<string, { first: string; last: string }>();
  for (const role of titled) {
    const phrase = role.title
      ? `${role.title} of ${countryPhrase(role.label)}`
      : `Visitor from ${countryPhrase(role.label)}`;
    const entry = entries.get(phrase);
    entries.set(phrase, {
      first: entry && entry.first < role.first ? entry.first : role.first,
      last: entry && entry.last > role.last ? entry.last : role.last,
    });
  }
  const parts = [...entries]
    .sort(([, a], [, b]) => a.first.localeCompare(b.first))
    .map(([phrase, { first, last }]) =>
      first.slice(0, 4) === last.slice(0, 4)
        ? `${phrase}, ${first.slice(0, 4)}`
        : `${phrase}, ${first.slice(0, 4)}–${last.slice(0, 4)}`,
    );
  return `${parts.join('; ')} (as recorded by the Office of the Historian, U.S. Department of State)`;
}

// The source's labels read as index entries ("Korea, South"); in a sentence they read "of South Korea".
const TAKES_THE =
  /^(?:Republic|Democratic|Federal|Federated|Former|People|United|Union|Holy|Netherlands|Bahamas|Philippines|Czech Republic|Dominican|Central African|Marshall|Solomon|Cook|Maldives|Comoros|Seychelles|Kyrgyz|Slovak|German|Bosnian|U\.S\.S\.R\.|West Bank|Palestinian)/;

function countryPhrase(label: string): string {
  const inverted = label.replace(/^([^,(]+), ([^,(]+)$/, '$2 $1');
  return TAKES_THE.test(inverted) ? `the ${inverted}` : inverted;
}
