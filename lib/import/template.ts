import Papa from 'papaparse';
import { OPTIONAL_COLUMNS, REQUIRED_COLUMNS } from './contract';

/**
 * The downloadable template: every column of the contract, and rows showing a held call with its source,
 * a refused request known to the month, and a meeting whose other side a record names only by country.
 */
const EXAMPLES: Record<string, string>[] = [
  {
    external_id: 'my-dataset-0001',
    date: '2022-05-13',
    type: 'CALL',
    status: 'HELD',
    participant_a: 'Lloyd Austin',
    country_a: 'US',
    participant_b: 'Sergei Shoigu',
    country_b: 'RU',
    source_url: 'https://www.defense.gov/News/Releases/Release/Article/3031434/',
    date_precision: 'DAY',
    initiator: 'a',
    duration_minutes: '60',
    summary: 'First call since 18 February; Austin urged an immediate ceasefire in Ukraine.',
    topics: 'ukraine;ceasefire',
    source_publisher: 'U.S. Department of Defense',
    source_title:
      'Readout of Secretary of Defense Lloyd J. Austin III’s Call With Russian Minister of Defense Sergei Shoigu',
    source_published_at: '2022-05-13',
    source_quote: 'Secretary of Defense Lloyd J. Austin III spoke with Russian Minister of Defense Sergei Shoigu today',
  },
  {
    external_id: 'my-dataset-0002',
    date: '2022-03',
    date_precision: 'MONTH',
    type: 'CALL',
    status: 'REFUSED',
    participant_a: 'lloyd-austin',
    country_a: 'US',
    participant_b: 'Q23460',
    country_b: 'RU',
    initiator: 'a',
    source_url: 'https://example.org/report-of-the-refusal',
    summary: 'Requests for a call went unanswered.',
  },
  {
    external_id: 'my-dataset-0003',
    date: '2023-06-19',
    type: 'MEETING',
    status: 'HELD',
    participant_a: 'Lloyd Austin',
    country_a: 'US',
    participant_b: '',
    country_b: 'CN',
    location: 'Singapore',
    source_url: 'https://example.org/a-record-naming-only-the-country-met',
    summary: 'Leave a participant empty, with its country, when the record names only the country met.',
  },
];

const COLUMNS = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS];

export const CONTACT_TEMPLATE = `${Papa.unparse(
  { fields: COLUMNS, data: EXAMPLES.map((row) => COLUMNS.map((column) => row[column] ?? '')) },
  { newline: '\n' },
)}\n`;
