-- CreateTable
CREATE TABLE "compression_dictionaries" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "data" BLOB NOT NULL,
    "created_at" DATETIME NOT NULL
);

