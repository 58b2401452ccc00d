/**
 * Completion of field names in the search box: the word being typed at the end of the
 * query, when it can still become `field:` (no colon or quote yet), and the query with
 * that word replaced by a chosen field name. Pure, for the search box and its tests.
 */
const FIELD_START = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function fieldPrefixAt(query: string): string | null {
  if (query === "" || /\s$/.test(query)) return null;
  const word = query.split(/\s+/).pop() ?? "";
  const bare = word.startsWith("-") ? word.slice(1) : word;
  return FIELD_START.test(bare) ? bare : null;
}

export function completeField(query: string, name: string): string {
  const prefix = fieldPrefixAt(query);
  if (prefix === null) return query;
  return `${query.slice(0, query.length - prefix.length)}${name}:`;
}
