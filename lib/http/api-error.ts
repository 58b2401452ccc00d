/**
 * The one error type of the API. Its code picks the HTTP status; the body is always
 * { "error": { "code", "message", "field"? } }.
 */
const STATUS_BY_CODE = {
  bad_request: 400,
  invalid_input: 422,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  rate_limited: 429,
  internal: 500,
  /** A feature that does not run on PostgreSQL yet (issue 14; lib/db/postgres-coverage.ts). */
  not_on_postgresql: 503,
} as const;

export type ApiErrorCode = keyof typeof STATUS_BY_CODE;

export type FieldError = { field: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }

  toBody() {
    const error: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.fields.length > 0) {
      error.field = this.fields[0]?.field;
      error.fields = this.fields;
    }
    return { error };
  }
}

export function notFound(what: string): ApiError {
  return new ApiError("not_found", `${what} not found.`);
}

/** A refused input field: the body says `field: message` and names the field. Most are
 *  422 (`invalid_input`); a malformed query parameter is 400 (`bad_request`). */
export function invalidField(
  field: string,
  message: string,
  code: "invalid_input" | "bad_request" = "invalid_input",
): ApiError {
  return new ApiError(code, `${field}: ${message}`, [{ field, message }]);
}
