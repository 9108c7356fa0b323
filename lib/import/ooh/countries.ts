/**
 * The countries of the Office of the Historian (OOH) records, as ISO 3166-1 alpha-2 codes.
 *
 * The table is keyed by the source's `country_id` slug, which the OOH keeps per country across renames
 * (`russia` holds both `Russia` and `U.S.S.R.`), and lists every `country` label seen under it. A record whose
 * slug or label is not listed maps to nothing, so a new label in a later snapshot (say, `Republic of China`
 * under `china`) is reported instead of silently taking the slug's code.
 *
 * Rules, in order:
 * 1. A renamed state keeps its code: Ceylon is LK, Upper Volta is BF, Zaire is CD, Swaziland is SZ.
 * 2. A state that no longer exists maps to the state that continues it internationally, i.e. holds its seat
 *    and its treaties: the U.S.S.R. is RU, Yugoslavia (the kingdom of 1942 included) and Serbia and Montenegro
 *    are RS, Czechoslovakia is CZ, the German Democratic Republic (and the Federal Republic) are DE, the Yemen
 *    Arab Republic is YE, Tanganyika is TZ, Malaya is MY, Rhodesia is ZW, the Republic of Vietnam (recorded
 *    as `Vietnam`) is VN, and the Republic of China of 1945 (recorded under `china`) is CN, since China's seat
 *    passed to the People's Republic; the Republic of China on Taiwan after 1949 (slug `taiwan`) is TW.
 *    A government in exile or a provisional government is its state's (Poland 1941–44, France 1945).
 * 3. A dissolved dependency with no code of its own maps to the state that conducted its foreign relations:
 *    the Netherlands Antilles are NL. A territory that has a code today keeps it when the source names it as
 *    the country (Cook Islands CK, Niue NU, French Polynesia PF, New Caledonia NC, Kosovo XK); a place the
 *    source only names in brackets after a country stays with that country (`Denmark (Greenland)` is DK,
 *    `United Kingdom (Northern Ireland)` is GB), because the slug is the country's.
 * 4. The West Bank and the Palestinian Authority are PS; the Holy See (`Vatican City`) is VA.
 * 5. What is not a foreign country gets a reason instead of a code: a place with no state of its own, and
 *    a state the United States itself continues (a contact within one country is not tracked).
 */

/** Where one OOH country goes: a country code, or the reason its records are not imported. */
export type OohCountry = { code: string; reject?: undefined } | { code?: undefined; reject: string };

type Entry = OohCountry & {
  /** Every `country` label the source gives under this slug. */
  labels: readonly string[];
  /** Why a historical state or territory maps where it does (rules 2 and 3 above); shown in the README. */
  note?: string;
};

const same = (code: string, ...labels: string[]): Entry => ({ code, labels });
const historical = (code: string, note: string, ...labels: string[]): Entry => ({ code, note, labels });

/** Every OOH `country_id` of both files, with its labels and where it maps. */
export const OOH_COUNTRIES: Readonly<Record<string, Entry>> = {
  afghanistan: same('AF', 'Afghanistan', 'Afghanistan (Interim Authority)'),
  albania: same('AL', 'Albania'),
  algeria: same('DZ', 'Algeria'),
  angola: same('AO', 'Angola'),
  antarctica: {
    reject:
      'Antarctica is no country: no state governs it (Antarctic Treaty), and the one visit recorded was to US ' +
      'research stations, so no officials of another country were met',
    labels: ['Antarctica'],
  },
  'antigua-barbuda': same('AG', 'Antigua and Barbuda'),
  argentina: same('AR', 'Argentina'),
  armenia: same('AM', 'Armenia'),
  australia: same('AU', 'Australia'),
  austria: same('AT', 'Austria'),
  azerbaijan: same('AZ', 'Azerbaijan'),
  bahamas: same('BS', 'Bahamas'),
  bahrain: same('BH', 'Bahrain'),
  bangladesh: same('BD', 'Bangladesh'),
  barbados: same('BB', 'Barbados'),
  belarus: same('BY', 'Belarus', 'Byelorussia'),
  belgium: same('BE', 'Belgium'),
  belize: same('BZ', 'Belize'),
  benin: same('BJ', 'Benin', 'Dahomey (Benin)'),
  bolivia: same('BO', 'Bolivia'),
  'bosnia-herzegovina': same('BA', 'Bosnia', 'Bosnia and Herzegovina', 'Bosnia-Herzegovina', 'Bosnian Federation'),
  botswana: same('BW', 'Botswana'),
  brazil: same('BR', 'Brazil'),
  brunei: same('BN', 'Brunei', 'Brunei Darussalam'),
  bulgaria: same('BG', 'Bulgaria'),
  'burkina-faso': same('BF', 'Burkina Faso', 'Upper Volta', 'Upper Volta (Burkina Faso)'),
  burma: same('MM', 'Burma', 'Burma (Myanmar)'),
  burundi: same('BI', 'Burundi'),
  cambodia: same('KH', 'Cambodia', 'Khmer Republic (Cambodia)'),
  cameroon: same('CM', 'Cameroon'),
  canada: same('CA', 'Canada'),
  'cape-verde': same('CV', 'Cabo Verde', 'Cape Verde'),
  'central-african-republic': same('CF', 'Central African Republic'),
  chad: same('TD', 'Chad'),
  chile: same('CL', 'Chile'),
  china: historical(
    'CN',
    'The Republic of China of 1945 (Premier Soong) governed the mainland; China’s seat and treaties passed to the People’s Republic.',
    'China',
    'China, People’s Republic of',
    'China, Republic of',
  ),
  colombia: same('CO', 'Colombia'),
  comoros: same('KM', 'Comoros'),
  'congo-democratic-republic': same('CD', 'Congo, Democratic Republic of', 'Democratic Republic of the Congo (Zaire)'),
  'congo-kinshasa': same('CD', 'Congo, Democratic Republic of'),
  'congo-republic': same('CG', 'Congo, Republic of'),
  'cook-islands': same('CK', 'Cook Islands'),
  'costa-rica': same('CR', 'Costa Rica'),
  'cote-divoire': same('CI', "Cote d'Ivoire", 'Cote d’Ivoire', 'Ivory Coast'),
  croatia: same('HR', 'Croatia'),
  cuba: same('CU', 'Cuba', 'Cuba (Provisional Government)'),
  cyprus: same('CY', 'Cyprus'),
  'czech-republic': same('CZ', 'Czech Republic'),
  czechia: same('CZ', 'Czechia'),
  czechoslovakia: historical(
    'CZ',
    'Czechia continues Czechoslovakia (dissolved 1993), as its seat at the UN shows; its government in exile (1943) is the same state.',
    'Czechoslovakia',
    'Czechoslovakia (government-in-exile)',
  ),
  denmark: same('DK', 'Denmark', 'Denmark (Greenland)'),
  djibouti: same('DJ', 'Djibouti'),
  dominica: same('DM', 'Dominica'),
  'dominican-republic': same('DO', 'Dominican Republic'),
  ecuador: same('EC', 'Ecuador'),
  egypt: same('EG', 'Egypt'),
  'el-salvador': same('SV', 'El Salvador'),
  'equatorial-guinea': same('GQ', 'Equatorial Guinea'),
  eritrea: same('ER', 'Eritrea'),
  estonia: same('EE', 'Estonia'),
  eswatini: same('SZ', 'Eswatini'),
  ethiopia: same('ET', 'Ethiopia'),
  fiji: same('FJ', 'Fiji'),
  finland: same('FI', 'Finland'),
  france: same('FR', 'France', 'France (Provisional Government)'),
  'french-polynesia': historical(
    'PF',
    'A French territory with its own code, named by the source as the country of its President’s visits.',
    'French Polynesia',
  ),
  gabon: same('GA', 'Gabon'),
  gambia: same('GM', 'The Gambia'),
  georgia: same('GE', 'Georgia'),
  'german-democratic-republic': historical(
    'DE',
    'The German Democratic Republic acceded to the Federal Republic in 1990; Germany continues both.',
    'German Democratic Republic',
  ),
  germany: same('DE', 'Germany', 'Germany, Federal Republic of'),
  ghana: same('GH', 'Ghana'),
  greece: same('GR', 'Greece'),
  grenada: same('GD', 'Grenada'),
  guatemala: same('GT', 'Guatemala'),
  guinea: same('GN', 'Guinea'),
  'guinea-bissau': same('GW', 'Guinea-Bissau'),
  guyana: same('GY', 'Guyana'),
  haiti: same('HT', 'Haiti'),
  hawaii: {
    reject:
      'The Kingdom (later Republic) of Hawaii was annexed by the United States in 1898, so the state that ' +
      'continues it is the US itself, and a contact within one country is not tracked',
    labels: ['Hawaii'],
  },
  'holy-see': same('VA', 'Holy See', 'Vatican City'),
  honduras: same('HN', 'Honduras'),
  hungary: same('HU', 'Hungary'),
  iceland: same('IS', 'Iceland'),
  india: same('IN', 'India'),
  indonesia: same('ID', 'Indonesia'),
  iran: same('IR', 'Iran'),
  iraq: same('IQ', 'Iraq'),
  ireland: same('IE', 'Ireland'),
  israel: same('IL', 'Israel', 'Israel (Provisional Government)'),
  italy: same('IT', 'Italy'),
  jamaica: same('JM', 'Jamaica'),
  japan: same('JP', 'Japan'),
  jordan: same('JO', 'Jordan'),
  kazakhstan: same('KZ', 'Kazakhstan'),
  kenya: same('KE', 'Kenya'),
  kiribati: same('KI', 'Kiribati'),
  korea: same('KR', 'Korea, South'),
  'korea-north': same('KP', 'Korea, North'),
  'korea-south': same('KR', 'Korea', 'Korea, Republic of', 'Korea, South', 'South Korea'),
  kosovo: historical(
    'XK',
    'Kosovo has its own (user-assigned, widely used) code; the source files the visits of 1999 and 2001, labelled Serbia-Montenegro (Kosovo) and Yugoslavia (Kosovo), under Kosovo.',
    'Kosovo',
    'Serbia-Montenegro (Kosovo)',
    'Yugoslavia (Kosovo)',
  ),
  kuwait: same('KW', 'Kuwait'),
  kyrgyzstan: same('KG', 'Kirghizia', 'Kyrgyz Republic', 'Kyrgyzstan'),
  laos: same('LA', 'Laos'),
  latvia: same('LV', 'Latvia'),
  lebanon: same('LB', 'Lebanon'),
  lesotho: same('LS', 'Lesotho'),
  liberia: same('LR', 'Liberia'),
  libya: same('LY', 'Libya'),
  liechtenstein: same('LI', 'Liechtenstein'),
  lithuania: same('LT', 'Lithuania'),
  luxembourg: same('LU', 'Luxembourg'),
  macedonia: same('MK', 'Macedonia', 'Macedonia, Former Yugoslav Republic of'),
  madagascar: same('MG', 'Madagascar'),
  malawi: same('MW', 'Malawi'),
  malaysia: historical(
    'MY',
    'Malaysia (1963) continues the Federation of Malaya, which it enlarged.',
    'Malaya',
    'Malaysia',
  ),
  maldives: same('MV', 'Maldives'),
  mali: same('ML', 'Mali'),
  malta: same('MT', 'Malta'),
  'marshall-islands': same('MH', 'Marshall Islands'),
  mauritania: same('MR', 'Mauritania'),
  mauritius: same('MU', 'Mauritius'),
  mexico: same('MX', 'Mexico'),
  micronesia: same('FM', 'Micronesia', 'Micronesia, Federated States of'),
  moldova: same('MD', 'Moldova'),
  monaco: same('MC', 'Monaco'),
  mongolia: same('MN', 'Mongolia'),
  montenegro: same('ME', 'Montenegro'),
  morocco: same('MA', 'Morocco'),
  mozambique: same('MZ', 'Mozambique'),
  namibia: same('NA', 'Namibia'),
  nauru: same('NR', 'Nauru'),
  nepal: same('NP', 'Nepal'),
  netherlands: same('NL', 'Netherlands'),
  'netherlands-antilles': historical(
    'NL',
    'The Netherlands Antilles (dissolved 2010) were a country within the Kingdom of the Netherlands, which conducted their foreign relations; no sovereign state of their own continues them.',
    'Netherlands Antilles',
  ),
  'new-caledonia': historical(
    'NC',
    'A French territory with its own code, named by the source as the country of its President’s visits.',
    'New Caledonia',
  ),
  'new-zealand': same('NZ', 'New Zealand'),
  nicaragua: same('NI', 'Nicaragua'),
  niger: same('NE', 'Niger'),
  nigeria: same('NG', 'Nigeria'),
  niue: same('NU', 'Niue'),
  'north-macedonia': same('MK', 'North Macedonia'),
  norway: same('NO', 'Norway'),
  oman: same('OM', 'Muscat & Oman', 'Oman'),
  pakistan: same('PK', 'Pakistan'),
  palau: same('PW', 'Palau'),
  'palestinian-authority': same('PS', 'Palestinian Authority'),
  panama: same('PA', 'Panama'),
  'papua-new-guinea': same('PG', 'Papua New Guinea'),
  paraguay: same('PY', 'Paraguay'),
  peru: same('PE', 'Peru'),
  philippines: same('PH', 'Philippines'),
  poland: same('PL', 'Poland', 'Poland (government-in-exile)'),
  portugal: same('PT', 'Portugal'),
  qatar: same('QA', 'Qatar'),
  romania: same('RO', 'Romania'),
  russia: historical(
    'RU',
    'Russia continues the U.S.S.R. (dissolved 1991): it took over the Soviet seat on the Security Council and its treaties.',
    'Russia',
    'U.S.S.R.',
  ),
  rwanda: same('RW', 'Rwanda'),
  'saint-kitts-nevis': same('KN', 'St. Christopher and Nevis', 'St. Kitts and Nevis'),
  'saint-lucia': same('LC', 'Saint Lucia', 'St. Lucia'),
  'saint-vincent-grenadines': same('VC', 'St. Vincent and the Grenadines'),
  samoa: same('WS', 'Samoa', 'Western Samoa'),
  'sao-tome-and-principe': same('ST', 'Sao Tome and Principe'),
  'saudi-arabia': same('SA', 'Saudi Arabia'),
  senegal: same('SN', 'Senegal'),
  serbia: historical(
    'RS',
    'Serbia continues Serbia and Montenegro (dissolved 2006), as it had continued the Federal Republic of Yugoslavia.',
    'Serbia',
    'Serbia and Montenegro',
  ),
  seychelles: same('SC', 'Seychelles'),
  'sierra-leone': same('SL', 'Sierra Leone'),
  singapore: same('SG', 'Singapore'),
  slovakia: same('SK', 'Slovak Republic', 'Slovakia'),
  slovenia: same('SI', 'Slovenia'),
  'solomon-islands': same('SB', 'Solomon Islands'),
  somalia: same('SO', 'Somali Republic', 'Somalia'),
  // The source's misspelt slug for Samoa's visit of 2022.
  somoa: same('WS', 'Somoa'),
  'south-africa': same('ZA', 'South Africa', 'Union of South Africa'),
  'south-sudan': same('SS', 'South Sudan'),
  spain: same('ES', 'Spain'),
  'sri-lanka': same('LK', 'Ceylon', 'Ceylon (Sri Lanka)', 'Sri Lanka'),
  sudan: same('SD', 'Sudan'),
  suriname: same('SR', 'Suriname'),
  swaziland: same('SZ', 'Swaziland'),
  sweden: same('SE', 'Sweden'),
  switzerland: same('CH', 'Switzerland'),
  syria: same('SY', 'Syria'),
  taiwan: historical(
    'TW',
    'The Republic of China on Taiwan after 1949 (slug taiwan), as distinct from the China of 1945 (slug china).',
    'China, Republic of',
    'Republic of China',
  ),
  tajikistan: same('TJ', 'Tajikistan'),
  tanzania: historical(
    'TZ',
    'Tanzania (1964) continues Tanganyika, which united with Zanzibar.',
    'Tanganyika',
    'Tanzania',
  ),
  thailand: same('TH', 'Siam (Thailand)', 'Thailand'),
  'timor-leste': same('TL', 'East Timor', 'Timor Leste'),
  togo: same('TG', 'Togo'),
  tonga: same('TO', 'Tonga'),
  'trinidad-and-tobago': same('TT', 'Trinidad and Tobago'),
  tunisia: same('TN', 'Tunisia'),
  turkey: same('TR', 'Turkey'),
  turkiye: same('TR', 'Türkiye'),
  turkmenistan: same('TM', 'Turkmenistan'),
  tuvalu: same('TV', 'Tuvalu'),
  uganda: same('UG', 'Uganda'),
  ukraine: same('UA', 'Ukraine'),
  'united-arab-emirates': same('AE', 'United Arab Emirates'),
  'united-kingdom': same('GB', 'United Kingdom', 'United Kingdom (Northern Ireland)', 'United Kingdom (Wales)'),
  uruguay: same('UY', 'Uruguay'),
  uzbekistan: same('UZ', 'Uzbekistan'),
  venezuela: same('VE', 'Venezuela'),
  vietnam: historical(
    'VN',
    'The label covers the State and Republic of Vietnam (South Vietnam, 1951–1973 here) as well as today’s Vietnam, which absorbed it in 1976.',
    'Vietnam',
  ),
  'west-bank': same('PS', 'West Bank'),
  yemen: historical(
    'YE',
    'The Republic of Yemen (1990) continues the Yemen Arab Republic (North Yemen) of the 1972 and 1990 records.',
    'Yemen',
    'Yemen Arab Republic',
  ),
  yugoslavia: historical(
    'RS',
    'Serbia continues Yugoslavia: the Federal Republic of Yugoslavia claimed the continuity, became Serbia and Montenegro, then Serbia (2006). This covers the Kingdom (King Peter II, 1942) and the Socialist Federal Republic alike.',
    'Yugoslavia',
  ),
  zambia: same('ZM', 'Zambia'),
  zimbabwe: historical(
    'ZW',
    'Zimbabwe (1980) continues Southern Rhodesia and Zimbabwe Rhodesia (1979).',
    'Southern Rhodesia (Zimbabwe)',
    'Zimbabwe',
    'Zimbabwe Rhodesia',
  ),
};

/**
 * The code (or the reason for none) of an OOH record's country, by its `country_id` and `country` label.
 * A slug or label the table does not list is a reject that names itself, so the table can be extended.
 */
export function mapOohCountry(countryId: string, label: string): OohCountry {
  const entry = Object.hasOwn(OOH_COUNTRIES, countryId) ? OOH_COUNTRIES[countryId] : undefined;
  if (!entry || !entry.labels.includes(label)) {
    return { reject: `Unknown country “${label}” (${countryId}): add it to lib/import/ooh/countries.ts` };
  }
  return entry.code !== undefined ? { code: entry.code } : { reject: entry.reject };
}
