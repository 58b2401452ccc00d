/**
 * PostgreSQL's forms of what SQLite holds as integers (STYLE.md): times go in and come out
 * as Unix ms on both engines.
 */
export const MS = (column: string) => `(extract(epoch from ${column}) * 1000)::bigint`;
export const FROM_MS = (param: string) => `to_timestamp(${param} / 1000.0)`;

const NUL = /\u0000/g;

/**
 * PostgreSQL's text cannot hold U+0000, which a body may (`"a\u0000b"` is valid JSON): the
 * values Hooklens derives from it into text columns (message, resource names, parse
 * errors...) hold U+FFFD there instead. Nothing is lost: the body is kept as bytes.
 */
export function postgresText<T>(value: T): T {
  return (
    typeof value === "string" && value.includes("\u0000") ? value.replace(NUL, "\uFFFD") : value
  ) as T;
}

/** A parameter array of `type` for PostgreSQL: text arrays pass through postgresText. */
export function postgresArray(type: string, values: unknown[]): unknown[] {
  return type === "text" ? values.map(postgresText) : values;
}
