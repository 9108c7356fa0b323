import type { JsonSchema, OpenApiMediaType, OpenApiRequestBody, OpenApiResponse } from './openapi';

type NamedExamples = NonNullable<OpenApiMediaType['examples']>;

/*
 * The small pieces the parts of the OpenAPI document (lib/api/openapi.ts and the
 * openapi-*.ts files it spreads in) build their operations from, kept in one
 * place so that the same kind of answer is written the same way everywhere.
 */

/** A reference to one of the document's component schemas. */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

const text: JsonSchema = { type: 'string' };

/** A 201 answer: the new record, with a Location header naming where it can be read. */
export function created(description: string, schema: JsonSchema, example: unknown): OpenApiResponse {
  return {
    description,
    headers: { Location: { description: 'Where the new record can be read in this API.', schema: text } },
    content: { 'application/json': { schema, example } },
  };
}

/** The content of an error answer without an example: an Error object. */
export const errorContent = { 'application/json': { schema: ref('Error') } };

/** An error answer, with an example of the error it holds (`{ error }`). */
export function errorAnswer(
  description: string,
  error: { code: string; message: string; fields?: Record<string, string[]> },
): OpenApiResponse {
  return { description, content: { 'application/json': { schema: ref('Error'), example: { error } } } };
}

/** The 500 answer: a fault on the server. */
export const internalError: OpenApiResponse = {
  description: 'A fault on the server; it has been logged.',
  content: errorContent,
};

/** A JSON request body, with named examples. */
export function jsonBody(description: string, schema: JsonSchema, examples: NamedExamples): OpenApiRequestBody {
  return { description, required: true, content: { 'application/json': { schema, examples } } };
}

/** A JSON answer with several named examples. */
export function answerWithExamples(description: string, schema: JsonSchema, examples: NamedExamples): OpenApiResponse {
  return { description, content: { 'application/json': { schema, examples } } };
}
