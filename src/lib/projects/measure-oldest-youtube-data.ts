import { db } from "~/server/db";

/**
 * How old the oldest project's YouTube data is, in seconds (youtube_data_oldest_age_seconds): one probe of the
 * youtubeDataAt index. Projects queued to go first after a reconnect (at the epoch) are not counted.
 */
export async function measureOldestYouTubeDataSeconds(): Promise<number> {
  const [row] = await db.$queryRaw<{ age: number | null }[]>`
    SELECT extract(epoch FROM now() - min("youtubeDataAt"))::float8 AS "age" FROM "Project" WHERE "youtubeDataAt" > to_timestamp(0)`;
  return Math.max(0, row?.age ?? 0);
}
