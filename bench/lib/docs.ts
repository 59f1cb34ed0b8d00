/**
 * docs/benchmarks.md is written by `npm run bench`: each benchmark owns one "## <heading>" section, which
 * a run replaces whole (other sections are kept). Inside a section, a run of one mode (quick, full) keeps
 * the other mode's block between its markers, so a quick run never erases the last full-size figures.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const FILE_HEADER = `# Benchmarks

Written by \`npm run bench\` (bench/run.ts); each section holds only figures that command printed, with the
machine they came from. \`npm run bench\` is the quick size; \`npm run bench -- --full\` the sizes of
docs/design.md#targets. Raw results: bench/results/*.json (local to the machine that ran them, not committed).
`;

export function markedBlock(name: string, body: string): string {
  return `<!-- bench:${name}:start -->\n${body.trim()}\n<!-- bench:${name}:end -->`;
}

/** The block between a section's markers in the current file, if any. */
export function readMarkedBlock(file: string, name: string): string | null {
  if (!existsSync(file)) return null;
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(`<!-- bench:${name}:start -->`);
  const end = text.indexOf(`<!-- bench:${name}:end -->`);
  if (start < 0 || end < start) return null;
  return text.slice(start + `<!-- bench:${name}:start -->`.length, end).trim();
}

export function replaceSection(file: string, heading: string, body: string): void {
  const text = existsSync(file) ? readFileSync(file, "utf8") : FILE_HEADER;
  const section = `## ${heading}\n\n${body.trim()}\n`;
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.trim() === `## ${heading}`);
  let next: string;
  if (start < 0) {
    next = `${text.trimEnd()}\n\n${section}`;
  } else {
    const after = lines.findIndex((line, index) => index > start && /^## /.test(line));
    const before = lines.slice(0, start).join("\n").trimEnd();
    const rest = after < 0 ? "" : `\n\n${lines.slice(after).join("\n").trim()}\n`;
    next = `${before}\n\n${section}${rest}`;
  }
  writeFileSync(file, next.endsWith("\n") ? next : `${next}\n`);
}
