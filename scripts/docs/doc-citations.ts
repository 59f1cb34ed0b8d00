/**
 * Finds what a file cites and which citations point at nothing in the repo (docs/house-rules.md R24).
 * A citation is a `*.md` path, optionally with a `#section` anchor or house-rule numbers
 * (`docs/house-rules.md R10, R17`); in markdown also a backticked or linked repo path
 * (`src/lib/errors.ts`, `[deploy/](deploy)`). Code files are checked in their comments only, markdown
 * and other text files in full. Pure functions; scripts/check-doc-citations.ts walks the repo.
 */
import path from "node:path";

/** A paragraph or list item carrying this marker names paths that exist only after a pending merge; it is not checked. */
export const VERIFY_AFTER_MERGE_MARKER = "<!-- verify after merge -->";

export type DocCitation = { index: number; path: string; anchor: string | null; rules: number[] };
export type BareDocName = { index: number; text: string };
export type RepoPath = { index: number; path: string };
export type Problem = { file: string; line: number; message: string };

/** What the checker needs to know about the repo, so tests can hand it a made-up one. */
export type Repo = {
  /** A file or folder, relative to the repo root. */
  exists(relativePath: string): boolean;
  /** The text of a markdown file in the repo, or null when there is none. */
  readDoc(relativePath: string): string | null;
};

// A relative path ending in .md: not part of a URL or an absolute path (nothing path-like before it).
const MD_PATH = /(?<![\w./~:-])((?:\.\.?\/)*[\w-][\w.-]*(?:\/[\w.-]+)*\.md)\b(#[\w-]+)?/g;
// House-rule numbers right after a cited path: " R10", " R10, R17", " R3 and R4".
const RULE_LIST = /^(?:\s*(?:,|and|&)?\s*R(\d+)\b)+/;
const RULE_NUMBER = /R(\d+)/g;
// A document named by an all-caps word and a section sign or rule number, with no path to open.
const BARE_DOC_NAME = /\b[A-Z][A-Z_-]{2,}\s+(?:§\s*\d+|rules?\s+\d+)/g;
// Top-level folders whose paths markdown names in backticks or links.
const REPO_ROOTS = [
  ".ci",
  "bench",
  "deploy",
  "docs",
  "e2e",
  "emulator",
  "examples",
  "fault",
  "monitoring",
  "prisma",
  "scripts",
  "src",
  "test",
  "worker",
];
const BACKTICKED_PATH = new RegExp(
  String.raw`\x60((?:${REPO_ROOTS.map((root) => root.replace(".", "\\.")).join("|")})/[^\x60\s]*)\x60`,
  "g",
);
const MARKDOWN_LINK = /\]\(([^)\s#]+)(#[^)\s]*)?\)/g;
// Placeholders and globs name no single path: `src/lib/jobs/<name>.job.ts`, `*.schema.ts`, `routers/…`.
const NOT_A_LITERAL_PATH = /[<>*…{}|]|\.\.\.|\$/;

export function findDocCitations(text: string): DocCitation[] {
  const citations: DocCitation[] = [];
  for (const match of text.matchAll(MD_PATH)) {
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 80);
    // Rule numbers belong to a cited file, not to a section of it.
    const ruleList = match[2] ? "" : (RULE_LIST.exec(after)?.[0] ?? "");
    citations.push({
      index: match.index,
      path: match[1]!,
      anchor: match[2] ? match[2].slice(1) : null,
      rules: [...ruleList.matchAll(RULE_NUMBER)].map((rule) => Number(rule[1])),
    });
  }
  return citations;
}

export function findBareDocNames(text: string): BareDocName[] {
  return [...text.matchAll(BARE_DOC_NAME)].map((match) => ({ index: match.index, text: match[0] }));
}

/** Repo paths a markdown file names in backticks or as link targets (URLs, anchors and `.md` links excepted). */
export function findRepoPaths(markdown: string): RepoPath[] {
  const paths: RepoPath[] = [];
  for (const match of markdown.matchAll(BACKTICKED_PATH)) paths.push({ index: match.index, path: match[1]! });
  for (const match of markdown.matchAll(MARKDOWN_LINK)) {
    const target = match[1]!;
    if (/^[a-z][a-z+.-]*:/i.test(target) || target.startsWith("/") || target.endsWith(".md")) continue;
    paths.push({ index: match.index, path: target });
  }
  // Markdown files (with or without a #section) are citations, checked with their anchors by findDocCitations.
  return paths.filter((found) => !NOT_A_LITERAL_PATH.test(found.path) && !/\.md(#|$)/.test(found.path));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function slugify(heading: string): string {
  const text = heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{N}\s_-]/gu, "").replace(/\s/g, "-");
}

type Headings = { anchors: Set<string>; rules: Set<number> };

/** The anchors of a markdown file (its headings, numbered as GitHub does for repeats, and HTML ids) and its rule numbers. */
export function readHeadings(markdown: string): Headings {
  const anchors = new Set<string>();
  const rules = new Set<number>();
  const seen = new Map<string, number>();
  let fence: string | null = null;
  for (const line of markdown.split("\n")) {
    const fenceMatch = /^\s*(```|~~~)/.exec(line);
    if (fenceMatch) {
      if (fence === null) fence = fenceMatch[1]!;
      else if (fence === fenceMatch[1]) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const slug = slugify(heading[1]!);
      const count = seen.get(slug) ?? 0;
      seen.set(slug, count + 1);
      anchors.add(count === 0 ? slug : `${slug}-${count}`);
      const rule = /^R(\d+)\b/.exec(heading[1]!);
      if (rule) rules.add(Number(rule[1]));
    }
    for (const id of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) anchors.add(id[1]!);
  }
  return { anchors, rules };
}

const CODE_EXTENSIONS = new Set([".ts", ".mts", ".cts", ".tsx", ".js", ".mjs", ".cjs", ".jsx"]);

export function isCodeFile(file: string): boolean {
  return CODE_EXTENSIONS.has(path.extname(file));
}

// After these a `/` starts a regular expression and (in JSX files) a `<` starts an element; after a value
// (a name, a number, a string, `)` or `]`) they are operators.
const EXPRESSION_KEYWORDS = new Set([
  "return",
  "typeof",
  "case",
  "do",
  "else",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "instanceof",
  "yield",
  "await",
]);

const WORD = /[\p{L}\p{N}_$]/u;
const WORD_RUN = /[\p{L}\p{N}_$]+/uy;

/**
 * Every comment of a JS/TS file as [start, end) offsets. A small lexer, not a parser: it knows strings,
 * template literals (with nested `${…}`), regular expressions and, in .tsx/.jsx files, JSX elements, whose
 * text and attribute strings are not comments. Loading TypeScript's parser would cost more than the whole check.
 */
export function commentRanges(file: string, text: string): Array<[number, number]> {
  const isJsx = /\.[jt]sx$/.test(file);
  const ranges: Array<[number, number]> = [];
  let i = 0;
  let expectsValue = true;

  // At "//" or "/*": records the comment and moves past it.
  const skipComment = () => {
    const isLine = text[i + 1] === "/";
    const found = isLine ? text.indexOf("\n", i) : text.indexOf("*/", i + 2);
    const end = found === -1 ? text.length : isLine ? found : found + 2;
    ranges.push([i, end]);
    i = end;
  };
  const skipQuoted = (quote: string) => {
    for (i++; i < text.length && text[i] !== quote && text[i] !== "\n"; i++) if (text[i] === "\\") i++;
    i++;
  };
  const skipRegex = () => {
    let inClass = false;
    for (i++; i < text.length && text[i] !== "\n"; i++) {
      const char = text[i];
      if (char === "\\") i++;
      else if (char === "[") inClass = true;
      else if (char === "]") inClass = false;
      else if (char === "/" && !inClass) break;
    }
    for (i++; i < text.length && /[a-z]/i.test(text[i]!); i++);
  };
  const skipTemplate = () => {
    for (i++; i < text.length && text[i] !== "\x60"; i++) {
      if (text[i] === "\\") i++;
      else if (text[i] === "$" && text[i + 1] === "{") {
        i += 2;
        lexCode(true);
        i--;
      }
    }
    i++;
  };
  // At "<": an element with its attributes and children, up to its closing tag (or "/>").
  const skipJsxElement = () => {
    let depth = 0;
    for (;;) {
      const isClosing = text[i + 1] === "/";
      let selfClosing = false;
      for (i++; i < text.length && text[i] !== ">"; i++) {
        const char = text[i];
        if (char === '"' || char === "'") {
          skipQuoted(char);
          i--;
        } else if (char === "/" && (text[i + 1] === "/" || text[i + 1] === "*")) {
          skipComment();
          i--;
        } else if (char === "{") {
          i++;
          lexCode(true);
          i--;
        } else if (char === "/" && text[i + 1] === ">") selfClosing = true;
      }
      i++;
      depth += isClosing ? -1 : selfClosing ? 0 : 1;
      if (depth <= 0 || i >= text.length) return;
      // Children: text up to the next tag, with {expressions} in code.
      while (i < text.length && text[i] !== "<") {
        if (text[i] === "{") {
          i++;
          lexCode(true);
        } else i++;
      }
    }
  };
  // Code up to the end of the text or, with `untilBrace`, just past the "}" that closes an open "{".
  const lexCode = (untilBrace: boolean) => {
    let depth = 0;
    expectsValue = true;
    while (i < text.length) {
      const char = text[i]!;
      const next = text[i + 1];
      if (char === "/" && (next === "/" || next === "*")) {
        skipComment();
      } else if (char === '"' || char === "'") {
        skipQuoted(char);
        expectsValue = false;
      } else if (char === "\x60") {
        skipTemplate();
        expectsValue = false;
      } else if (char === "/" && expectsValue) {
        skipRegex();
        expectsValue = false;
      } else if (char === "<" && isJsx && expectsValue && next !== undefined && /[A-Za-z>]/.test(next)) {
        skipJsxElement();
        expectsValue = false;
      } else if (char === " " || char === "\n" || char === "\t" || char === "\r") {
        i++;
      } else if (WORD.test(char)) {
        WORD_RUN.lastIndex = i;
        WORD_RUN.test(text);
        expectsValue = EXPRESSION_KEYWORDS.has(text.slice(i, WORD_RUN.lastIndex));
        i = WORD_RUN.lastIndex;
      } else {
        i++;
        if (char === "{") depth++;
        if (char === "}" && --depth < 0 && untilBrace) return;
        expectsValue = char !== ")" && char !== "]";
      }
    }
  };

  lexCode(false);
  return ranges;
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

const BLOCK_START = /^\s*(?:$|[-*+]\s|\d+\.\s|#)/;

/** The paragraph or list item holding `index`: from the line that starts it to the line before the next one. */
function blockText(text: string, index: number): string {
  const lines = text.split("\n");
  let line = lineOf(text, index) - 1;
  let first = line;
  while (first > 0 && !BLOCK_START.test(lines[first]!)) first--;
  for (line++; line < lines.length && !BLOCK_START.test(lines[line]!); line++);
  return lines.slice(first, line).join("\n");
}

/** `cited` resolved against the repo root first, then the citing file's folder; null when neither exists. */
function resolveCited(repo: Repo, file: string, cited: string): string | null {
  const fromRoot = path.posix.normalize(cited.replace(/\/$/, ""));
  if (!fromRoot.startsWith("..") && repo.exists(fromRoot)) return fromRoot;
  const fromFile = path.posix.normalize(path.posix.join(path.posix.dirname(file), cited.replace(/\/$/, "")));
  if (!fromFile.startsWith("..") && repo.exists(fromFile)) return fromFile;
  return null;
}

/** Could `text` cite a document at all? Cheap, so most code files are never parsed. */
function mayCite(text: string): boolean {
  return text.includes(".md") || /[A-Z]{3}(?:\.md)?\s+(?:§|rule)/.test(text);
}

export function checkFile(repo: Repo, file: string, text: string): Problem[] {
  if (!mayCite(text) && !file.endsWith(".md")) return [];
  const problems: Problem[] = [];
  const comments = isCodeFile(file) ? commentRanges(file, text) : null;
  const isChecked = (index: number) =>
    (comments === null || comments.some(([start, end]) => index >= start && index < end)) &&
    !blockText(text, index).includes(VERIFY_AFTER_MERGE_MARKER);
  const report = (index: number, message: string) => problems.push({ file, line: lineOf(text, index), message });
  const headingsCache = new Map<string, Headings>();
  const headingsOf = (doc: string) => {
    let headings = headingsCache.get(doc);
    if (!headings) {
      headings = readHeadings(repo.readDoc(doc) ?? "");
      headingsCache.set(doc, headings);
    }
    return headings;
  };

  for (const citation of findDocCitations(text)) {
    if (!isChecked(citation.index)) continue;
    const doc = resolveCited(repo, file, citation.path);
    if (doc === null) {
      report(citation.index, `cites ${citation.path}, which is not in the repo`);
      continue;
    }
    const headings = headingsOf(doc);
    if (citation.anchor !== null && !headings.anchors.has(citation.anchor)) {
      report(citation.index, `cites ${doc}#${citation.anchor}, but ${doc} has no such section`);
    }
    for (const rule of citation.rules) {
      if (!headings.rules.has(rule)) report(citation.index, `cites ${doc} R${rule}, but ${doc} has no rule R${rule}`);
    }
  }
  for (const bare of findBareDocNames(text)) {
    if (isChecked(bare.index)) report(bare.index, `cites "${bare.text}", a document that is not in the repo`);
  }
  if (file.endsWith(".md")) {
    for (const named of findRepoPaths(text)) {
      if (isChecked(named.index) && resolveCited(repo, file, named.path) === null) {
        report(named.index, `names ${named.path}, which is not in the repo`);
      }
    }
  }
  return problems;
}
