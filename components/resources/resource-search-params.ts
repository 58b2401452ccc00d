import { z } from "zod";

/**
 * The /resources page's filters as the URL carries them (the API's own names). A bad
 * value falls back to no filter (.catch), so a stale or hand-edited link still opens.
 */
const text = z.string().trim().min(1).max(200).optional().catch(undefined);

export const resourceSearchSchema = z.object({
  q: text,
  resource_type: z
    .string()
    .regex(/^[\w.-]+(,[\w.-]+)*$/)
    .optional()
    .catch(undefined),
  deleted: z.enum(["true", "false"]).optional().catch(undefined),
  order: z.enum(["desc", "asc"]).optional().catch(undefined),
});

export type ResourceSearch = z.output<typeof resourceSearchSchema>;

export function parseResourceSearch(params: URLSearchParams): ResourceSearch {
  return resourceSearchSchema.parse(Object.fromEntries(params.entries()));
}

/** The filters as API query values, empty ones left out (equal views, equal query keys). */
export function resourceSearchFilters(search: ResourceSearch): Record<string, string> {
  return Object.fromEntries(
    Object.entries(search).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

export function resourceSearchString(search: ResourceSearch): string {
  const query = new URLSearchParams(resourceSearchFilters(search)).toString();
  return query ? `?${query}` : "";
}
