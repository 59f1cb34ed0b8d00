"use client";

import { RequireSession } from "~/components/auth/require-session";
import { MyVideos } from "~/components/videos/my-videos";
import { VideoGridSkeleton } from "~/components/videos/video-grid-skeleton";

/**
 * The signed-in part of /videos. Visitors get a sign-in prompt; a signed-in user gets the page at once, with the session the app layout
 * read and the data the page preloaded. Every procedure below checks the session again.
 */
export function VideosView() {
  return (
    <RequireSession returnTo="/videos" reason="to see your YouTube videos" fallback={<VideoGridSkeleton />}>
      {() => <MyVideos />}
    </RequireSession>
  );
}
