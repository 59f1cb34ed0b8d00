import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { testDatabaseUrl } from "@test/test-db-url";
import { diffSchemas, parsePrismaSchema, readDatabaseSchema, type SchemaShape } from "./schema-drift";

const SCHEMA_PATH = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

let schemaSource: string;
let database: SchemaShape;

beforeAll(async () => {
  schemaSource = await readFile(SCHEMA_PATH, "utf8");
  database = await readDatabaseSchema(testDatabaseUrl());
});

function driftOf(source: string): string[] {
  const { shape, unsupported } = parsePrismaSchema(source);
  expect(unsupported).toEqual([]);
  return diffSchemas(shape, database);
}

describe("schema.prisma vs the migrated database", () => {
  it("match: every model, column, type, nullability, default, key, index, foreign key and enum", () => {
    const { shape } = parsePrismaSchema(schemaSource);
    expect(shape.tables.size).toBeGreaterThanOrEqual(17);
    expect(driftOf(schemaSource)).toEqual([]);
  });

  it("reads the details it claims to compare", () => {
    const { shape } = parsePrismaSchema(schemaSource);
    const project = shape.tables.get("Project")!;
    expect(project.columns.get("viewCount")).toEqual({ type: "bigint", nullable: true, hasDefault: false });
    expect(project.columns.get("kind")).toEqual({ type: "enum ProjectKind", nullable: false, hasDefault: true });
    expect(project.columns.get("topics")).toEqual({ type: "text[]", nullable: true, hasDefault: true });
    expect(project.indexes.get("Project_userId_youtubeVideoId_key")).toEqual({
      unique: true,
      primary: false,
      columns: ["userId", "youtubeVideoId"],
    });
    expect(project.indexes.get("Project_userId_createdAt_idx")?.columns).toEqual(["userId", "createdAt DESC"]);
    expect(shape.tables.get("QuotaDay")!.indexes.get("QuotaDay_pkey")?.columns).toEqual(["day", "scope"]);
  });

  it("catches a column added to schema.prisma without a migration", () => {
    const drifted = schemaSource.replace(/(model Project \{\n)/, "$1  driftedColumn String?\n");
    expect(drifted).not.toBe(schemaSource);
    expect(driftOf(drifted)).toEqual(["Project.driftedColumn: in schema.prisma but not in the database"]);
  });

  it("catches changed nullability, type, a new index and a new unique key", () => {
    const drifted = schemaSource
      .replace("  title            String\n  description", "  title            String?\n  description")
      .replace("durationSeconds  Int?", "durationSeconds  BigInt?")
      .replace("  @@index([importRunId])\n", "  @@index([importRunId])\n  @@index([publishedAt])\n")
      .replace("  handle        String?  @unique", "  handle        String?  @unique\n  @@unique([name, email])");
    const drift = driftOf(drifted);
    expect(drift).toContain(
      'Project.title: schema.prisma says {"type":"text","nullable":true,"hasDefault":false}, database has {"type":"text","nullable":false,"hasDefault":false}',
    );
    expect(drift.some((line) => line.startsWith("Project.durationSeconds:"))).toBe(true);
    expect(drift).toContain("Project index Project_publishedAt_idx: in schema.prisma but not in the database");
    expect(drift).toContain("User index User_name_email_key: in schema.prisma but not in the database");
  });

  it("catches a model removed from schema.prisma but still in the database", () => {
    const drifted = schemaSource.replace(/model SystemPing \{[\s\S]*?\n\}\n/, "");
    expect(driftOf(drifted)).toEqual(["table SystemPing: in the database but not in schema.prisma"]);
  });
});
