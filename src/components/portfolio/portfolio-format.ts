/**
 * Formatters for the public portfolio. The page is rendered on the server and hydrated in the browser, so
 * text must come out the same in both: a fixed locale and time zone, and no "3 days ago" (which depends on
 * when each side renders).
 */
const COMPACT = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
const FULL = new Intl.NumberFormat("en");
const MONTH_YEAR = new Intl.DateTimeFormat("en", { month: "short", year: "numeric", timeZone: "UTC" });

/** "4.2K YouTube views", "1 YouTube view": YouTube's own count, named as YouTube's (Developer Policies III.E.4.h). */
export function formatPortfolioViews(count: number): string {
  return count === 1 ? "1 YouTube view" : `${COMPACT.format(count)} YouTube views`;
}

/** "4,200 YouTube views", for the title next to a compact figure. */
export function formatPortfolioViewsExact(count: number): string {
  return count === 1 ? "1 YouTube view" : `${FULL.format(count)} YouTube views`;
}

/** "Mar 2026". */
export function formatMonthYear(date: Date): string {
  return MONTH_YEAR.format(date);
}

export function pluralizeProjects(count: number): string {
  return `${FULL.format(count)} public ${count === 1 ? "project" : "projects"}`;
}
