/**
 * sources.add: follow a channel (URL, @handle or UC id) with auto-sync on. The channel is looked up in
 * our shared Channel table first — a channel someone already follows costs nothing — and only otherwise
 * with channels.list (1 unit, on the user's share). Following is idempotent. Its recent uploads are
 * imported only when asked (`backfill` > 0 starts an ordinary channel import run); otherwise only uploads
 * from now on become projects.
 */
import { AppError } from "~/lib/errors";
import type { JobSender } from "~/lib/jobs/enqueue";
import { startChannelImport } from "~/lib/imports/start-channel-import";
import { consumeRateLimit, IMPORT_RATE_LIMIT } from "~/lib/rate-limit/limiters";
import { followChannel } from "~/lib/sync/follow-channel";
import { createDefaultYouTubeClient } from "~/lib/youtube/default-client";
import { parseChannelLookup, type ChannelLookup } from "~/lib/youtube/parse-youtube-url";
import { db } from "~/server/db";
import type { Logger } from "~/server/logger";
import { getSourceOrThrow } from "./get-source-or-throw";
import type { AddSourceInput } from "./sources.schema";
import { channelNotFoundMessage, upsertChannel } from "./upsert-channel";

async function findOrFetchChannel({
  lookup,
  userId,
  logger,
}: {
  lookup: ChannelLookup;
  userId: string;
  logger: Logger;
}) {
  const known = await db.channel.findFirst({
    where: "channelId" in lookup ? { youtubeChannelId: lookup.channelId } : { handle: lookup.handle },
    select: { id: true, youtubeChannelId: true, status: true },
  });
  if (known?.status === "active") return known;
  const client = createDefaultYouTubeClient({ logger, purpose: "interactive", userId });
  // New channels start parked; the follow below makes them due.
  const channel = await upsertChannel({ client, lookup });
  if (!channel) throw new AppError("INVALID_INPUT", channelNotFoundMessage(lookup));
  return channel;
}

export async function addSource({
  userId,
  jobs,
  logger,
  ...input
}: {
  userId: string;
  jobs: JobSender;
  logger: Logger;
} & AddSourceInput) {
  const lookup = parseChannelLookup(input.channel);
  if (input.backfill > 0) await consumeRateLimit(IMPORT_RATE_LIMIT, userId);
  const channel = await findOrFetchChannel({ lookup, userId, logger });
  const source = await db.$transaction((tx) => followChannel({ tx, userId, channelId: channel.id, boss: jobs }));
  const run =
    input.backfill > 0
      ? await startChannelImport({
          userId,
          channel: channel.youtubeChannelId,
          maxVideos: input.backfill,
          follow: true,
          jobs,
        })
      : null;
  logger.info({ sourceId: source.id, channelId: channel.id, backfill: input.backfill }, "sources.followed");
  return { source: await getSourceOrThrow({ userId, sourceId: source.id }), runId: run?.runId ?? null };
}
