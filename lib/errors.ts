/** The expected failures every surface knows how to show, with their HTTP status. */
export const ERROR_STATUS = {
  INVALID: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** A format the endpoint does not offer (oEmbed's format=xml). */
  NOT_IMPLEMENTED: 501,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Field name → messages, as forms and the API report them. */
export type FieldErrors = Record<string, string[]>;

/** An expected failure: bad input, a missing record, a refused role or a version conflict. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  /** More for the client to act on, e.g. the current record and what changed on a conflict. */
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, fields?: FieldErrors, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}
