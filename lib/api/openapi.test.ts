import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileErrors, validate as validateOpenApi } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { ALL_PERMISSIONS } from '../auth/permissions';
import { ERROR_STATUS } from '../errors';
import { contactsExportMeta, contactsToJson } from '../export/contacts';
import { gapSeriesToJson, gapsExportMeta } from '../export/gaps';
import { ZContactInput, ZSourceInput } from '../validation/contact';
import { GAP_PAGE_KEYS, MAX_GAPS_PAGE, ZGapPageQuery } from '../validation/gap-page';
import { ZOfficialInput, ZPositionInput } from '../validation/official';
import { ZReadoutInput } from '../validation/readout';
import { PAIR_QUERY_KEYS } from '../validation/pair-query';
import {
  contactInputExample,
  contactPatchExample,
  contactRowExample,
  gapSeriesExample,
  gapSeriesPageExample,
  invalidBodyExample,
  officialInputExample,
  officialPatchExample,
} from './examples';
import { openApiDocument, operationsOf, type JsonSchema, type OpenApiMediaType } from './openapi';
import { schemaErrors } from './openapi-validate';

const { schemas } = openApiDocument.components;
const operations = operationsOf(openApiDocument);
const validate = (value: unknown, schema: JsonSchema) => schemaErrors(value, schema, schemas);

function resolve(schema: JsonSchema): JsonSchema {
  if (typeof schema.$ref !== 'string') return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  if (!(name in schemas)) throw new Error(`Unresolved $ref ${schema.$ref}`);
  return resolve(schemas[name]);
}

/** Every example a media type shows, named. */
function examplesOf(media: OpenApiMediaType): [string, unknown][] {
  return [
    ...(media.example === undefined ? [] : [['example', media.example] as [string, unknown]]),
    ...Object.entries(media.examples ?? {}).map(([name, { value }]) => [name, value] as [string, unknown]),
  ];
}

/** The request examples of one operation. */
function requestExamples(operationId: string): unknown[] {
  const found = operations.find(({ operation }) => operation.operationId === operationId);
  return examplesOf(found!.operation.requestBody!.content['application/json']).map(([, value]) => value);
}

/** The methods each route file exports, as `METHOD /path`; catch-all routes aside. */
function routeHandlers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === 'route.ts' && !file.includes('[...'))
    .flatMap((file) => {
      const route = `/${path.relative('app', path.join(dir, path.dirname(file)))}`.replace(/\[(\w+)\]/g, '{$1}');
      const source = readFileSync(path.join(dir, file), 'utf8');
      const methods = [...source.matchAll(/^export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/gm)];
      return methods.map((m) => `${m[1]} ${route}`);
    });
}

/** A zod object's keys, and which of them a body must give (those that refuse `undefined`). */
function zodShape(shape: Record<string, z.ZodType>) {
  return {
    properties: Object.keys(shape).sort(),
    required: Object.keys(shape)
      .filter((key) => !shape[key].safeParse(undefined).success)
      .sort(),
  };
}

/** An edit's fields, without the version it is based on. */
function withoutVersion(patch: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(patch).filter(([key]) => key !== 'version'));
}

function jsonShape(schema: JsonSchema) {
  return {
    properties: Object.keys(schema.properties as object).sort(),
    required: [...((schema.required as string[] | undefined) ?? [])].sort(),
  };
}

describe('the OpenAPI document', () => {
  it('is an OpenAPI 3.1 document that survives JSON', () => {
    expect(openApiDocument.openapi).toBe('3.1.0');
    expect(JSON.parse(JSON.stringify(openApiDocument))).toEqual(openApiDocument);
  });

  it('is valid against the OpenAPI 3.1 schema', async () => {
    // The parser resolves $refs in place: give it a copy.
    const result = await validateOpenApi(structuredClone(openApiDocument) as never);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
  });

  it('describes every route handler and method there is, and nothing else', () => {
    const handlers = [
      ...routeHandlers('app/api/v1'),
      ...routeHandlers('app/api/oembed'),
      ...routeHandlers('app/feeds'),
    ].sort();
    expect(handlers).toContain('PATCH /api/v1/contacts/{id}');
    const described = operations.map(({ path: p, method }) => `${method.toUpperCase()} ${p}`).sort();
    expect(described).toEqual(handlers);
  });

  it('gives each operation a unique id, its path parameters, a success and JSON errors with the right code', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path: p, method, operation } of operations) {
      const where = `${method} ${p}`;
      const inPath = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(
        operation.parameters.filter((x) => x.in === 'path').map((x) => x.name),
        where,
      ).toEqual(inPath);
      expect(
        Object.keys(operation.responses).filter((status) => status.startsWith('2')),
        where,
      ).toHaveLength(1);
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status.startsWith('2')) continue;
        const code =
          status === '500' ? 'INTERNAL' : Object.entries(ERROR_STATUS).find(([, s]) => `${s}` === status)?.[0];
        expect(code, `${where} ${status}`).toBeDefined();
        const media = response.content?.['application/json'];
        expect(media, `${where} ${status}`).toBeDefined();
        // Every error schema is the one error shape: { error: { code, message, … } }.
        const error = resolve((resolve(media!.schema).properties as Record<string, JsonSchema>).error);
        expect(error.required, `${where} ${status}`).toEqual(expect.arrayContaining(['code', 'message']));
        expect(
          validate({ error: { code, message: 'x' } }, media!.schema).filter((e) => !e.includes('required property')),
          `${where} ${status}`,
        ).toEqual([]);
        for (const [name, example] of examplesOf(media!)) {
          expect((example as { error: { code: string } }).error.code, `${where} ${status} ${name}`).toBe(code);
        }
      }
    }
  });

  it('marks every write as needing a token with a permission, and every read as public', () => {
    // A user's own watches are private: reading them needs their token too.
    const isPrivate = (p: string) => p.startsWith('/api/v1/watches');
    // Parsing a readout is a POST that writes nothing: public, like the reads.
    const isPublicPost = (p: string) => p === '/api/v1/readouts/parse';
    const parse = operations.find(({ path: p }) => isPublicPost(p))!;
    expect(parse.method).toBe('post');
    expect(parse.operation.security).toBeUndefined();
    expect(parse.operation.requestBody?.content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ReadoutInput',
    });
    const writes = operations.filter(({ method, path: p }) => (method !== 'get' && !isPublicPost(p)) || isPrivate(p));
    expect(writes.map(({ method, path: p }) => `${method} ${p}`).sort()).toEqual([
      'delete /api/v1/contacts/{id}',
      'delete /api/v1/watches/{id}',
      'get /api/v1/watches',
      'get /api/v1/watches/events',
      'get /api/v1/watches/{id}',
      'patch /api/v1/contacts/{id}',
      'patch /api/v1/officials/{idOrSlug}',
      'patch /api/v1/watches/{id}',
      'post /api/v1/contacts',
      'post /api/v1/officials',
      'post /api/v1/watches',
    ]);
    for (const { method, path: p, operation } of operations) {
      const where = `${method} ${p}`;
      if (isPublicPost(p)) continue;
      if (method === 'get' && !isPrivate(p)) {
        expect(operation.security, where).toBeUndefined();
        expect(operation.requestBody, where).toBeUndefined();
        continue;
      }
      expect(operation.security, where).toEqual([{ apiToken: [] }]);
      expect(ALL_PERMISSIONS, where).toContain(operation['x-permission']);
      expect(Object.keys(operation.responses), where).toEqual(expect.arrayContaining(['400', '401', '403', '500']));
      expect(operation.responses['401'].headers?.['WWW-Authenticate'], where).toBeDefined();
      if (method === 'delete' || method === 'get') expect(operation.requestBody, where).toBeUndefined();
      else expect(operation.requestBody?.content['application/json'].schema, where).toBeDefined();
      if (method === 'post') expect(operation.responses['201'].headers?.Location, where).toBeDefined();
    }
    expect(openApiDocument.components.securitySchemes.apiToken).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(openApiDocument.components.securitySchemes.apiToken.description).toContain('token:create --email');
  });

  it('resolves every $ref', () => {
    const refs = JSON.stringify(openApiDocument).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(() => resolve({ $ref: JSON.parse(`{${r}}`).$ref })).not.toThrow();
  });

  it('shows examples, of answers and of request bodies, that match its own schemas', () => {
    let checked = 0;
    for (const { path: p, method, operation } of operations) {
      const media = [
        ...Object.entries(operation.responses).flatMap(([status, response]) =>
          Object.entries(response.content ?? {}).map(([type, m]) => [`${status} ${type}`, m] as const),
        ),
        ...(operation.requestBody
          ? [['request body', operation.requestBody.content['application/json']] as const]
          : []),
      ];
      for (const [label, m] of media) {
        for (const [name, example] of examplesOf(m)) {
          // As a client reads it: through JSON, where an undefined property is left out.
          expect(validate(JSON.parse(JSON.stringify(example)), m.schema), `${method} ${p} ${label} ${name}`).toEqual(
            [],
          );
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(30);
  });

  it('names nested body fields by their path in a 400', () => {
    expect(invalidBodyExample.error.fields).toEqual({
      participants: [expect.any(String)],
      'sources.0.url': ['Enter a full web address starting with https://'],
    });
  });

  it('describes the request bodies the routes parse: the same fields, the same required ones', () => {
    expect(jsonShape(resolve(schemas.ContactInput))).toEqual(zodShape(ZContactInput.in.shape));
    expect(jsonShape(resolve(schemas.SourceInput))).toEqual(zodShape(ZSourceInput.shape));
    expect(jsonShape(resolve(schemas.OfficialInput))).toEqual(zodShape(ZOfficialInput.shape));
    expect(jsonShape(resolve(schemas.PositionInput))).toEqual(zodShape(ZPositionInput.shape));
    expect(jsonShape(resolve(schemas.ReadoutInput))).toEqual(zodShape(ZReadoutInput.shape));
    // Sent as null or left out: not given.
    const claims = ((schemas.SourceInput.properties as Record<string, JsonSchema>).claims.anyOf as JsonSchema[])[0];
    expect(jsonShape(claims)).toEqual(zodShape(ZSourceInput.shape.claims.out.unwrap().shape));
    for (const [patch, base] of [
      ['ContactPatch', 'ContactInput'],
      ['OfficialPatch', 'OfficialInput'],
    ]) {
      expect(jsonShape(schemas[patch])).toEqual({
        properties: [...jsonShape(schemas[base]).properties, 'version'].sort(),
        required: ['version'],
      });
    }
  });

  it('shows request bodies that the routes’ own schemas accept', () => {
    expect(requestExamples('createContact')).toEqual([contactInputExample]);
    expect(ZContactInput.safeParse(contactInputExample).error).toBeUndefined();
    expect(ZOfficialInput.safeParse(officialInputExample).error).toBeUndefined();
    // An edit is applied on top of the record; the result must parse.
    expect(
      ZContactInput.safeParse({ ...contactInputExample, ...withoutVersion(contactPatchExample) }).error,
    ).toBeUndefined();
    expect(
      ZOfficialInput.safeParse({ ...officialInputExample, ...withoutVersion(officialPatchExample) }).error,
    ).toBeUndefined();
    // And the JSON schema refuses what zod refuses.
    expect(validate({ ...contactInputExample, sumary: 'x' }, { $ref: '#/components/schemas/ContactInput' })).toEqual([
      '/: must NOT have additional properties (sumary)',
    ]);
    expect(validate({ ...contactInputExample, sources: [] }, { $ref: '#/components/schemas/ContactInput' })).toEqual([
      '/sources: must NOT have fewer than 1 items',
    ]);
  });

  it('describes the JSON exports exactly', () => {
    const at = new Date('2025-06-01T09:30:00Z');
    const contacts = JSON.parse(
      contactsToJson(
        [contactRowExample],
        contactsExportMeta({ filters: { country: ['RU'], page: 1, pageSize: 50 }, total: 1, at }),
      ),
    );
    expect(validate(contacts, { $ref: '#/components/schemas/ContactsExport' })).toEqual([]);
    const gaps = JSON.parse(
      gapSeriesToJson(
        gapSeriesExample,
        gapsExportMeta({
          query: 'a=x&b=y',
          today: '2025-06-01',
          at,
          citation: {
            apa: 'Counterpart. (2025, June 1). …',
            bibtex: '@misc{counterpart-x-y-2025-06-01, …}',
            permalink: 'https://counterpart.example/pairs/officials/x/y?asOf=2025-06-01',
            dataVersion: '0123456789ab',
            accessed: '2025-06-01',
          },
        }),
      ),
    );
    expect(validate(gaps, { $ref: '#/components/schemas/GapsExport' })).toEqual([]);
  });

  it('describes the paging of /api/v1/gaps: its parameters, the page object, and the whole series in exports', () => {
    const getGaps = operations.find(({ operation }) => operation.operationId === 'getGaps')!.operation;
    expect(getGaps.parameters.map((p) => p.name)).toEqual([...PAIR_QUERY_KEYS, ...GAP_PAGE_KEYS]);
    const [limit, before] = GAP_PAGE_KEYS.map((key) => getGaps.parameters.find((p) => p.name === key)!);
    expect(limit.schema).toMatchObject({ minimum: 1, maximum: MAX_GAPS_PAGE, default: MAX_GAPS_PAGE });
    // The documented cursor is one the route accepts, and so is the one the page example links to.
    const older = new URL(gapSeriesPageExample.page!.older!, 'http://x').searchParams;
    for (const cursor of [before.example!, older.get('before')!]) {
      expect(cursor).toMatch(new RegExp(before.schema.pattern as string));
      expect(ZGapPageQuery.safeParse({ before: cursor }).success).toBe(true);
    }
    expect(older.get('limit')).toBe('1');
    // A page: the latest gap (the closed silence) of two, every number the whole series'.
    expect(gapSeriesPageExample.page).toMatchObject({ limit: 1, total: 2, returned: 1 });
    expect(gapSeriesPageExample.gaps).toEqual(gapSeriesExample.gaps.slice(-1));
    expect({ ...gapSeriesPageExample, gaps: null, markers: null, page: undefined }).toEqual({
      ...gapSeriesExample,
      gaps: null,
      markers: null,
    });
    // `page` may be left out of an answer, and is never in an export.
    const series = { $ref: '#/components/schemas/GapSeries' };
    expect(validate(gapSeriesExample, series)).toEqual([]);
    expect(validate(gapSeriesPageExample, series)).toEqual([]);
    expect(schemas.GapSeries.required).not.toContain('page');
    expect(Object.keys(schemas.GapsExport.properties as object)).not.toContain('page');
  });

  it('catches a shape that drifts from the schema', () => {
    const drifted = { ...gapSeriesExample, currentSilenceDays: 'many', extra: 1 };
    expect(validate(drifted, { $ref: '#/components/schemas/GapSeries' })).toEqual([
      '/: must NOT have additional properties (extra)',
      '/currentSilenceDays: must be integer',
      '/currentSilenceDays: must be null',
      '/currentSilenceDays: must match a schema in anyOf',
    ]);
  });
});
