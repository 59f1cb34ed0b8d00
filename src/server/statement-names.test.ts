import { describe, expect, it } from "vitest";
import {
  STATEMENT_NAME_MAX_SQL_CHARS,
  STATEMENT_NAMES_MAX,
  statementNameCount,
  statementNameFor,
} from "./statement-names";

describe("statementNameFor", () => {
  it("names a text the same way every time, and different texts differently", () => {
    const name = statementNameFor(`SELECT "id" FROM "public"."User" WHERE "id" = $1`);
    expect(name).toMatch(/^s_[\w-]{16}$/);
    expect(statementNameFor(`SELECT "id" FROM "public"."User" WHERE "id" = $1`)).toBe(name);
    expect(statementNameFor(`SELECT "id" FROM "public"."User" WHERE "email" = $1`)).not.toBe(name);
  });

  it("never names transaction control or texts over the length cap", () => {
    for (const sql of [
      "BEGIN",
      "COMMIT",
      "ROLLBACK",
      "SAVEPOINT prisma_sp_1",
      "RELEASE SAVEPOINT prisma_sp_1",
      "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE",
    ]) {
      expect(statementNameFor(sql)).toBe("");
    }
    const before = statementNameCount();
    expect(statementNameFor(`SELECT 1 ${"-".repeat(STATEMENT_NAME_MAX_SQL_CHARS)}`)).toBe("");
    expect(statementNameCount()).toBe(before);
  });

  it("remembers at most STATEMENT_NAMES_MAX texts: later new texts run unnamed, known ones keep their names", () => {
    const first = statementNameFor("SELECT $1::int AS first_of_many");
    for (let index = 0; index < STATEMENT_NAMES_MAX * 3; index += 1) statementNameFor(`SELECT $1::int AS n${index}`);
    expect(statementNameCount()).toBe(STATEMENT_NAMES_MAX);
    expect(statementNameFor("SELECT $1::int AS one_too_many")).toBe("");
    expect(statementNameFor("SELECT $1::int AS first_of_many")).toBe(first);
  });
});
