/**
 * The reviewed system's video import (docs/design.md#the-baseline), reproduced as a benchmark
 * fixture — never used by the app. One task per video, run by CONCURRENCY task lanes (as many as the
 * Showreel worker runs import batches at once), each task:
 * 1. `videos.list` for its one video (the reviewed client pooled its HTTP connections, so fetch's pool is
 *    used here too; no breaker);
 * 2. the duplicate check of `get_or_create`: one SELECT for (user, video), then the INSERT;
 * 3. tool matching as the review describes it: one query per tool name (the video's tags, at most 10),
 *    then the join rows.
 * Every query opens its own connection (bench/baseline/db.ts). A video counts as visible when its
 * INSERT has returned; queue-to-visible is measured from the instant all tasks were queued.
 */
import { forEachLimited } from "../lib/emulator";
import { createBaselineDb } from "./db";

/** The reviewed matcher read at most this many tags (its fallback; docs/design.md#the-baseline). */
const MAX_TAGS = 10;

type VideoReply = {
  items?: {
    id: string;
    snippet?: { title?: string; description?: string; tags?: string[]; channelId?: string; publishedAt?: string };
  }[];
};

function legacySlug(title: string, videoId: string): string {
  const base = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50)
    .replace(/-+$/g, "");
  return `${base}-${videoId.slice(0, 8)}`.replace(/^-/, "");
}

export type BaselineImportResult = {
  created: number;
  latenciesMs: number[];
  seconds: number;
  queries: number;
  apiCalls: number;
};

export async function runBaselineImport(options: {
  databaseUrl: string;
  apiBaseUrl: string;
  apiKey: string;
  userId: string;
  videoIds: readonly string[];
  concurrency: number;
}): Promise<BaselineImportResult> {
  const { userId } = options;
  const db = createBaselineDb(options.databaseUrl);
  let apiCalls = 0;
  const query = (sql: string, params: unknown[]) => db.query(sql, params);
  const latenciesMs: number[] = [];
  const queuedAt = performance.now();
  await forEachLimited(options.videoIds, options.concurrency, async (videoId) => {
    apiCalls += 1;
    const url = `${options.apiBaseUrl}/youtube/v3/videos?part=snippet,contentDetails,statistics&id=${videoId}&key=${options.apiKey}`;
    const response = await fetch(url);
    if (!response.ok) throw new Error(`baseline videos.list ${videoId}: HTTP ${response.status}`);
    const video = ((await response.json()) as VideoReply).items?.[0];
    if (!video?.snippet) throw new Error(`baseline videos.list ${videoId}: not found`);
    const existing = await query(`SELECT "id" FROM "Project" WHERE "userId" = $1 AND "youtubeVideoId" = $2`, [
      userId,
      videoId,
    ]);
    if (existing.length > 0) return;
    const title = video.snippet.title ?? videoId;
    const [project] = await query(
      `INSERT INTO "Project" ("userId", "slug", "title", "description", "youtubeVideoId", "externalUrl", "youtubeChannelId", "publishedAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) RETURNING "id"`,
      [
        userId,
        legacySlug(title, videoId),
        title,
        (video.snippet.description ?? "").slice(0, 500),
        videoId,
        `https://youtube.com/watch?v=${videoId}`,
        video.snippet.channelId ?? null,
        video.snippet.publishedAt ?? null,
      ],
    );
    latenciesMs.push(performance.now() - queuedAt);
    const toolIds: string[] = [];
    for (const tag of (video.snippet.tags ?? []).slice(0, MAX_TAGS)) {
      const slug = tag.toLowerCase().replace(/[ .]/g, "-");
      const [tool] = await query(`SELECT "id" FROM "Tool" WHERE lower("name") = lower($1) OR "slug" = $2 LIMIT 1`, [
        tag,
        slug,
      ]);
      if (tool) toolIds.push(tool.id as string);
    }
    if (toolIds.length > 0) {
      await query(
        `INSERT INTO "ProjectTool" ("projectId", "toolId") SELECT $1::uuid, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [project!.id, [...new Set(toolIds)]],
      );
    }
  });
  return {
    created: latenciesMs.length,
    latenciesMs,
    seconds: (performance.now() - queuedAt) / 1000,
    queries: db.connectionsOpened(),
    apiCalls,
  };
}
