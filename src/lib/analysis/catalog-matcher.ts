/**
 * The catalog matcher: tags a video with tools and categories by matching its title and description
 * against the seeded catalog (names, slugs, aliases; category keywords). It is the fallback when the AI is
 * unavailable and the first pass for bulk imports. The catalog is loaded once per process and refreshed
 * when it changes, so matching a video costs no database query.
 */
import { db } from "~/server/db";
import { processSlot } from "~/server/process-singleton";

/** The analyser reads the title and this much of the description (docs/design.md#analysis). */
export const ANALYSIS_DESCRIPTION_CHARS = 1000;
export const MAX_CATEGORIES = 3;
/** How long a loaded catalog is trusted before its freshness is checked again (one cheap query). */
const CATALOG_REFRESH_MS = 5 * 60 * 1000;

type Pattern = { id: string; regex: RegExp };
export type CatalogIndex = {
  tools: Pattern[];
  categories: { id: string; regexes: RegExp[] }[];
  /** Lower-case name, slug or alias → id: how names an AI returns are matched to the catalog. */
  toolByTerm: Map<string, string>;
  categoryByTerm: Map<string, string>;
  version: string;
};
export type MatchResult = { toolIds: string[]; categoryIds: string[] };

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whole-word (or whole-phrase) match, where "word" includes + # . for names like C++, C#, Node.js. */
function termRegex(terms: readonly string[]): RegExp {
  const alternatives = [...new Set(terms.map((term) => term.trim().toLowerCase()).filter((term) => term.length >= 2))]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegex);
  return new RegExp(`(?<![\\p{L}\\p{N}+#])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}+#]|\\.[\\p{L}\\p{N}])`, "u");
}

export function buildCatalogIndex(catalog: {
  tools: { id: string; name: string; slug: string; aliases: string[] }[];
  categories: { id: string; keywords: string[]; name: string }[];
  version: string;
}): CatalogIndex {
  const toolByTerm = new Map<string, string>();
  for (const tool of catalog.tools) {
    for (const term of [tool.name, tool.slug, ...tool.aliases]) toolByTerm.set(term.trim().toLowerCase(), tool.id);
  }
  const categoryByTerm = new Map<string, string>();
  for (const category of catalog.categories) categoryByTerm.set(category.name.trim().toLowerCase(), category.id);
  return {
    version: catalog.version,
    toolByTerm,
    categoryByTerm,
    tools: catalog.tools.map((tool) => ({
      id: tool.id,
      regex: termRegex([tool.name, tool.slug.replace(/-/g, " "), ...tool.aliases]),
    })),
    categories: catalog.categories.map((category) => ({
      id: category.id,
      regexes: [...new Set([category.name, ...category.keywords])].map((keyword) => termRegex([keyword])),
    })),
  };
}

export function matchCatalog(index: CatalogIndex, video: { title: string; description: string }): MatchResult {
  const text = `${video.title}\n${video.description.slice(0, ANALYSIS_DESCRIPTION_CHARS)}`.toLowerCase();
  const toolIds = index.tools.filter((tool) => tool.regex.test(text)).map((tool) => tool.id);
  const categoryIds = index.categories
    .map((category) => ({ id: category.id, hits: category.regexes.filter((regex) => regex.test(text)).length }))
    .filter((category) => category.hits > 0)
    .sort((a, b) => b.hits - a.hits)
    .slice(0, MAX_CATEGORIES)
    .map((category) => category.id);
  return { toolIds, categoryIds };
}

/** Maps names (as an AI writes them) to catalog ids, ignoring case and dropping names it does not know. */
export function resolveCatalogNames(
  index: CatalogIndex,
  names: { tools: readonly string[]; categories: readonly string[] },
): MatchResult {
  const lookup = (map: Map<string, string>, values: readonly string[]) => [
    ...new Set(values.map((value) => map.get(value.trim().toLowerCase())).filter((id): id is string => !!id)),
  ];
  return {
    toolIds: lookup(index.toolByTerm, names.tools),
    categoryIds: lookup(index.categoryByTerm, names.categories).slice(0, MAX_CATEGORIES),
  };
}

const loadedCatalog = processSlot<{ index: CatalogIndex; checkedAt: number }>("showreelCatalog");

async function catalogVersion(): Promise<string> {
  const [row] = await db.$queryRaw<{ version: string }[]>`
    SELECT concat((SELECT count(*) FROM "Tool"), ':', (SELECT max("updatedAt") FROM "Tool"), ':',
                  (SELECT count(*) FROM "Category"), ':', (SELECT max("updatedAt") FROM "Category")) AS version`;
  return row?.version ?? "";
}

/** The process's catalog index: loaded on first use, reloaded only when the catalog changed. */
export async function loadCatalogIndex(): Promise<CatalogIndex> {
  const cached = loadedCatalog.get();
  if (cached && Date.now() - cached.checkedAt < CATALOG_REFRESH_MS) return cached.index;
  const version = await catalogVersion();
  if (cached && cached.index.version === version) {
    cached.checkedAt = Date.now();
    return cached.index;
  }
  const [tools, categories] = await Promise.all([
    db.tool.findMany({ select: { id: true, name: true, slug: true, aliases: true } }),
    db.category.findMany({ select: { id: true, name: true, keywords: true } }),
  ]);
  const index = buildCatalogIndex({ tools, categories, version });
  loadedCatalog.set({ index, checkedAt: Date.now() });
  return index;
}
