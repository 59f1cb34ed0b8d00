// The privacy page's retention table and the audit pack's copy in docs/operations.md say the same thing.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ACCOUNT_DELETION_NOTE, RETENTION_ROWS } from "./retention";

const OPERATIONS_DOC = path.resolve(import.meta.dirname, "../../../docs/operations.md");

describe("retention figures", () => {
  it("docs/operations.md lists every row of the privacy page's retention table, word for word", () => {
    const doc = readFileSync(OPERATIONS_DOC, "utf8");
    const section = doc.slice(doc.indexOf("### Data stored and its retention"));
    for (const row of RETENTION_ROWS) expect(section).toContain(`| ${row.data} | ${row.details} | ${row.kept} |`);
    expect(section).toContain(ACCOUNT_DELETION_NOTE);
  });
});
