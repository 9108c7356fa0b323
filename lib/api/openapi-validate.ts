import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { openApiDocument, type JsonSchema } from './openapi';

/*
 * Holds values to the OpenAPI document's schemas with Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1),
 * for the tests: the documented examples, and the real answers of the API. Test code only: the server
 * never validates its own answers.
 */

// ajv-formats is CommonJS: its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ??
  addFormatsModule) as typeof addFormatsModule;

const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

const compiled = new WeakMap<JsonSchema, ValidateFunction>();

/**
 * What is wrong with a value against a schema of the document, one line per problem
 * (`/items/0/date: must match format "date"`); empty when it fits. `$ref`s resolve against the document's
 * components.
 */
export function schemaErrors(
  value: unknown,
  schema: JsonSchema,
  schemas: Record<string, JsonSchema> = openApiDocument.components.schemas,
): string[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile({ ...schema, components: { schemas } });
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => {
    const extra = error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : '';
    return `${error.instancePath || '/'}: ${error.message}${extra}`;
  });
}
