import { describe, expect, it } from "vitest";
import { CATEGORY_CATALOG } from "../../../prisma/catalog/categories";
import { TOOL_CATALOG } from "../../../prisma/catalog/tools";
import { buildCatalogIndex, matchCatalog, resolveCatalogNames } from "./catalog-matcher";

const index = buildCatalogIndex({
  tools: TOOL_CATALOG.map((tool) => ({ id: tool.slug, name: tool.name, slug: tool.slug, aliases: [...tool.aliases] })),
  categories: CATEGORY_CATALOG.map((category) => ({
    id: category.slug,
    name: category.name,
    keywords: [...category.keywords],
  })),
  version: "test",
});

const match = (title: string, description = "") => matchCatalog(index, { title, description });

describe("catalog matcher", () => {
  it("finds tools by name, alias and slug, as whole words", () => {
    expect(match("Color grading in DaVinci Resolve 19").toolIds).toContain("davinci-resolve");
    expect(match("Build a REST API with Next.js and Postgres").toolIds).toEqual(
      expect.arrayContaining(["nextjs", "postgresql"]),
    );
    expect(match("C++ vs C# for game engines").toolIds).toEqual(expect.arrayContaining(["cpp", "csharp"]));
    expect(match("Blender donut tutorial").toolIds).toContain("blender");
  });

  it("does not match inside other words", () => {
    expect(match("Unreasonable expectations").toolIds).not.toContain("unreal-engine");
    expect(match("A gopher story").toolIds).not.toContain("go");
  });

  it("reads only the first 1000 characters of the description", () => {
    expect(match("Vlog", `${"x ".repeat(600)} Figma`).toolIds).not.toContain("figma");
    expect(match("Vlog", "Made in Figma").toolIds).toContain("figma");
  });

  it("picks at most three categories, strongest first", () => {
    const result = match(
      "Full stack web app tutorial",
      "frontend, backend, api, css, html, website, beginner tutorial, lesson",
    );
    expect(result.categoryIds.length).toBeGreaterThan(0);
    expect(result.categoryIds.length).toBeLessThanOrEqual(3);
    expect(result.categoryIds[0]).toBe("web-development");
  });

  it("finds nothing in text that names no tool", () => {
    expect(match("My morning walk", "birds and coffee").toolIds).toEqual([]);
  });
});

describe("resolveCatalogNames (the AI's names to catalog ids)", () => {
  const resolve = (tools: string[], categories: string[] = []) => resolveCatalogNames(index, { tools, categories });

  it("matches names, slugs and aliases whatever their case and surrounding spaces", () => {
    expect(resolve(["DaVinci Resolve", "  blender ", "POSTGRES", "nextjs"]).toolIds).toEqual([
      "davinci-resolve",
      "blender",
      "postgresql",
      "nextjs",
    ]);
    expect(resolve([], ["graphic design", "Video Editing "]).categoryIds).toEqual(["graphic-design", "video-editing"]);
  });

  it("drops names the catalog does not know and names it has already seen", () => {
    expect(resolve(["Figma", "MS Paint", "figma", "FIGMA"]).toolIds).toEqual(["figma"]);
    expect(resolve([], ["Underwater Basket Weaving", "Vlogs", "vlogs"]).categoryIds).toEqual(["vlogs"]);
    expect(resolve([""], [""])).toEqual({ toolIds: [], categoryIds: [] });
  });

  it("keeps at most three categories, in the AI's order", () => {
    expect(resolve([], ["Vlogs", "Gaming", "Photography", "Music Production"]).categoryIds).toEqual([
      "vlogs",
      "gaming",
      "photography",
    ]);
  });

  it("does not match a name inside a longer one, as the text matcher would", () => {
    expect(resolve(["Blender donut", "Unity Hub"]).toolIds).toEqual([]);
  });
});
