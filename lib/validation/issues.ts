import type { z } from 'zod';
import type { FieldErrors } from '../errors';

/**
 * Zod issues as field name → messages. In a JSON body nested fields are named
 * by their path (`sources.0.url`), so a form can put each message by its field;
 * a query parameter's messages stay under the parameter (`country`).
 */
export function issueFields(error: z.ZodError, nested: boolean): { fields: FieldErrors; formErrors: string[] } {
  const fields: FieldErrors = {};
  const formErrors: string[] = [];
  for (const issue of error.issues) {
    const key = (nested ? issue.path : issue.path.slice(0, 1)).map(String).join('.');
    if (key === '') formErrors.push(issue.message);
    else (fields[key] ??= []).push(issue.message);
  }
  return { fields, formErrors };
}
