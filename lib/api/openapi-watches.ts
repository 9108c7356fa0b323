import type { Permission } from '../auth/permissions';
import type { JsonSchema, OpenApiOperation, OpenApiParameter, OpenApiPathItem, OpenApiResponse } from './openapi';
import { errorAnswer, errorContent, ref } from './openapi-parts';

/*
 * The watches part of the OpenAPI document (lib/api/openapi.ts): the routes under /api/v1/watches.
 * Unlike the rest of the read API these are private: every method, reads included, needs the API
 * token of the watches' owner, of any role.
 */

type Helpers = {
  write: (permission: Permission, operation: Omit<OpenApiOperation, 'security' | 'x-permission'>) => OpenApiOperation;
  responses: Record<string, OpenApiResponse>;
};

const text: JsonSchema = { type: 'string' };

function object(properties: Record<string, JsonSchema>, optional: string[] = []): JsonSchema {
  return {
    type: 'object',
    properties,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
    additionalProperties: false,
  };
}

export const watchExample = {
  id: 'cm4watch0000austinshoigu',
  level: 'OFFICIAL',
  pair: {
    a: { key: 'cm4official0000austin0000', label: 'Lloyd Austin' },
    b: { key: 'cm4official0000shoigu0000', label: 'Sergei Shoigu' },
    href: '/pairs/officials/lloyd-austin/sergei-shoigu',
    title: 'Lloyd Austin – Sergei Shoigu',
  },
  threshold: { days: 60, multiple: null, effectiveDays: 60, text: '60 days' },
  medianGapDays: 84,
  silence: { since: '2022-02-18', days: 84, running: true },
  status: 'PAST',
  overBy: 24,
  crossedSince: '2022-02-18',
  createdAt: '2022-03-01T09:00:00.000Z',
  links: { self: '/api/v1/watches/cm4watch0000austinshoigu', pair: '/pairs/officials/lloyd-austin/sergei-shoigu' },
};

export const watchEventExample = {
  id: 'cm4event0000crossed00000',
  watchId: watchExample.id,
  kind: 'ENDED',
  level: 'OFFICIAL',
  pair: {
    a: watchExample.pair.a.key,
    b: watchExample.pair.b.key,
    title: watchExample.pair.title,
    href: watchExample.pair.href,
  },
  silenceSince: '2022-02-18',
  days: 84,
  thresholdDays: 60,
  endedOn: '2022-05-13',
  occurredAt: '2022-05-13T18:05:00.000Z',
  text: 'Lloyd Austin – Sergei Shoigu: a contact on 2022-05-13 ended a 84-day silence',
};

const watchId: OpenApiParameter = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'The watch’s id.',
  schema: text,
  example: watchExample.id,
};

/** The /api/v1/watches paths. */
export function watchPaths({ write, responses }: Helpers): Record<string, OpenApiPathItem> {
  const notFound = errorAnswer('You have no such watch (another user’s is not found either).', {
    code: 'NOT_FOUND',
    message: 'You have no such watch: it may have been deleted.',
  });
  const one = (description: string): OpenApiResponse => ({
    description,
    content: { 'application/json': { schema: ref('Watch'), example: watchExample } },
  });
  const own = 'account:update' as const;
  return {
    '/api/v1/watches': {
      get: write(own, {
        operationId: 'listWatches',
        summary: 'List your watches',
        description:
          'The watches of the token’s owner, those past their threshold first, with each pair’s running silence.',
        tags: ['Watches'],
        parameters: [],
        responses: {
          '200': {
            description: 'Your watches.',
            content: {
              'application/json': {
                schema: object({ items: { type: 'array', items: ref('Watch') }, total: { type: 'integer' } }),
                example: { items: [watchExample], total: 1 },
              },
            },
          },
          '400': responses.Invalid,
        },
      }),
      post: write(own, {
        operationId: 'createWatch',
        summary: 'Watch a pair',
        description:
          'Watches a pair (officials, offices or countries) with a threshold in days or as a multiple of the pair’s ' +
          'median gap. When its silence passes the threshold, and when a contact ends it, an event is recorded once ' +
          'and sent to your feed and webhook.',
        tags: ['Watches'],
        parameters: [],
        requestBody: {
          description: 'The pair and the threshold.',
          required: true,
          content: {
            'application/json': {
              schema: ref('WatchInput'),
              examples: {
                days: {
                  summary: '60 days',
                  value: { level: 'officials', a: 'lloyd-austin', b: 'sergei-shoigu', thresholdDays: 60 },
                },
                median: {
                  summary: 'Twice the median gap',
                  value: { level: 'countries', a: 'US', b: 'RU', thresholdMultiple: 2 },
                },
              },
            },
          },
        },
        responses: {
          '201': {
            ...one('The new watch.'),
            headers: { Location: { description: 'Where the watch can be read in this API.', schema: text } },
          },
          '400': responses.InvalidBody,
          '404': responses.NotFound,
          '409': { description: 'You already watch this pair: change its threshold instead.', content: errorContent },
        },
      }),
    },
    '/api/v1/watches/{id}': {
      get: write(own, {
        operationId: 'getWatch',
        summary: 'Read one of your watches',
        description: 'One watch of the token’s owner.',
        tags: ['Watches'],
        parameters: [watchId],
        responses: { '200': one('The watch.'), '400': responses.Invalid, '404': notFound },
      }),
      patch: write(own, {
        operationId: 'updateWatch',
        summary: 'Change a watch’s threshold',
        description: 'Sets the threshold: thresholdDays or thresholdMultiple.',
        tags: ['Watches'],
        parameters: [watchId],
        requestBody: {
          description: 'The new threshold.',
          required: true,
          content: { 'application/json': { schema: ref('WatchThreshold'), example: { thresholdDays: 90 } } },
        },
        responses: { '200': one('The watch as changed.'), '400': responses.InvalidBody, '404': notFound },
      }),
      delete: write(own, {
        operationId: 'deleteWatch',
        summary: 'Stop watching a pair',
        description: 'Deletes the watch and its events.',
        tags: ['Watches'],
        parameters: [watchId],
        responses: {
          '200': {
            description: 'Deleted.',
            content: {
              'application/json': {
                schema: object({ id: text, deleted: { type: 'boolean' } }),
                example: { id: watchExample.id, deleted: true },
              },
            },
          },
          '400': responses.Invalid,
          '404': notFound,
        },
      }),
    },
    '/feeds/watches/{token}': {
      get: {
        operationId: 'watchFeed',
        summary: 'Your private Atom feed of watch events',
        description:
          'The events of your watches as Atom 1.0, newest first, at an address with a token only you know: make, ' +
          'replace or revoke it on the My watches page. A revoked or replaced address answers 404.',
        tags: ['Feeds', 'Watches'],
        parameters: [
          { name: 'token', in: 'path', required: true, description: 'Your feed token, `cpf_…`.', schema: text },
        ],
        responses: {
          '200': {
            description: 'The feed.',
            content: { 'application/atom+xml': { schema: { type: 'string' } } },
          },
          '404': errorAnswer('No such feed: the address was revoked or replaced.', {
            code: 'NOT_FOUND',
            message: 'No such feed: the address may have been revoked or replaced.',
          }),
          '500': responses.Internal,
        },
      },
    },
    '/api/v1/watches/events': {
      get: write(own, {
        operationId: 'listWatchEvents',
        summary: 'Your watch events',
        description:
          'The events of your watches, newest first: CROSSED when a watched silence passed its threshold, ENDED ' +
          'when a held contact ended it (or an official left office). Each fires once per silence.',
        tags: ['Watches'],
        parameters: [
          {
            name: 'limit',
            in: 'query',
            description: 'How many, newest first.',
            schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
          },
          { name: 'watch', in: 'query', description: 'One watch’s events only: its id.', schema: text },
        ],
        responses: {
          '200': {
            description: 'The events.',
            content: {
              'application/json': {
                schema: object({ items: { type: 'array', items: ref('WatchEvent') } }),
                example: { items: [watchEventExample] },
              },
            },
          },
          '400': responses.Invalid,
        },
      }),
    },
  };
}
