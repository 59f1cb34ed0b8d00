import type { FilterTag } from "~/lib/portfolio/get-portfolio";
import { ShowreelAnalysisLabel } from "~/components/projects/showreel-analysis-label";
import { portfolioHref, type PortfolioFilters } from "./portfolio-filters";
import { TagChip } from "./tag-chip";

type FilterBarProps = {
  handle: string;
  filters: PortfolioFilters;
  tools: FilterTag[];
  categories: FilterTag[];
};

type GroupProps = {
  label: string;
  filterKey: keyof PortfolioFilters;
  tags: FilterTag[];
  allLabel: string;
} & Pick<FilterBarProps, "handle" | "filters">;

/** One row of chips: "All …" first, then every tag with its count. Plain links, so they work without JavaScript. */
function FilterGroup({ label, filterKey, tags, allLabel, handle, filters }: GroupProps) {
  if (tags.length === 0) return null;
  const labelId = `portfolio-filter-${filterKey}`;
  return (
    <div className="flex flex-col gap-2 sm:flex-row sm:items-baseline sm:gap-4">
      <p id={labelId} className="w-24 shrink-0 text-sm font-medium text-muted-foreground">
        {label}
      </p>
      <ul aria-labelledby={labelId} className="flex flex-wrap gap-1.5">
        <li>
          <TagChip
            href={portfolioHref(handle, { ...filters, [filterKey]: undefined })}
            name={allLabel}
            tone="neutral"
            isActive={!filters[filterKey]}
          />
        </li>
        {tags.map((tag) => (
          <li key={tag.slug}>
            <TagChip
              href={portfolioHref(handle, { ...filters, [filterKey]: tag.slug })}
              name={tag.name}
              tone={filterKey === "tool" ? "tool" : "category"}
              isActive={filters[filterKey] === tag.slug}
              count={tag.count}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Filter chips for the tools and categories in the creator's public projects (URL search params). */
export function PortfolioFilterBar({ handle, filters, tools, categories }: FilterBarProps) {
  if (tools.length === 0 && categories.length === 0) return null;
  return (
    <nav
      aria-label="Filter projects"
      className="space-y-3 rounded-card border border-border bg-surface p-4 shadow-card"
    >
      <ShowreelAnalysisLabel />
      <FilterGroup label="Tools" filterKey="tool" tags={tools} allLabel="All tools" handle={handle} filters={filters} />
      <FilterGroup
        label="Categories"
        filterKey="category"
        tags={categories}
        allLabel="All categories"
        handle={handle}
        filters={filters}
      />
    </nav>
  );
}
