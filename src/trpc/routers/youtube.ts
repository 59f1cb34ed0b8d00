import { checkConnection } from "~/lib/youtube-connection/check-connection";
import { getConnection } from "~/lib/youtube-connection/get-connection";
import { listMyVideos } from "~/lib/youtube-connection/list-my-videos";
import { myVideosInputSchema } from "~/lib/youtube-connection/my-videos.schema";
import { disconnectYouTube } from "~/lib/youtube-connection/disconnect-youtube";
import { createTRPCRouter, protectedProcedure } from "../init";

export const youtubeRouter = createTRPCRouter({
  /** The user's YouTube connection (never its tokens), or null when not connected. */
  connection: protectedProcedure.query(({ ctx }) => getConnection({ userId: ctx.session.user.id })),

  /** Calls YouTube with the stored grant (refreshing it if needed) and updates the channel's title. */
  checkConnection: protectedProcedure.mutation(({ ctx }) =>
    checkConnection({ userId: ctx.session.user.id, logger: ctx.logger }),
  ),

  /**
   * One page of the connected channel's uploads, each flagged alreadyImported, with when YouTube was last
   * asked: from Postgres while younger than MY_VIDEOS_MAX_AGE_SECONDS (0 units), else revalidated by ETag
   * (1 unit unchanged, 2 changed). `refresh` revalidates now (rate limited).
   */
  myVideos: protectedProcedure
    .input(myVideosInputSchema)
    .query(({ ctx, input }) => listMyVideos({ userId: ctx.session.user.id, ...input, logger: ctx.logger })),

  /** Revokes at Google (retried by a job until Google confirms), deletes tokens, pauses auto-sync; projects stay. */
  disconnect: protectedProcedure.mutation(({ ctx }) =>
    disconnectYouTube({ userId: ctx.session.user.id, jobs: ctx.jobs, logger: ctx.logger }),
  ),
});
