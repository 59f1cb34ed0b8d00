/** The Projects list's filters, as the `?tool=` / `?category=` search params carry them (tag slugs). */
export type ProjectFilters = { tool?: string; category?: string };

/** Reads the filters from the URL; an empty value counts as no filter. */
export function readProjectFilters(searchParams: { get: (name: string) => string | null }): ProjectFilters {
  const tool = searchParams.get("tool")?.trim();
  const category = searchParams.get("category")?.trim();
  return { ...(tool ? { tool } : {}), ...(category ? { category } : {}) };
}

/** `/projects` with these filters, in a stable order so links to the same view compare equal. */
export function projectsHref(filters: ProjectFilters): string {
  const params = new URLSearchParams();
  if (filters.tool) params.set("tool", filters.tool);
  if (filters.category) params.set("category", filters.category);
  const query = params.toString();
  return query ? `/projects?${query}` : "/projects";
}
