/**
 * The contents' dictionaries: their SQL is lib/db/queries/content-dictionaries.ts (the
 * seed, the newest, one learned, the loader a decoder asks). Re-exported here are the
 * seed and SQLite's synchronous forms on a handle, for the code still on SQLite's handle
 * (the timeline keeper, the receiver's SQLite store, scripts seeding a file).
 */
export {
  dictionaryLoader,
  loadOrCreateDictionary,
  seedDictionary,
  storeDictionary,
} from "../db/queries/content-dictionaries";
