/**
 * Driver (bench/lib/driver.ts) for the matcher benchmark: loads the catalog index the way the worker does
 * (`loadCatalogIndex`, once per process) and matches every video with `matchCatalog`, counting each SQL
 * statement the app sends (`onQuery`: Prisma's and the pool's) while it matches. Prints per-repeat time, queries and matches.
 */
import { loadCatalogIndex, matchCatalog } from "~/lib/analysis/catalog-matcher";
import { closeDb, onQuery } from "~/server/db";
import { readDriverInput, reportDriverResult } from "./driver";

const input = readDriverInput<{ videos: { title: string; description: string }[]; repeats: number }>();
let queries = 0;
onQuery(() => (queries += 1));
const loadStart = performance.now();
const catalog = await loadCatalogIndex();
const load = {
  ms: performance.now() - loadStart,
  queries,
  tools: catalog.tools.length,
  categories: catalog.categories.length,
};

const repeats: { seconds: number; queries: number; toolMatches: number; categoryMatches: number }[] = [];
for (let repeat = 0; repeat < input.repeats; repeat += 1) {
  const queriesBefore = queries;
  let toolMatches = 0;
  let categoryMatches = 0;
  const started = performance.now();
  for (const video of input.videos) {
    // Inside the loop as in the worker (import-video-batch.ts loads it per batch): the cached index, no query.
    const index = await loadCatalogIndex();
    const match = matchCatalog(index, video);
    toolMatches += match.toolIds.length;
    categoryMatches += match.categoryIds.length;
  }
  repeats.push({
    seconds: (performance.now() - started) / 1000,
    queries: queries - queriesBefore,
    toolMatches,
    categoryMatches,
  });
}
await closeDb();
reportDriverResult({ load, repeats });
