/**
 * The PostgreSQL schema is not written by hand: it is rendered from prisma/schema.prisma
 * (the SQLite source), because Prisma 6.19 takes one provider per schema file and two
 * hand-kept copies would drift. Pure text in, text out; scripts/db/render-postgres-schema.ts
 * writes prisma/postgres/schema.prisma with it and a test checks the checked-in file.
 *
 * What changes:
 * - the datasource's provider (postgresql) and url: a fixed placeholder, because the client
 *   and the CLI reach the database through an adapter given DATABASE_URL at run time, and
 *   `env("DATABASE_URL")` makes `prisma generate` and `validate` fail (trying to download
 *   an engine) whenever DATABASE_URL is unset or a SQLite file, i.e. in every SQLite setup;
 * - the generator's output, one folder deeper and beside the SQLite client
 *   (`…/prisma` becomes `…/prisma-postgres`), so that both clients can be generated;
 * - DateTime becomes `timestamptz(3)`: SQLite stores Unix milliseconds (the adapter's
 *   "unixepoch-ms"), and a bare DateTime would be PostgreSQL's zone-less `timestamp(3)`,
 *   which reads differently under another session time zone. Millisecond precision keeps
 *   both engines' values equal, and the two generated clients have the same types (Date).
 *
 * Everything else maps as Prisma maps it (String → text, Int → integer, BigInt → bigint,
 * Bytes → bytea, Boolean → boolean, Json → jsonb). What Prisma's schema cannot describe
 * (partial indexes, triggers, FTS5) is hand-written in the migrations: see docs/cluster.md.
 */

export const POSTGRES_SCHEMA_PATH = "prisma/postgres/schema.prisma";
export const POSTGRES_CLIENT_SUFFIX = "-postgres";
/** Never connected to: the adapter's URL (DATABASE_URL) is the one used. */
const PLACEHOLDER_URL = "postgresql://localhost/hooklens";

const HEADER = `// GENERATED from prisma/schema.prisma by scripts/db/render-postgres-schema.ts: do not edit.
// Change prisma/schema.prisma, then \`npm run db:new-migration -- <name>\` renders this file
// and writes the migration for both engines. DateTime columns are timestamptz(3) here
// (SQLite stores them as Unix milliseconds); see docs/cluster.md.
`;

const BLOCK_START = /^\s*(datasource|generator|model|enum|view|type)\s+(\w+)\s*\{\s*$/;
const FIELD = /^(\s*)(\w+)(\s+)(\w+)(\[\]|\?)?(\s.*)?$/;

export class SchemaRenderError extends Error {
  constructor(line: number, message: string) {
    super(`prisma/schema.prisma:${line}: ${message}`);
    this.name = "SchemaRenderError";
  }
}

/** Splits a line into its code and its trailing `//` comment (a `//` inside a string is code). */
function splitComment(line: string): [code: string, comment: string] {
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === "\\" && quoted) i++;
    else if (line[i] === '"') quoted = !quoted;
    else if (!quoted && line.startsWith("//", i)) return [line.slice(0, i), line.slice(i)];
  }
  return [line, ""];
}

function renderDatasource(line: string, lineNo: number): string {
  const provider = /^(\s*provider\s*=\s*)"([^"]*)"(.*)$/.exec(line);
  if (provider) {
    if (provider[2] !== "sqlite") {
      throw new SchemaRenderError(
        lineNo,
        `the source schema's provider is "${provider[2]}", not "sqlite"`,
      );
    }
    return `${provider[1]}"postgresql"${provider[3]}`;
  }
  const url = /^(\s*url\s*=\s*).*$/.exec(line);
  if (url) return `${url[1]}"${PLACEHOLDER_URL}"`;
  return line;
}

function renderGenerator(line: string): string {
  const output = /^(\s*output\s*=\s*)"([^"]+)"(.*)$/.exec(line);
  if (!output) return line;
  const target = output[2]!.replace(/\/+$/, "");
  const deeper = target.startsWith("/") ? target : `../${target.replace(/^\.\//, "")}`;
  return `${output[1]}"${deeper}${POSTGRES_CLIENT_SUFFIX}"${output[3]}`;
}

function renderField(line: string, lineNo: number): string {
  const [code, comment] = splitComment(line);
  if (/^\s*(@@|$)/.test(code)) return line;
  if (/^\s*\w+\s+Unsupported\s*\(/.test(code)) {
    throw new SchemaRenderError(lineNo, "Unsupported(...) types have no PostgreSQL mapping");
  }
  const field = FIELD.exec(code.replace(/\s+$/, ""));
  if (!field) return line;
  const [, indent, name, gap, type, modifier = "", rest = ""] = field;
  if (/@db\./.test(rest)) {
    throw new SchemaRenderError(lineNo, `native type attributes (@db.…) are not SQLite's to set`);
  }
  const mapped = type === "DateTime" ? `${rest} @db.Timestamptz(3)` : rest;
  const tail = comment ? ` ${comment}` : "";
  return `${indent}${name}${gap}${type}${modifier}${mapped}${tail}`;
}

/** Renders the PostgreSQL schema from the SQLite one (prisma/schema.prisma's text). */
export function renderPostgresSchema(sqliteSchema: string): string {
  const lines = sqliteSchema.replace(/\r\n/g, "\n").split("\n");
  const out: string[] = [];
  let block: string | null = null;
  let seenBlock = false;
  let datasources = 0;
  let outputs = 0;
  for (const [index, line] of lines.entries()) {
    const lineNo = index + 1;
    const start = BLOCK_START.exec(line);
    if (block === null) {
      // The source's own header speaks of SQLite: HEADER replaces it.
      if (!seenBlock && (line.startsWith("//") || line.trim() === "")) continue;
      if (start) {
        block = start[1]!;
        seenBlock = true;
        if (block === "datasource") datasources++;
      }
      out.push(line);
      continue;
    }
    if (/^\s*\}\s*$/.test(line)) {
      block = null;
      out.push(line);
      continue;
    }
    if (block === "datasource") out.push(renderDatasource(line, lineNo));
    else if (block === "generator") {
      const rendered = renderGenerator(line);
      if (rendered !== line) outputs++;
      out.push(rendered);
    } else if (block === "model" || block === "view" || block === "type") {
      out.push(renderField(line, lineNo));
    } else out.push(line);
  }
  if (block !== null) throw new SchemaRenderError(lines.length, `the ${block} block is not closed`);
  if (datasources !== 1)
    throw new SchemaRenderError(1, `expected one datasource block, found ${datasources}`);
  if (outputs === 0) {
    throw new SchemaRenderError(
      1,
      "the generator has no output: both clients would be generated into one folder",
    );
  }
  return `${HEADER}\n${out.join("\n").replace(/\n+$/, "")}\n`;
}
