"use client";

import type { inferOutput } from "@trpc/tanstack-react-query";
import {
  CATEGORIES_FOUND_BY_SHOWREEL,
  ShowreelAnalysisLabel,
  TOOLS_FOUND_BY_SHOWREEL,
} from "~/components/projects/showreel-analysis-label";
import { formatDuration } from "~/components/ui/format-number";
import { VIDEO_KIND_LABELS, VideoThumbnail } from "~/components/videos/video-thumbnail";
import type { useTRPC } from "~/trpc/client";
import { portfolioHref, type PortfolioFilters } from "./portfolio-filters";
import { formatMonthYear, formatPortfolioViews, formatPortfolioViewsExact } from "./portfolio-format";
import { TagChip } from "./tag-chip";

export type PortfolioProjectData = inferOutput<ReturnType<typeof useTRPC>["portfolio"]["byHandle"]>["items"][number];

type PortfolioCardProps = {
  project: PortfolioProjectData;
  handle: string;
  filters: PortfolioFilters;
  onPlay: (project: PortfolioProjectData) => void;
};

type CardTagsProps = {
  label: string;
  tags: { slug: string; name: string }[];
  filterKey: keyof PortfolioFilters;
  handle: string;
  filters: PortfolioFilters;
};

/** A card's tools or categories, each a link that filters the portfolio by it. */
function CardTags({ label, tags, filterKey, handle, filters }: CardTagsProps) {
  if (tags.length === 0) return null;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1.5">
      {tags.map((tag) => (
        <li key={tag.slug}>
          <TagChip
            href={portfolioHref(handle, { ...filters, [filterKey]: tag.slug })}
            name={tag.name}
            tone={filterKey === "tool" ? "tool" : "category"}
            isActive={filters[filterKey] === tag.slug}
            srPrefix={filterKey === "tool" ? "Show projects made with " : "Show projects in "}
          />
        </li>
      ))}
    </ul>
  );
}

/** One public project: its thumbnail plays the video in a dialog; its tags filter the portfolio. */
export function PortfolioCard({ project, handle, filters, onPlay }: PortfolioCardProps) {
  const hasTags = project.tools.length > 0 || project.categories.length > 0;
  return (
    <li className="flex flex-col overflow-hidden rounded-card border border-border bg-surface shadow-card">
      {/* Named by its text, not aria-label: the thumbnail (and the length on it) is hidden from screen readers,
          and the length is said in the stats line below. */}
      <button type="button" onClick={() => onPlay(project)} className="group relative block w-full text-left">
        <span aria-hidden="true" className="block">
          <VideoThumbnail
            src={project.thumbnailUrl}
            title={project.title}
            kind={project.kind}
            durationSeconds={project.durationSeconds}
            className="transition-opacity group-hover:opacity-90"
          >
            <span className="absolute inset-0 m-auto flex size-14 items-center justify-center rounded-full bg-black/70 text-white shadow-raised transition-transform group-hover:scale-105 group-focus-visible:scale-105">
              <svg viewBox="0 0 24 24" className="ml-1 size-6" fill="currentColor" focusable="false">
                <path d="M8 5.5v13a1 1 0 0 0 1.5.86l10.5-6.5a1 1 0 0 0 0-1.72L9.5 4.64A1 1 0 0 0 8 5.5Z" />
              </svg>
            </span>
          </VideoThumbnail>
        </span>
        <span className="sr-only">Play “{project.title}”</span>
      </button>

      <div className="flex flex-1 flex-col gap-4 p-4">
        <div>
          <p className="text-xs font-semibold tracking-wide text-muted-foreground uppercase">
            {VIDEO_KIND_LABELS[project.kind]}
          </p>
          <h3 className="mt-1 line-clamp-2 text-base leading-snug font-semibold" title={project.title}>
            {project.title}
          </h3>
          <p className="mt-1 flex flex-wrap gap-x-1.5 text-sm text-muted-foreground">
            {[
              project.durationSeconds ? (
                <span key="length">
                  <span className="sr-only">Length </span>
                  {formatDuration(project.durationSeconds)}
                </span>
              ) : null,
              project.viewCount !== null ? (
                <span key="views" title={formatPortfolioViewsExact(project.viewCount)}>
                  {formatPortfolioViews(project.viewCount)}
                </span>
              ) : project.hasStats ? null : (
                // YouTube's numbers older than 30 days are not shown (they could not be renewed).
                <span key="views">Stats unavailable</span>
              ),
              project.publishedAt ? (
                <time key="published" dateTime={project.publishedAt.toISOString()}>
                  {formatMonthYear(project.publishedAt)}
                </time>
              ) : null,
            ]
              .filter(Boolean)
              .flatMap((part, index) =>
                index === 0
                  ? [part]
                  : [
                      <span key={`dot-${index}`} aria-hidden="true">
                        ·
                      </span>,
                      part,
                    ],
              )}
          </p>
        </div>

        {hasTags ? (
          <div className="mt-auto space-y-2">
            <ShowreelAnalysisLabel />
            <CardTags
              label={TOOLS_FOUND_BY_SHOWREEL}
              tags={project.tools}
              filterKey="tool"
              handle={handle}
              filters={filters}
            />
            <CardTags
              label={CATEGORIES_FOUND_BY_SHOWREEL}
              tags={project.categories}
              filterKey="category"
              handle={handle}
              filters={filters}
            />
          </div>
        ) : null}
      </div>
    </li>
  );
}
