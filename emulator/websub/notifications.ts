/**
 * Which catalog changes YouTube pushes, and the document for each: a public upload or a title /
 * description change of a public video (or a video made public) → one entry; a deletion or a public
 * video made private → a tombstone. Everything else (counts, thumbnails, kind changes, unlisting,
 * channel edits) is not pushed. The document is rendered once, at change time, so every subscriber
 * and every retry gets the same bytes.
 */
import type { Catalog, CatalogChange } from "../catalog.ts";
import { renderPushNotification, renderPushTombstone } from "../feed-xml.ts";

export type NotificationKind = "entry" | "tombstone";

export interface Notification {
  kind: NotificationKind;
  channelId: string;
  videoId: string;
  body: string;
}

export function notificationFor(change: CatalogChange, catalog: Catalog, nowMs: number): Notification | null {
  if (change.videoId === undefined) return null;
  const video = catalog.findVideo(change.videoId);
  const channel = catalog.findChannel(change.channelId);
  if (!video || !channel || channel.isTerminated) return null;
  const base = { channelId: channel.id, videoId: video.id };
  const entry = (): Notification => ({ ...base, kind: "entry", body: renderPushNotification(channel, video, nowMs) });
  const tombstone = (): Notification => ({
    ...base,
    kind: "tombstone",
    body: renderPushTombstone(channel, video.id, nowMs),
  });

  const isPublic = video.privacy === "public" && !video.isDeleted;
  switch (change.type) {
    case "video.published":
      return isPublic ? entry() : null;
    case "video.deleted":
      return tombstone();
    case "video.updated": {
      const previous = change.previous;
      if (!previous || video.isDeleted) return null;
      if (previous.privacy === "public" && video.privacy === "private") return tombstone();
      const isChanged =
        previous.privacy !== "public" || previous.title !== video.title || previous.description !== video.description;
      return isPublic && isChanged ? entry() : null;
    }
    default:
      return null;
  }
}
