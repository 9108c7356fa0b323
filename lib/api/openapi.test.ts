import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contactsExportMeta, contactsToJson } from '../export/contacts';
import { gapSeriesToJson, gapsExportMeta } from '../export/gaps';
import { contactRowExample, gapSeriesExample } from './examples';
import { openApiDocument, type JsonSchema } from './openapi';

const { schemas } = openApiDocument.components;

function resolve(schema: JsonSchema): JsonSchema {
  if (typeof schema.$ref !== 'string') return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  if (!(name in schemas)) throw new Error(`Unresolved $ref ${schema.$ref}`);
  return resolve(schemas[name]);
}

const TYPE_OF: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  integer: (v) => Number.isInteger(v),
  number: (v) => typeof v === 'number',
  boolean: (v) => typeof v === 'boolean',
  null: (v) => v === null,
  array: Array.isArray,
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
};

/** The JSON Schema keywords the document uses, enough to hold its examples to it. */
function validate(value: unknown, raw: JsonSchema, at = '$'): string[] {
  const schema = resolve(raw);
  if (Array.isArray(schema.oneOf)) {
    const matches = (schema.oneOf as JsonSchema[]).filter((s) => validate(value, s, at).length === 0);
    return matches.length === 1 ? [] : [`${at}: matches ${matches.length} of oneOf`];
  }
  const errors: string[] = [];
  if ('const' in schema && value !== schema.const) errors.push(`${at}: not ${String(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) errors.push(`${at}: ${String(value)} not in enum`);
  if (typeof schema.type === 'string' && !TYPE_OF[schema.type](value)) errors.push(`${at}: not ${schema.type}`);
  if (typeof value === 'string' && typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) {
    errors.push(`${at}: ${value} does not match ${schema.pattern}`);
  }
  if (typeof value === 'string' && schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    errors.push(`${at}: ${value} is not a date`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${at}: too few items`);
    if (schema.items)
      value.forEach((item, i) => errors.push(...validate(item, schema.items as JsonSchema, `${at}[${i}]`)));
  }
  if (TYPE_OF.object(value) && schema.type === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in object)) errors.push(`${at}.${key}: missing`);
    for (const [key, item] of Object.entries(object)) {
      if (key in properties) errors.push(...validate(item, properties[key], `${at}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${at}.${key}: not in the schema`);
      else if (typeof schema.additionalProperties === 'object') {
        errors.push(...validate(item, schema.additionalProperties as JsonSchema, `${at}.${key}`));
      }
    }
  }
  return errors;
}

const operations = Object.entries(openApiDocument.paths).map(([p, item]) => ({ path: p, operation: item.get }));

describe('the OpenAPI document', () => {
  it('is an OpenAPI 3.1 document that survives JSON', () => {
    expect(openApiDocument.openapi).toBe('3.1.0');
    expect(JSON.parse(JSON.stringify(openApiDocument))).toEqual(openApiDocument);
  });

  it('describes every route handler there is, and nothing else', () => {
    const routes = (dir: string): string[] =>
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .filter((file) => path.basename(file) === 'route.ts' && !file.includes('[...'))
        .map((file) => `/${path.relative('app', path.join(dir, path.dirname(file)))}`.replace(/\[(\w+)\]/g, '{$1}'));
    const handlers = [...routes('app/api/v1'), ...routes('app/feeds')].sort();
    expect(Object.keys(openApiDocument.paths).sort()).toEqual(handlers);
  });

  it('gives each operation a unique id, its path parameters, and JSON errors', () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path: p, operation } of operations) {
      const inPath = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      expect(operation.parameters.filter((x) => x.in === 'path').map((x) => x.name)).toEqual(inPath);
      expect(operation.responses['200']).toBeDefined();
      for (const [status, response] of Object.entries(operation.responses)) {
        if (status.startsWith('2')) continue;
        expect(response.content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
      }
    }
  });

  it('resolves every $ref', () => {
    const refs = JSON.stringify(openApiDocument).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(() => resolve({ $ref: JSON.parse(`{${r}}`).$ref })).not.toThrow();
  });

  it('shows examples that match its own schemas', () => {
    let checked = 0;
    for (const { path: p, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses)) {
        for (const [type, content] of Object.entries(response.content ?? {})) {
          if (content.example === undefined) continue;
          expect(validate(content.example, content.schema), `${p} ${status} ${type}`).toEqual([]);
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
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
      gapSeriesToJson(gapSeriesExample, gapsExportMeta({ query: 'a=x&b=y', today: '2025-06-01', at })),
    );
    expect(validate(gaps, { $ref: '#/components/schemas/GapsExport' })).toEqual([]);
  });

  it('catches a shape that drifts from the schema', () => {
    const drifted = { ...gapSeriesExample, currentSilenceDays: 'many', extra: 1 };
    expect(validate(drifted, { $ref: '#/components/schemas/GapSeries' })).toEqual([
      '$.currentSilenceDays: matches 0 of oneOf',
      '$.extra: not in the schema',
    ]);
  });
});
