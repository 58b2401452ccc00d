import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  POSTGRES_SCHEMA_PATH,
  renderPostgresSchema,
  SchemaRenderError,
} from "./render-postgres-schema";

const ROOT = path.resolve(import.meta.dirname, "../..");

const source = (models: string) => `// The SQLite header, which speaks of Unix milliseconds.
// A second line of it.

generator client {
  provider     = "prisma-client"
  output       = "../lib/generated/prisma"
  moduleFormat = "esm"
}

datasource db {
  provider = "sqlite"
  url      = "file:./data/hooklens.db"
}
${models}`;

/** The rendered lines of the model block, without the generated header and the two blocks. */
const modelLines = (models: string) => {
  const rendered = renderPostgresSchema(source(models));
  return rendered.slice(rendered.indexOf("model ")).trimEnd().split("\n");
};

describe("renderPostgresSchema", () => {
  it("is what prisma/postgres/schema.prisma holds (render it again after changing the schema)", () => {
    const sqlite = readFileSync(path.join(ROOT, "prisma/schema.prisma"), "utf8");
    const checkedIn = readFileSync(path.join(ROOT, POSTGRES_SCHEMA_PATH), "utf8");
    expect(checkedIn).toBe(renderPostgresSchema(sqlite));
  });

  it("points the datasource at PostgreSQL with a URL that needs no environment", () => {
    const rendered = renderPostgresSchema(source(""));
    expect(rendered).toContain(
      '  provider = "postgresql"\n  url      = "postgresql://localhost/hooklens"\n',
    );
    expect(rendered).not.toContain("sqlite");
    expect(rendered).not.toContain("file:");
  });

  it("generates the PostgreSQL client beside the SQLite one, from one folder deeper", () => {
    const rendered = renderPostgresSchema(source(""));
    expect(rendered).toContain('  output       = "../../lib/generated/prisma-postgres"\n');
    expect(rendered).toContain('  provider     = "prisma-client"\n  ');
    expect(rendered).toContain('moduleFormat = "esm"');
  });

  it("keeps a ./ or absolute output meaningful from prisma/postgres/", () => {
    const withOutput = (output: string) => source("").replace("../lib/generated/prisma", output);
    expect(renderPostgresSchema(withOutput("./client/"))).toContain(
      'output       = "../client-postgres"',
    );
    expect(renderPostgresSchema(withOutput("/abs/client"))).toContain(
      'output       = "/abs/client-postgres"',
    );
  });

  it("replaces the source's SQLite header with the generated-file header", () => {
    const rendered = renderPostgresSchema(source(""));
    expect(rendered.startsWith("// GENERATED from prisma/schema.prisma")).toBe(true);
    expect(rendered).not.toContain("The SQLite header");
    expect(rendered).not.toContain("A second line of it");
  });

  it("makes DateTime timestamptz(3), optional or not, before a trailing comment", () => {
    const lines = modelLines(`
model Thing {
  id        Int       @id @default(autoincrement())
  createdAt DateTime  @default(now()) @map("created_at")
  doneAt    DateTime? @map("done_at") // set when done
  touchedAt DateTime  @updatedAt
  at        DateTime
}`);
    expect(lines).toEqual([
      "model Thing {",
      "  id        Int       @id @default(autoincrement())",
      '  createdAt DateTime  @default(now()) @map("created_at") @db.Timestamptz(3)',
      '  doneAt    DateTime? @map("done_at") @db.Timestamptz(3) // set when done',
      "  touchedAt DateTime  @updatedAt @db.Timestamptz(3)",
      "  at        DateTime @db.Timestamptz(3)",
      "}",
    ]);
  });

  it("leaves the other scalar types, relations, comments and block attributes as they are", () => {
    const models = `
/// A doc comment that says DateTime.
model Thing {
  id       Int      @id
  big      BigInt?  @map("big")
  data     Bytes
  flag     Boolean  @default(false)
  name     String   @default("a // not a comment")
  other    Other    @relation(fields: [otherId], references: [id], onDelete: Cascade)
  otherId  Int      @map("other_id")
  /// DateTime in a doc comment is not a field.
  // DateTime in a comment is not one either.

  @@index([otherId, name])
  @@map("things")
}`;
    expect(modelLines(models).join("\n")).toBe(models.slice(models.indexOf("model ")));
  });

  it("does not take a // inside a string for a comment", () => {
    const [, field] = modelLines(`
model Link {
  at DateTime @default(dbgenerated("'x//y'"))
}`);
    expect(field).toBe(`  at DateTime @default(dbgenerated("'x//y'")) @db.Timestamptz(3)`);
  });

  it("renders enums as they are", () => {
    const lines = modelLines(`
model A {
  id Int @id
}

enum State {
  running
  done
}`);
    expect(lines.slice(-4)).toEqual(["enum State {", "  running", "  done", "}"]);
  });

  it("ends with one newline however the source ends", () => {
    expect(renderPostgresSchema(source("") + "\n\n\n").endsWith("}\n")).toBe(true);
    expect(renderPostgresSchema(source("").replace(/\n/g, "\r\n"))).not.toContain("\r");
  });

  it("refuses a source that is not SQLite's", () => {
    expect(() => renderPostgresSchema(source("").replace('"sqlite"', '"mysql"'))).toThrow(
      /provider is "mysql", not "sqlite"/,
    );
  });

  it("refuses Unsupported types and native type attributes, naming the line", () => {
    const unsupported = source(`\nmodel A {\n  id Int @id\n  g Unsupported("geometry")?\n}`);
    expect(() => renderPostgresSchema(unsupported)).toThrow(SchemaRenderError);
    expect(() => renderPostgresSchema(unsupported)).toThrow(/schema\.prisma:17: Unsupported/);
    const native = source(`\nmodel A {\n  id Int @id\n  s String @db.VarChar(10)\n}`);
    expect(() => renderPostgresSchema(native)).toThrow(/schema\.prisma:17: native type attributes/);
  });

  it("refuses a schema without one datasource, without a generator output, or with an open block", () => {
    const noDatasource = source("").replace(/datasource db \{[^}]*\}/, "");
    expect(() => renderPostgresSchema(noDatasource)).toThrow(
      /expected one datasource block, found 0/,
    );
    const noOutput = source("").replace(/ {2}output[^\n]*\n/, "");
    expect(() => renderPostgresSchema(noOutput)).toThrow(/generator has no output/);
    expect(() => renderPostgresSchema(source("\nmodel A {\n  id Int @id\n"))).toThrow(
      /model block is not closed/,
    );
  });
});
