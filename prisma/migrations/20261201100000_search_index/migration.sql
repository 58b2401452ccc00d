-- Payload search (lib/search): one contentless FTS5 row per delivery, rowid = delivery id,
-- holding the delivery's search terms (trigrams of values, key=value pairs, field names;
-- see lib/search/search-terms.ts). detail=none keeps only which deliveries hold a term:
-- no positions, no copy of the text. Filled off the receiver's path, up to
-- search_index_state.indexed_through; deliveries after it are checked from their bodies.
CREATE VIRTUAL TABLE "search_index" USING fts5("terms", content='', contentless_delete=1, detail=none, tokenize='ascii');

-- One row (id 1): the highest delivery id indexed, and the vocabulary version it was built with.
CREATE TABLE "search_index_state" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "indexed_through" INTEGER NOT NULL,
    "version" INTEGER NOT NULL
);

-- Field names (keys and dotted paths) seen in resource_details, for the search box's completion.
CREATE TABLE "search_fields" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "deliveries" INTEGER NOT NULL
) WITHOUT ROWID;

-- Retention (and endpoint deletion) takes a delivery's terms with it.
CREATE TRIGGER "deliveries_search_unindex" AFTER DELETE ON "deliveries"
WHEN old."id" <= (SELECT "indexed_through" FROM "search_index_state" WHERE "id" = 1)
BEGIN
  DELETE FROM "search_index" WHERE "rowid" = old."id";
END;
