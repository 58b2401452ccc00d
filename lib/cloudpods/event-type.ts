/**
 * The X-Yunion-Event header: UPPER(resource_type + "/" + action [+ "/" + result]).
 * Validation messages from some releases send it empty or as "VALIDATE".
 */
export type ParsedEventType = {
  resourceType: string;
  action: string;
  result: string | null;
};

export function parseEventType(value: string | null | undefined): ParsedEventType | null {
  if (value == null) return null;
  const parts = value.trim().split("/");
  if (parts.length < 2 || parts.length > 3) return null;
  if (parts.some((part) => part.trim() === "")) return null;
  const [resourceType = "", action = "", result] = parts.map((part) => part.trim().toLowerCase());
  return { resourceType, action, result: result ?? null };
}

/** The header value the platform sends for an event. */
export function formatEventType(resourceType: string, action: string, result?: string | null) {
  const parts = [resourceType, action];
  if (result) parts.push(result);
  return parts.join("/").toUpperCase();
}
