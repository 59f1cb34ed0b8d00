import { describe, expect, it } from "vitest";
import {
  checkFile,
  commentRanges,
  findBareDocNames,
  findDocCitations,
  findRepoPaths,
  readHeadings,
  slugify,
  VERIFY_AFTER_MERGE_MARKER,
  type Repo,
} from "./doc-citations";

const HOUSE_RULES = ["# House rules", "", "### R1. One way", "", "### R10. Errors", ""].join("\n");
const DESIGN = [
  "# Design",
  "## Data model",
  "## Data model",
  "## Google OAuth and the YouTube connection",
  "### The refresh (`projects.refresh`)",
  "```sh",
  "# Not a heading",
  "```",
  '<a id="custom-anchor"></a>',
].join("\n");

/** A made-up repo: these files and folders exist, nothing else. */
function fakeRepo(docs: Record<string, string>, others: string[] = []): Repo {
  const paths = new Set([...Object.keys(docs), ...others]);
  for (const file of [...paths]) {
    for (let dir = file; dir.includes("/"); ) {
      dir = dir.slice(0, dir.lastIndexOf("/"));
      paths.add(dir);
    }
  }
  return { exists: (relative) => paths.has(relative), readDoc: (relative) => docs[relative] ?? null };
}

const REPO = fakeRepo({ "docs/house-rules.md": HOUSE_RULES, "docs/design.md": DESIGN, "README.md": "# Showreel" }, [
  "src/lib/errors.ts",
  "worker/main.ts",
]);

const messagesOf = (file: string, text: string) => checkFile(REPO, file, text).map((problem) => problem.message);

describe("findDocCitations", () => {
  it("finds relative .md paths with their anchor and rule numbers", () => {
    const citations = findDocCitations(
      "see docs/design.md#data-model and docs/house-rules.md R10, R17 and ../README.md; (operations.md)",
    );
    expect(citations.map(({ path, anchor, rules }) => ({ path, anchor, rules }))).toEqual([
      { path: "docs/design.md", anchor: "data-model", rules: [] },
      { path: "docs/house-rules.md", anchor: null, rules: [10, 17] },
      { path: "../README.md", anchor: null, rules: [] },
      { path: "operations.md", anchor: null, rules: [] },
    ]);
  });

  it("leaves URLs, absolute paths and bare words alone", () => {
    const text = "https://github.com/x/y/blob/main/README.md file:/opt/showreel/docs/deploy.md a .md file *.md";
    expect(findDocCitations(text)).toEqual([]);
  });
});

describe("findBareDocNames", () => {
  it("finds documents cited by an all-caps name and a section or rule number", () => {
    const text = "(FOOBAR rule 10, DESIGN §6) and NOTES rules 3 but not RFC 6749 §4.1 or HTTP 429";
    expect(findBareDocNames(text).map((found) => found.text)).toEqual(["FOOBAR rule 10", "DESIGN §6", "NOTES rules 3"]);
  });
});

describe("findRepoPaths", () => {
  it("finds backticked repo paths and relative link targets, not placeholders, globs, URLs or .md files", () => {
    const markdown = [
      "Edit `src/lib/errors.ts` and `worker/handlers/` then `src/lib/jobs/<name>.job.ts` and `src/**/*.schema.ts`.",
      "See [deploy](deploy) and [the docs](https://example.com/x) and [design](docs/design.md#quota).",
      "Not a path: `npm run check`, `src/lib/foo.ts some words`.",
    ].join("\n");
    expect(findRepoPaths(markdown).map((found) => found.path)).toEqual([
      "src/lib/errors.ts",
      "worker/handlers/",
      "deploy",
    ]);
  });
});

describe("readHeadings and slugify", () => {
  it("makes GitHub's anchors: punctuation dropped, repeats numbered, fenced code and HTML ids", () => {
    expect(slugify("The refresh (`projects.refresh`)")).toBe("the-refresh-projectsrefresh");
    expect(slugify("Web tier: sessions, limits, statements")).toBe("web-tier-sessions-limits-statements");
    const { anchors } = readHeadings(DESIGN);
    expect([...anchors].sort()).toEqual([
      "custom-anchor",
      "data-model",
      "data-model-1",
      "design",
      "google-oauth-and-the-youtube-connection",
      "the-refresh-projectsrefresh",
    ]);
  });

  it("reads rule numbers from headings that start with R<n>", () => {
    expect([...readHeadings(HOUSE_RULES).rules]).toEqual([1, 10]);
  });
});

describe("commentRanges", () => {
  const commentsOf = (file: string, text: string) =>
    commentRanges(file, text).map(([start, end]) => text.slice(start, end));

  it("finds line and block comments, not the insides of strings, templates or regular expressions", () => {
    const text = [
      "// one",
      "const a = \"// not a comment\", b = '/* nor this */';",
      "const c = `x ${d /* two */} // still template`;",
      "const e = /\\/\\/ regex [/]/g.test(f) / 2; /* three */",
    ].join("\n");
    expect(commentsOf("x.ts", text)).toEqual(["// one", "/* two */", "/* three */"]);
  });

  it("knows JSX text and attributes from comments in .tsx files", () => {
    const text = [
      "const view = (",
      '  <p title="// no" data-x={1 /* one */}>',
      "    You've seen https://example.com // not a comment",
      "    {/* two */}",
      "    <input",
      "      // three",
      "      value={a < b ? c : d}",
      "    />",
      "  </p>",
      ");",
      "// four",
    ].join("\n");
    expect(commentsOf("x.tsx", text)).toEqual(["/* one */", "/* two */", "// three", "// four"]);
  });
});

describe("checkFile", () => {
  it("accepts citations of files, sections and rules that exist, from the root or the citing file's folder", () => {
    const code = "// see docs/house-rules.md R1, R10 and docs/design.md#data-model-1\nconst x = 1;\n";
    expect(messagesOf("src/lib/x.ts", code)).toEqual([]);
    expect(messagesOf("docs/x.md", "[rules](house-rules.md#r10-errors) and [home](../README.md)")).toEqual([]);
  });

  it("reports a missing document, section or rule, and a bare document name", () => {
    const code = [
      "/** Per NOTES.md and docs/design.md#quota, R99 of docs/house-rules.md R99 (STYLE rule 8). */",
      "const x = 1;",
    ].join("\n");
    expect(messagesOf("src/lib/x.ts", code)).toEqual([
      "cites NOTES.md, which is not in the repo",
      "cites docs/design.md#quota, but docs/design.md has no such section",
      "cites docs/house-rules.md R99, but docs/house-rules.md has no rule R99",
      'cites "STYLE rule 8", a document that is not in the repo',
    ]);
  });

  it("reads code files' comments only, and markdown in full", () => {
    expect(messagesOf("src/lib/x.ts", 'const alias = "obsidian.md";\n')).toEqual([]);
    expect(messagesOf("docs/x.md", "Install obsidian.md first.")).toEqual([
      "cites obsidian.md, which is not in the repo",
    ]);
  });

  it("checks the repo paths a markdown file names, on its own line numbers", () => {
    const markdown = "# Title\n\nEdit `src/lib/errors.ts`, then `src/lib/missing.ts`.\n";
    expect(checkFile(REPO, "CONTRIBUTING.md", markdown)).toEqual([
      { file: "CONTRIBUTING.md", line: 3, message: "names src/lib/missing.ts, which is not in the repo" },
    ]);
  });

  it("skips the paragraph or list item marked to be verified after a pending merge, and only that", () => {
    const markdown = [
      "1. Edit `src/lib/jobs/new-name.job.ts`",
      `   and \`src/lib/upstream/new-helper.ts\`. ${VERIFY_AFTER_MERGE_MARKER}`,
      "2. Then `src/lib/gone.ts`.",
      "",
      "And `src/lib/also-gone.ts`.",
    ].join("\n");
    expect(messagesOf("CONTRIBUTING.md", markdown)).toEqual([
      "names src/lib/gone.ts, which is not in the repo",
      "names src/lib/also-gone.ts, which is not in the repo",
    ]);
  });
});
