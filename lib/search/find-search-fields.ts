import "server-only";
import { getDatabase } from "../db/sqlite";
import { findSearchFields as selectSearchFields } from "./search-index-sqlite";
import type { SearchFieldsResponse } from "./search-types";

/** Field names for the search box's completion, most used first. */
export function findSearchFields(options: { prefix: string; limit: number }): SearchFieldsResponse {
  return { data: selectSearchFields(getDatabase(), options.prefix, options.limit) };
}
