import type { inferOutput } from "@trpc/tanstack-react-query";
import Link from "next/link";
import { cx } from "~/components/ui/class-names";
import { formatDateTime, formatRelativeTime } from "~/components/ui/format-date";
import { formatDuration, formatNumber, formatViews } from "~/components/ui/format-number";
import { WarningIcon } from "~/components/ui/icons";
import { VIDEO_KIND_LABELS, VideoThumbnail } from "~/components/videos/video-thumbnail";
import type { useTRPC } from "~/trpc/client";
import { AnalysisStatusRow } from "./analysis-status";
import { projectsHref, type ProjectFilters } from "./project-filters";
import {
  CATEGORIES_FOUND_BY_SHOWREEL,
  ShowreelAnalysisLabel,
  TOOLS_FOUND_BY_SHOWREEL,
} from "./showreel-analysis-label";
import { StatsFreshness } from "./stats-freshness";

export type ProjectCardData = inferOutput<ReturnType<typeof useTRPC>["projects"]["list"]>["items"][number];

const VISIBILITY_LABELS = { unlisted: "Unlisted", private: "Private" } as const;

type TagChipsProps = {
  label: string;
  tags: { slug: string; name: string }[];
  filterKey: keyof ProjectFilters;
  filters: ProjectFilters;
  tone: "tool" | "category";
};

/** Tag chips that filter the list; the active one is marked, so the filter reads on the card too. */
function TagChips({ label, tags, filterKey, filters, tone }: TagChipsProps) {
  if (tags.length === 0) return null;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-1.5">
      {tags.map((tag) => {
        const isActive = filters[filterKey] === tag.slug;
        return (
          <li key={tag.slug}>
            <Link
              href={projectsHref({ ...filters, [filterKey]: tag.slug })}
              aria-current={isActive ? "true" : undefined}
              className={cx(
                "inline-flex h-7 items-center rounded-full border px-2.5 text-xs font-medium transition-colors",
                tone === "tool"
                  ? "border-border bg-surface-muted text-foreground hover:border-border-strong"
                  : "border-info/30 bg-info/10 text-info-fg hover:border-info/60",
                "aria-[current=true]:border-brand aria-[current=true]:bg-brand-soft aria-[current=true]:text-brand-text",
              )}
            >
              <span className="sr-only">{tone === "tool" ? "Show projects made with " : "Show projects in "}</span>
              {tag.name}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/** One project: thumbnail, title (to its page), stats, tool and category chips, and how it was tagged. */
export function ProjectCard({ project, filters }: { project: ProjectCardData; filters: ProjectFilters }) {
  const href = `/projects/${project.id}`;
  const visibilityLabel = project.visibility === "public" ? null : VISIBILITY_LABELS[project.visibility];
  const isGone = project.availability !== "available";
  const isRemoved = project.detailsRemovedAt !== null;

  return (
    <li className="flex flex-col overflow-hidden rounded-card border border-border bg-surface shadow-card">
      {/* The title link is the one in the tab order; the picture repeats it for pointer users only. */}
      <Link href={href} tabIndex={-1} aria-hidden="true" className="block">
        <VideoThumbnail
          src={project.thumbnailUrl}
          title={project.title}
          kind={project.kind}
          durationSeconds={project.durationSeconds}
          className={cx("transition-opacity hover:opacity-90", isGone && "grayscale")}
        />
      </Link>

      {isRemoved || isGone ? (
        <p className="flex items-start gap-2 border-b border-warning/30 bg-warning/10 px-4 py-2.5 text-sm font-medium text-warning-fg">
          <WarningIcon className="mt-0.5 size-4 shrink-0" />
          {isRemoved
            ? "YouTube details removed: reconnect YouTube to restore them"
            : "This video is no longer public on YouTube"}
        </p>
      ) : null}

      <div className="flex flex-1 flex-col gap-4 p-4">
        <div>
          <p className="flex flex-wrap items-center gap-x-2 text-xs font-semibold tracking-wide text-muted-foreground uppercase">
            <span>{VIDEO_KIND_LABELS[project.kind]}</span>
            {visibilityLabel ? (
              <>
                <span aria-hidden="true">·</span>
                <span>
                  <span className="sr-only">Portfolio visibility: </span>
                  {visibilityLabel}
                </span>
              </>
            ) : null}
          </p>
          <h3 className="mt-1 text-base leading-snug font-semibold">
            <Link
              href={href}
              className="line-clamp-2 rounded-sm underline-offset-4 hover:underline"
              title={project.title}
            >
              {project.title}
            </Link>
          </h3>
          <p className="mt-1 flex flex-wrap gap-x-1.5 text-sm text-muted-foreground">
            {/* The thumbnail's length overlay sits in a link hidden from screen readers; say it here. */}
            {project.durationSeconds ? (
              <span className="sr-only">{formatDuration(project.durationSeconds)} long, </span>
            ) : null}
            {project.viewCount !== null ? (
              <span title={`${formatNumber(project.viewCount)} YouTube views`}>{formatViews(project.viewCount)}</span>
            ) : null}
            {project.viewCount !== null && project.publishedAt ? <span aria-hidden="true">·</span> : null}
            {project.publishedAt ? (
              <time dateTime={project.publishedAt.toISOString()} title={formatDateTime(project.publishedAt)}>
                {formatRelativeTime(project.publishedAt)}
              </time>
            ) : null}
          </p>
          <StatsFreshness updatedAt={project.statsUpdatedAt} className="mt-0.5 text-xs" />
        </div>

        {project.tools.length > 0 || project.categories.length > 0 ? (
          <div className="space-y-2">
            <ShowreelAnalysisLabel />
            <TagChips
              label={TOOLS_FOUND_BY_SHOWREEL}
              tags={project.tools}
              filterKey="tool"
              filters={filters}
              tone="tool"
            />
            <TagChips
              label={CATEGORIES_FOUND_BY_SHOWREEL}
              tags={project.categories}
              filterKey="category"
              filters={filters}
              tone="category"
            />
          </div>
        ) : null}

        <div className="mt-auto border-t border-border pt-3">
          <AnalysisStatusRow
            projectId={project.id}
            projectTitle={project.title}
            status={project.analysisStatus}
            note={project.analysisNote}
          />
        </div>
      </div>
    </li>
  );
}
