"use client";

import { RequireSession } from "~/components/auth/require-session";
import { MyVideos } from "~/components/videos/my-videos";
import { VideoGridSkeleton } from "~/components/videos/video-grid-skeleton";

/**
 * The signed-in part of /videos. The session is checked in the browser so the page itself stays static;
 * every procedure below checks it again on the server.
 */
export function VideosView() {
  return (
    <RequireSession returnTo="/videos" reason="to see your YouTube videos" fallback={<VideoGridSkeleton />}>
      {() => <MyVideos />}
    </RequireSession>
  );
}
