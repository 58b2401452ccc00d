import { resourceDetailsFromBody } from "../resources/resource-details-from-body";
import { parseNumber } from "./parse-search-query";

/** One scalar inside resource_details: its own key, its dotted path from the top (array
 *  positions left out: `nics.mac` for every nic), and its value as text. */
export type SearchLeaf = { key: string; path: string; value: string; number: number | null };

/**
 * What a search looks at in one delivery: every scalar of resource_details, and the
 * texts free text also matches (resource name and id, message text, event type). Built
 * from the stored body, after redaction, so a secret is never in it.
 */
export type SearchDocument = { leaves: SearchLeaf[]; texts: string[] };

export type SearchSource = {
  body: string | null;
  /** resource_details already read from this body (the details cache), if at hand. */
  details?: Record<string, unknown> | null;
  messageKey: string | null;
  resourceName: string | null;
  resourceId: string | null;
  message: string | null;
  eventType: string | null;
};

const MAX_LEAVES = 10_000;

function collectLeaves(value: unknown, key: string, path: string, leaves: SearchLeaf[]) {
  if (leaves.length >= MAX_LEAVES) return;
  if (Array.isArray(value)) {
    for (const item of value) collectLeaves(item, key, path, leaves);
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    // Stops at the cap rather than visiting the rest: 100,000 keys cost one look each.
    for (const name in record) {
      if (leaves.length >= MAX_LEAVES) return;
      const lower = name.toLowerCase();
      collectLeaves(record[name], lower, path ? `${path}.${lower}` : lower, leaves);
    }
  } else if (typeof value === "string") {
    leaves.push({ key, path, value, number: parseNumber(value) });
  } else if (typeof value === "number" || typeof value === "boolean") {
    leaves.push({
      key,
      path,
      value: String(value),
      number: typeof value === "number" ? value : null,
    });
  }
}

export function searchDocument(source: SearchSource): SearchDocument {
  const leaves: SearchLeaf[] = [];
  const details =
    source.details !== undefined
      ? source.details
      : source.body
        ? resourceDetailsFromBody(source.body, source.messageKey)
        : null;
  if (details) collectLeaves(details, "", "", leaves);
  const texts = [source.resourceName, source.resourceId, source.message, source.eventType].filter(
    (text): text is string => typeof text === "string" && text !== "",
  );
  return { leaves, texts };
}
