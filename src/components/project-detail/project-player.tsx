"use client";

import { useState } from "react";
import { PlayIcon } from "~/components/ui/media-icons";
import { VideoThumbnail } from "~/components/videos/video-thumbnail";
import type { ProjectDetailData } from "./use-project-update";

/** YouTube's privacy-enhanced player: no cookies until the visitor presses play. */
const EMBED_BASE_URL = "https://www.youtube-nocookie.com/embed/";

/**
 * The video's thumbnail with a play button, and YouTube's player once that is pressed (it starts playing
 * at once); once the video is private or deleted on YouTube (the player would only show an error), just
 * its last thumbnail. Nothing is fetched from YouTube's player host until the visitor asks to play, so the
 * page stays light, and an offline demo shows no broken frame. A video made for kids plays with tracking
 * off (MADE_FOR_KIDS_FRAME).
 */
export function ProjectPlayer({ project, title }: { project: ProjectDetailData; title: string }) {
  const [isPlaying, setIsPlaying] = useState(false);
  if (project.availability !== "available") {
    return (
      <VideoThumbnail
        src={project.thumbnailUrl}
        title={`${title} (no longer playable)`}
        kind={project.kind}
        durationSeconds={project.durationSeconds}
        className="rounded-card grayscale"
      />
    );
  }
  if (!isPlaying) {
    return (
      <button
        type="button"
        onClick={() => setIsPlaying(true)}
        className="group relative block w-full overflow-hidden rounded-card shadow-card focus-visible:outline-2 focus-visible:outline-offset-2"
      >
        {/* The name is the content, "Play <title> Length 4:00", so it holds the visible length as well. */}
        <span className="sr-only">Play </span>
        <VideoThumbnail
          src={project.thumbnailUrl}
          title={title}
          kind={project.kind}
          durationSeconds={project.durationSeconds}
        >
          <span aria-hidden="true" className="absolute inset-0 flex items-center justify-center">
            <span className="flex h-12 w-17 items-center justify-center rounded-xl bg-black/75 transition-colors group-hover:bg-[#cc0000] group-focus-visible:bg-[#cc0000]">
              <PlayIcon className="ml-0.5 size-6" />
            </span>
          </span>
        </VideoThumbnail>
      </button>
    );
  }
  return (
    <figure>
      <div className="aspect-video overflow-hidden rounded-card bg-black shadow-card">
        <iframe
          src={`${EMBED_BASE_URL}${encodeURIComponent(project.youtubeVideoId)}?autoplay=1`}
          title={`YouTube video player: ${title}`}
          {...(project.madeForKids ? MADE_FOR_KIDS_FRAME : DEFAULT_FRAME)}
          allowFullScreen
          className="size-full border-0"
        />
      </div>
      {project.madeForKids ? (
        <figcaption className="mt-2 text-sm text-muted-foreground">
          Made for kids: played in YouTube&apos;s privacy-enhanced mode, with nothing about the viewer passed on.
        </figcaption>
      ) : null}
    </figure>
  );
}

const DEFAULT_FRAME = {
  allow: "accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share",
  referrerPolicy: "strict-origin-when-cross-origin",
} as const;

/**
 * A video YouTube marks made for kids (Developer Policies III.E.4.j: tracking off in a player of such
 * content): the privacy-enhanced host as always, no referrer, and no device sensors, clipboard or share
 * sheet for the player. Showreel itself runs no analytics or third-party script on any page.
 */
const MADE_FOR_KIDS_FRAME = {
  allow: "autoplay; encrypted-media; picture-in-picture",
  referrerPolicy: "no-referrer",
} as const;
