/**
 * `npm run check:docs` (part of `npm run check`): fails when a comment or a doc cites a document, a
 * section, a house rule or (in markdown) a path that is not in the repo. The rules are in
 * scripts/docs/doc-citations.ts; this walks the files git knows (tracked and new, ignored ones left out).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { checkFile, type Problem, type Repo } from "./docs/doc-citations";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

// Bytes nobody cites from: generated code, recorded fixtures, binaries. Applied migrations are history:
// their checksums are recorded in every database (scripts/db/apply-migrations.ts), so their text stays.
const SKIPPED = [
  /^src\/generated\//,
  /\/__fixtures__\//,
  /^test\/fixtures\//,
  /^prisma\/migrations\//,
  /\.(png|jpe?g|gif|ico|woff2?)$/,
];

function listFiles(): string[] {
  const output = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const files = output.split("\0").filter((file) => file !== "" && !SKIPPED.some((skip) => skip.test(file)));
  return [...new Set(files)].filter((file) => statSync(path.join(ROOT, file), { throwIfNoEntry: false })?.isFile());
}

const repo: Repo = {
  exists: (relativePath) => existsSync(path.join(ROOT, relativePath)),
  readDoc: (relativePath) => {
    const file = path.join(ROOT, relativePath);
    return relativePath.endsWith(".md") && existsSync(file) ? readFileSync(file, "utf8") : null;
  },
};

const problems: Problem[] = listFiles().flatMap((file) =>
  checkFile(repo, file, readFileSync(path.join(ROOT, file), "utf8")),
);
for (const problem of problems) console.error(`${problem.file}:${problem.line}: ${problem.message}`);
if (problems.length > 0) {
  console.error(`\n${problems.length} citation(s) point at nothing in the repo (docs/house-rules.md R24).`);
  process.exit(1);
}
