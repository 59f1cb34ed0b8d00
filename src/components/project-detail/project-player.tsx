import { VideoThumbnail } from "~/components/videos/video-thumbnail";
import type { ProjectDetailData } from "./use-project-update";

/** YouTube's privacy-enhanced player: no cookies until the visitor presses play. */
const EMBED_BASE_URL = "https://www.youtube-nocookie.com/embed/";

/**
 * The video in YouTube's player, or, once the video is private or deleted on YouTube (the player would
 * only show an error), its last thumbnail. The frame is lazy: it loads when scrolled near.
 */
export function ProjectPlayer({ project, title }: { project: ProjectDetailData; title: string }) {
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
  return (
    <div className="aspect-video overflow-hidden rounded-card bg-black shadow-card">
      <iframe
        src={`${EMBED_BASE_URL}${encodeURIComponent(project.youtubeVideoId)}`}
        title={`YouTube video player: ${title}`}
        loading="lazy"
        allow="accelerometer; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share"
        referrerPolicy="strict-origin-when-cross-origin"
        allowFullScreen
        className="size-full border-0"
      />
    </div>
  );
}
