/**
 * Counts keyed by platform values (a result, an action, a resource type), which may be
 * named like anything on Object.prototype: "constructor", "__proto__", "toString". A
 * plain object would read those from the prototype (`counts.constructor` is a function)
 * or drop them (`__proto__` sets the prototype), so counts are null-prototype objects,
 * read only through their own properties. They still serialize as plain JSON objects.
 */
export type CountRecord = Record<string, number>;

export function countRecord(): CountRecord {
  return Object.create(null) as CountRecord;
}

/** The count under `key`, 0 when the record has no such own property. */
export function countOf(record: Readonly<CountRecord>, key: string): number {
  return Object.hasOwn(record, key) ? record[key]! : 0;
}
