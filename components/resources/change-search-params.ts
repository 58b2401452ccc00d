import { z } from "zod";

/**
 * The changes view's query as the URL carries it, with the API's names: resource_type,
 * resource_id, field, to, since, until. Bad values fall back to no filter.
 */
const NAMES = ["resource_type", "resource_id", "field", "to", "since", "until"] as const;

export type ChangeSearch = Partial<Record<(typeof NAMES)[number], string>>;

const text = z.string().trim().min(1).max(200).optional().catch(undefined);
const time = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)))
  .optional()
  .catch(undefined);

const schema = z.object({
  resource_type: text,
  resource_id: text,
  field: text,
  // Spaces may matter in a value: not trimmed. Blank means no filter, as in the API's URL.
  to: z.string().min(1).max(2000).optional().catch(undefined),
  since: time,
  until: time,
});

export function parseChangeSearch(params: URLSearchParams): ChangeSearch {
  const parsed = schema.parse(Object.fromEntries(params.entries()));
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined));
}

export function changeSearchString(search: ChangeSearch): string {
  const params = new URLSearchParams();
  for (const name of NAMES) {
    const value = search[name];
    if (value !== undefined && value !== "") params.set(name, value);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** A datetime-local input's value (local time) as ISO 8601, or undefined when empty. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** An ISO time as a datetime-local input's value, in the browser's time zone. */
export function isoToLocal(value: string | undefined): string {
  if (!value) return "";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return "";
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
