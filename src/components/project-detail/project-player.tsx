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
 * page stays light, and an offline demo shows no broken frame.
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
        <VideoThumbnail src={project.thumbnailUrl} title={title} kind={project.kind} durationSeconds={project.durationSeconds}>
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
    <div className="aspect-video overflow-hidden rounded-card bg-black shadow-card">
      <iframe
        src={`${EMBED_BASE_URL}${encodeURIComponent(project.youtubeVideoId)}?autoplay=1`}
        title={`YouTube video player: ${title}`}
        allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share"
        referrerPolicy="strict-origin-when-cross-origin"
        allowFullScreen
        className="size-full border-0"
      />
    </div>
  );
}
