import { analyseReadout } from '../readouts/analyse';
import type { OpenApiOperation } from './openapi';
import { answerWithExamples, errorAnswer, internalError, jsonBody, ref } from './openapi-parts';

/*
 * The readout parser's part of the OpenAPI document (lib/api/openapi.ts
 * spreads it in): its one operation, with an example answer
 * computed by the parser itself, so the document cannot drift from it.
 */

const EXAMPLE_TEXT =
  'Secretary of Defense Lloyd J. Austin III spoke with Russian Minister of Defense Sergei Shoigu on Friday for about an hour.';

/** The parser's answer for the example, against a directory of the two officials it names. */
const exampleAnalysis = analyseReadout({
  text: EXAMPLE_TEXT,
  url: 'https://www.defense.gov/News/Releases/',
  publishedAt: '2022-05-16',
  today: '2022-05-16',
  officials: [
    {
      id: 'cm1austin',
      slug: 'lloyd-austin',
      name: 'Lloyd Austin',
      country: 'US',
      spellings: ['Lloyd Austin', 'Lloyd J. Austin III'],
      positions: [
        { title: 'Secretary of Defense', officeKey: 'US:SECDEF', startDate: '2021-01-22', endDate: '2025-01-20' },
      ],
    },
    {
      id: 'cm1shoigu',
      slug: 'sergei-shoigu',
      name: 'Sergei Shoigu',
      country: 'RU',
      spellings: ['Sergei Shoigu'],
      positions: [
        { title: 'Minister of Defence', officeKey: 'RU:MINDEF', startDate: '2012-11-06', endDate: '2024-05-12' },
      ],
    },
  ],
});

const emptyAnalysis = analyseReadout({ text: 'The weather was fine.', today: '2022-05-16', officials: [] });

/** `POST /api/v1/readouts/parse`. */
export const parseReadoutOperation: OpenApiOperation = {
  operationId: 'parseReadout',
  summary: 'Propose a contact from a readout',
  description:
    'Reads the text of a readout (a ministry’s statement of a call or meeting) by deterministic local rules, and ' +
    'proposes the date, participants (matched to officials by every recorded spelling, or by title and country ' +
    'through the positions held that day), type, status, initiator, duration, location and source. Each proposed ' +
    'field carries the phrase it was read from (`evidence`, with its offsets in `text`) and a confidence. It ' +
    'writes nothing and needs no token. A text in which nothing is recognised gives an empty proposal, ' +
    '`empty: true`, and a message, with status 200.',
  tags: ['Contacts'],
  parameters: [],
  requestBody: jsonBody('The readout.', ref('ReadoutInput'), {
    readout: {
      summary: 'The Pentagon’s readout of 13 May 2022',
      value: { text: EXAMPLE_TEXT, url: 'https://www.defense.gov/News/Releases/', publishedAt: '2022-05-16' },
    },
  }),
  responses: {
    '200': answerWithExamples('The proposal.', ref('ReadoutAnalysis'), {
      readout: { summary: 'Read', value: exampleAnalysis },
      empty: { summary: 'Nothing recognised', value: emptyAnalysis },
    }),
    '400': errorAnswer('The body is not JSON, or the text is missing or too long, or the URL or date is malformed.', {
      code: 'INVALID',
      message: 'Invalid parameter “url”: Enter a full web address starting with https://',
      fields: { url: ['Enter a full web address starting with https://'] },
    }),
    '500': internalError,
  },
};
