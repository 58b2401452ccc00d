/**
 * PostgreSQL's forms of what SQLite holds as integers (STYLE.md): times go in and come out
 * as Unix ms on both engines.
 */
export const MS = (column: string) => `(extract(epoch from ${column}) * 1000)::bigint`;
export const FROM_MS = (param: string) => `to_timestamp(${param} / 1000.0)`;
