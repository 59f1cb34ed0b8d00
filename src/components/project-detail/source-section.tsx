import Link from "next/link";
import { useId } from "react";
import { Card } from "~/components/ui/card";
import { ExternalLink } from "./external-link";
import type { ProjectDetailData } from "./use-project-update";

/** Whose channel the video is on, and, when a followed channel's sync brought it in, a way to that source. */
export function SourceSection({ project }: { project: ProjectDetailData }) {
  const titleId = useId();
  return (
    <Card as="section" aria-labelledby={titleId} className="p-5">
      <h2 id={titleId} className="text-base font-semibold tracking-tight">
        Source
      </h2>
      <p className="mt-2 text-sm text-muted-foreground">
        {project.channelTitle && project.youtubeChannelId ? (
          <>
            On YouTube from{" "}
            <ExternalLink href={`https://www.youtube.com/channel/${encodeURIComponent(project.youtubeChannelId)}`}>
              {project.channelTitle}
            </ExternalLink>
            .
          </>
        ) : (
          "YouTube did not say which channel posted it."
        )}
      </p>
      {project.sourceChannelTitle ? (
        <p className="mt-2 text-sm text-muted-foreground">
          Imported automatically because you follow{" "}
          <Link
            href="/sources"
            className="rounded-sm font-medium break-words text-brand-text underline underline-offset-4 hover:no-underline"
          >
            {project.sourceChannelTitle}
            <span className="sr-only"> (your followed channels)</span>
          </Link>
          .
        </p>
      ) : null}
    </Card>
  );
}
