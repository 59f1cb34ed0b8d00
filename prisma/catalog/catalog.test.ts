import { describe, expect, it } from "vitest";
import { CATEGORY_CATALOG } from "./categories";
import { TOOL_CATALOG } from "./tools";

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => (seen.has(value) ? true : (seen.add(value), false)));
}

describe("seed catalog", () => {
  it("has at least 150 tools and 15 categories", () => {
    expect(TOOL_CATALOG.length).toBeGreaterThanOrEqual(150);
    expect(CATEGORY_CATALOG.length).toBeGreaterThanOrEqual(15);
  });

  it("uses kebab-case slugs, unique across each catalog", () => {
    for (const entry of [...TOOL_CATALOG, ...CATEGORY_CATALOG]) expect(entry.slug).toMatch(SLUG);
    expect(duplicates(TOOL_CATALOG.map((tool) => tool.slug))).toEqual([]);
    expect(duplicates(CATEGORY_CATALOG.map((category) => category.slug))).toEqual([]);
    expect(duplicates(TOOL_CATALOG.map((tool) => tool.name.toLowerCase()))).toEqual([]);
    expect(duplicates(CATEGORY_CATALOG.map((category) => category.name.toLowerCase()))).toEqual([]);
  });

  it("gives every alias to one tool only, lower-case and trimmed, so matching is unambiguous", () => {
    const aliases = TOOL_CATALOG.flatMap((tool) => tool.aliases);
    expect(duplicates(aliases)).toEqual([]);
    for (const alias of aliases) expect(alias).toBe(alias.trim().toLowerCase());
    expect(TOOL_CATALOG.every((tool) => tool.aliases.length > 0)).toBe(true);
  });

  it("gives every category keywords to match on", () => {
    for (const category of CATEGORY_CATALOG) {
      expect(category.keywords.length).toBeGreaterThanOrEqual(5);
      for (const keyword of category.keywords) expect(keyword).toBe(keyword.trim().toLowerCase());
    }
  });
});
