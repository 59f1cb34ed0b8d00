"use client";

import { useRef } from "react";
import { Button, buttonClassName } from "~/components/ui/button";
import { Dialog, DialogActions } from "~/components/ui/dialog";
import { YouTubeIcon } from "~/components/ui/icons";
import { embedUrl, watchUrl } from "./portfolio-filters";

type VideoPlayerDialogProps = {
  /** The video to play; null closes the dialog (and unloads the player, so sound stops). */
  video: { title: string; youtubeVideoId: string } | null;
  onClose: () => void;
};

/** YouTube's privacy-enhanced player in a modal dialog; focus lands on Close and returns to the card after. */
export function VideoPlayerDialog({ video, onClose }: VideoPlayerDialogProps) {
  const closeRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open={video !== null}
      onClose={onClose}
      title={video?.title ?? "Video"}
      initialFocusRef={closeRef}
      className="sm:max-w-3xl"
    >
      {video ? (
        <div className="mt-4 aspect-video overflow-hidden rounded-control bg-black">
          <iframe
            src={embedUrl(video.youtubeVideoId)}
            title={`${video.title} — YouTube video player`}
            className="size-full"
            allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share"
            referrerPolicy="strict-origin-when-cross-origin"
            allowFullScreen
          />
        </div>
      ) : null}
      <DialogActions>
        {video ? (
          <a
            href={watchUrl(video.youtubeVideoId)}
            target="_blank"
            rel="noopener noreferrer"
            className={buttonClassName({ variant: "secondary" })}
          >
            <YouTubeIcon />
            Watch on YouTube<span className="sr-only"> (opens in a new tab)</span>
          </a>
        ) : null}
        <Button ref={closeRef} onClick={onClose}>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
