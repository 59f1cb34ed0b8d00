import { useId, type ReactNode } from "react";
import { formatDate, formatDateTime } from "~/components/ui/format-date";
import { formatDuration, formatNumber, toIsoDuration } from "~/components/ui/format-number";
import { StatsFreshness } from "~/components/projects/stats-freshness";
import type { ProjectDetailData } from "./use-project-update";

/**
 * YouTube sends no count when the creator hides it (likes) or turns it off (comments). Without current stats
 * (hasStats false) every count is withheld.
 */
function Count({ value, hasStats }: { value: number | null; hasStats: boolean }) {
  if (!hasStats) return <span className="text-muted-foreground">Unavailable</span>;
  if (value === null) return <span className="text-muted-foreground">Hidden by the creator</span>;
  // The locale's grouping may differ between the server's render and the reader's browser.
  return (
    <span suppressHydrationWarning className="tabular-nums">
      {formatNumber(value)}
    </span>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="min-w-0 rounded-control border border-border bg-surface px-4 py-3">
      <dt className="text-xs font-medium tracking-wide text-muted-foreground uppercase">{term}</dt>
      <dd className="mt-1 text-sm font-semibold break-words">{children}</dd>
    </div>
  );
}

/** Why the numbers are withheld, after "Stats unavailable". */
function unavailableReason(project: ProjectDetailData): string {
  if (project.detailsRemovedAt !== null) return ": they were removed with your YouTube permission.";
  if (project.availability === "deleted") return ": the video is no longer on YouTube.";
  return ": Showreel shows YouTube's numbers only while they are under 30 days old, and could not renew these yet.";
}

/**
 * What YouTube says about the video: when it came out, how long it is, and its counts when shown, under
 * YouTube's names and as YouTube reports them (Developer Policies III.E.4.h; Showreel's own analysis is
 * labelled as such beside it).
 */
export function ProjectFacts({ project }: { project: ProjectDetailData }) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId} className="text-lg font-semibold tracking-tight">
        From YouTube
      </h2>
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Fact term="Published">
          {project.publishedAt ? (
            // The day is the reader's local one, which the server cannot know.
            <time
              dateTime={project.publishedAt.toISOString()}
              title={formatDateTime(project.publishedAt)}
              suppressHydrationWarning
            >
              {formatDate(project.publishedAt)}
            </time>
          ) : (
            <span className="text-muted-foreground">Not known</span>
          )}
        </Fact>
        <Fact term="Length">
          {project.durationSeconds ? (
            <time dateTime={toIsoDuration(project.durationSeconds)} className="tabular-nums">
              {formatDuration(project.durationSeconds)}
            </time>
          ) : (
            <span className="text-muted-foreground">{project.kind === "live" ? "Live" : "Not known"}</span>
          )}
        </Fact>
        <Fact term="YouTube views">
          <Count value={project.viewCount} hasStats={project.hasStats} />
        </Fact>
        <Fact term="YouTube likes">
          <Count value={project.likeCount} hasStats={project.hasStats} />
        </Fact>
        <Fact term="YouTube comments">
          <Count value={project.commentCount} hasStats={project.hasStats} />
        </Fact>
      </dl>
      <StatsFreshness updatedAt={project.statsUpdatedAt} reason={unavailableReason(project)} className="mt-2 text-sm" />
    </section>
  );
}
