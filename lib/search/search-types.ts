import { z } from "zod";

/** The API's shapes for payload search, shared by route handlers and query hooks. */

export const searchFieldsQuerySchema = z.object({
  prefix: z.string().max(200).default(""),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export type SearchFieldsQuery = z.input<typeof searchFieldsQuerySchema>;

/** A key or dotted path seen in resource_details, and in how many deliveries. */
export type SearchField = { name: string; deliveries: number };

export type SearchFieldsResponse = { data: SearchField[] };

/** How far the index has come: deliveries after `indexed_through` are read from their bodies. */
export type SearchIndexStatus = { indexed_through: number; newest_delivery_id: number };
