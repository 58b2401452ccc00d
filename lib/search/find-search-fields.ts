import "server-only";
import { findSearchFields as selectSearchFields } from "../db/queries/search-index";
import type { SearchFieldsResponse } from "./search-types";

/** Field names for the search box's completion, most used first. */
export async function findSearchFields(options: {
  prefix: string;
  limit: number;
}): Promise<SearchFieldsResponse> {
  return { data: await selectSearchFields(options.prefix, options.limit) };
}
