import { cx } from "~/components/ui/class-names";
import { SparklesIcon } from "~/components/ui/media-icons";

/** The words every place showing Showreel's tags uses, so they read the same on cards, filters and pages. */
export const SHOWREEL_ANALYSIS = "Showreel analysis";
export const TOOLS_FOUND_BY_SHOWREEL = "Tools found by Showreel";
export const CATEGORIES_FOUND_BY_SHOWREEL = "Categories found by Showreel";

/**
 * The caption over tools and categories wherever they sit next to YouTube's own data (YouTube API Services
 * Developer Policies III.E.4.h: data not from YouTube needs "a clear and prominent disclosure there" that it
 * is not from YouTube and is part of Showreel).
 */
export function ShowreelAnalysisLabel({ className }: { className?: string }) {
  return (
    <p className={cx("flex items-center gap-1.5 text-xs font-medium text-muted-foreground", className)}>
      <SparklesIcon className="size-3.5 shrink-0" />
      <span>{SHOWREEL_ANALYSIS}, not from YouTube</span>
    </p>
  );
}
