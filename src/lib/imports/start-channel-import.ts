/**
 * imports.importChannel: checks the reference (URL, @handle or UC id), creates the run and its first page
 * job in one transaction, and answers at once. Resolving the channel costs a unit, so it happens in the
 * worker; a channel that does not exist ends the run with a clear error.
 */
import { fromPrisma } from "pg-boss";
import { enqueue, type JobSender } from "~/lib/jobs/enqueue";
import { importChannelPageJob } from "~/lib/jobs/import-channel-page.job";
import { parseChannelLookup } from "~/lib/youtube/parse-youtube-url";
import { db } from "~/server/db";

export async function startChannelImport({
  userId,
  channel,
  maxVideos,
  follow,
  jobs,
}: {
  userId: string;
  channel: string;
  maxVideos: number;
  follow: boolean;
  jobs: JobSender;
}) {
  const channelRef = parseChannelLookup(channel);
  return db.$transaction(async (tx) => {
    const run = await tx.importRun.create({
      data: {
        userId,
        kind: "channel",
        total: 0,
        label: "channelId" in channelRef ? channelRef.channelId : `@${channelRef.handle}`,
        params: { ...channelRef, maxVideos, follow },
        cursor: { page: 0, pageTokens: [null] },
      },
      select: { id: true },
    });
    await enqueue(jobs, importChannelPageJob, { runId: run.id, page: 0 }, { db: fromPrisma(tx) });
    return { runId: run.id };
  });
}
