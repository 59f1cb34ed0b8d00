/**
 * The reviewed design's periodic sync (docs/design.md#the-baseline), for benchmark 1 to
 * measure against Showreel's. Its algorithm, kept as it was:
 * - a scheduler (`sync_content_sources`) selects enabled YouTube sources of active, public users that
 *   logged in within 30 days and were last synced before the cutoff, oldest first, at most
 *   BASELINE_CYCLE_CAP (5,000) per 15-minute run, and queues one task per source;
 * - each task (`sync_single_content_source`) works on one (user, channel) pair — two followers of one
 *   channel are two tasks and two listings: loads the source, checks the user's quota counter, skips
 *   "dormant" channels, lists the channel through search.list (100 units a page) with publishedAfter =
 *   its last sync and the stored ETag, adds 1 to the counter (what the design charged), queues one import
 *   task per id found, and writes back last_synced_at, status and metadata;
 * - each import task (`import_youtube_video_task`, skip_ai) checks the counter, fetches that one video
 *   with videos.list (1 unit; the design charged 3), adds 3, and get-or-creates the project by
 *   (user, external_url): a duplicate check per video, then the insert and its slug check.
 * Every query is a new connection (db.ts); every call a new TCP connection with no breaker
 * (youtube-client.ts); retries are Celery's autoretry (3, backoff 0–2^n s with jitter).
 *
 * What the benchmark changes, and why: tasks run as soon as a slot is free instead of after a random
 * 0–900 s countdown (the countdown spreads load over the 15 minutes; throughput is what is measured);
 * the queue is in memory (the design's broker was Redis — a charitable stand-in, no round trip); the
 * "last synced 2 hours ago" cutoff is a parameter, 0 in the benchmark, so every source is due each round;
 * the crash of get_video_info under OAuth (Gaps #2) and the dead queues (Gaps #1) are not reproduced —
 * a baseline that never syncs measures nothing. Calls use the API key, as the design's API-key path did.
 */
import { createBaselineDb, type BaselineDb } from "./db";
import { BASELINE_USER_DAILY_CAP, incrementQuota, readQuotaUsed, USER_QUOTA_KEY } from "./quota";
import { BaselineIntegrationError, createBaselineYouTubeClient } from "./youtube-client";

/** `sync_content_sources` selects at most this many sources per run (the P0 fix of 2025-11-29). */
export const BASELINE_CYCLE_CAP = 5_000;
/** Beat runs the scheduler every 15 minutes. */
export const BASELINE_CYCLE_SECONDS = 15 * 60;
/** Celery autoretry: max_retries 3, retry_backoff → a countdown drawn from 0..2^n s. */
const MAX_RETRIES = 3;
/** Sources whose last upload is older than this are skipped without an API call. */
const DORMANT_AFTER_DAYS = 180;
/** The units the design added to its own counter per call (not what Google charges). */
const COUNTED_UNITS = { listing: 1, video: 3 } as const;

export type BaselineSyncOptions = {
  databaseUrl: string;
  apiBaseUrl: string;
  apiKey: string;
  /** Tasks in flight at once: a Celery prefork worker runs one per child, CPU-count children by default. */
  concurrency: number;
  /** At most this many sources per cycle (the design: 5,000). */
  cycleCap: number;
  /** Sources last synced before now − this are due (the design: 2 hours). */
  cutoffMs: number;
  /** Stop queueing new tasks once Google answers quotaExceeded (the budget run), instead of retrying. */
  stopOnQuotaExceeded?: boolean;
  /** Injected so a smoke test need not wait out Celery's backoff. */
  sleep?: (ms: number) => Promise<void>;
};

export type BaselineCycleResult = {
  selected: number;
  synced: number;
  failed: number;
  skippedDormant: number;
  skippedQuota: number;
  importsQueued: number;
  projectsCreated: number;
  duplicates: number;
  retries: number;
  /** Sources synced before the first quotaExceeded (budget run), else equal to `synced`. */
  syncedBeforeQuotaExceeded: number;
  stoppedByQuota: boolean;
  /** From the scheduler's SELECT to the last task's end. */
  wallSeconds: number;
  dbConnections: number;
  httpConnections: number;
  httpRequests: number;
  /** CPU seconds of this process over the cycle. */
  cpuSeconds: number;
  errors: Record<string, number>;
};

type SourceRow = {
  id: string;
  user_id: string;
  source_identifier: string;
  last_synced_at: Date | null;
  metadata: { etag?: string; last_upload_date?: string; total_videos_imported?: number };
};

type Task =
  | { kind: "sync"; sourceId: string; retries: number }
  | { kind: "import"; userId: string; videoId: string; sourceId: string; retries: number };

/** Django's slugify, then the design's cut to 50 and the video id's first 8 characters. */
export function baselineVideoSlug(title: string, videoId: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^ -~]/g, "")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, "-")
    .slice(0, 50)
    .replace(/-+$/, "");
  return `${slug}-${videoId.slice(0, 8)}`.replace(/^-+/, "").replace(/_/g, "-");
}

/** `sync_content_sources`: the due sources, oldest first, capped. */
async function selectDueSources(db: BaselineDb, options: { cycleCap: number; cutoffMs: number }): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT s.id FROM baseline.content_sources s JOIN baseline.users u ON u.id = s.user_id
      WHERE s.platform = 'youtube' AND s.sync_enabled AND s.last_synced_at < now() - $1 * interval '1 millisecond'
        AND u.is_active AND u.is_profile_public AND u.last_login > now() - interval '30 days'
      ORDER BY s.last_synced_at ASC LIMIT $2`,
    [options.cutoffMs, options.cycleCap],
  );
  return rows.map((row) => row.id);
}

/** One scheduler run and every task it queued, to the end; the result of the whole cycle. */
export async function runBaselineSyncCycle(options: BaselineSyncOptions): Promise<BaselineCycleResult> {
  const db = createBaselineDb(options.databaseUrl);
  const client = createBaselineYouTubeClient({ baseUrl: options.apiBaseUrl, apiKey: options.apiKey });
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const result: BaselineCycleResult = {
    selected: 0,
    synced: 0,
    failed: 0,
    skippedDormant: 0,
    skippedQuota: 0,
    importsQueued: 0,
    projectsCreated: 0,
    duplicates: 0,
    retries: 0,
    syncedBeforeQuotaExceeded: 0,
    stoppedByQuota: false,
    wallSeconds: 0,
    dbConnections: 0,
    httpConnections: 0,
    httpRequests: 0,
    cpuSeconds: 0,
    errors: {},
  };
  const cpuStart = process.cpuUsage();
  const started = performance.now();

  const queue: Task[] = (await selectDueSources(db, options)).map((sourceId) => ({
    kind: "sync",
    sourceId,
    retries: 0,
  }));
  result.selected = queue.length;
  let inFlight = 0;

  const countError = (error: unknown) => {
    const key =
      error instanceof BaselineIntegrationError
        ? `${error.status ?? "network"} ${error.reason ?? ""}`.trim()
        : (error as Error).name;
    result.errors[key] = (result.errors[key] ?? 0) + 1;
  };
  const isQuotaRefusal = (error: unknown) =>
    error instanceof BaselineIntegrationError && error.reason === "quotaExceeded";

  async function syncSource(task: Extract<Task, { kind: "sync" }>): Promise<void> {
    const [source] = await db.query<SourceRow>(
      `SELECT id, user_id, source_identifier, last_synced_at, metadata FROM baseline.content_sources WHERE id = $1`,
      [task.sourceId],
    );
    if (!source) throw new Error(`source ${task.sourceId} vanished`);
    if ((await readQuotaUsed(db, USER_QUOTA_KEY(source.user_id))) > BASELINE_USER_DAILY_CAP) {
      await db.query(
        `UPDATE baseline.content_sources SET last_sync_status = 'quota_exceeded', updated_at = now() WHERE id = $1`,
        [source.id],
      );
      result.skippedQuota += 1;
      return;
    }
    const lastUpload = source.metadata.last_upload_date ? Date.parse(source.metadata.last_upload_date) : Number.NaN;
    if (!Number.isNaN(lastUpload) && Date.now() - lastUpload > DORMANT_AFTER_DAYS * 86_400_000) {
      await db.query(`UPDATE baseline.content_sources SET last_synced_at = now(), updated_at = now() WHERE id = $1`, [
        source.id,
      ]);
      result.skippedDormant += 1;
      return;
    }
    try {
      const listing = await client.getChannelVideos({
        channelId: source.source_identifier,
        publishedAfter: source.last_synced_at?.toISOString() ?? null,
        etag: source.metadata.etag ?? null,
      });
      await incrementQuota(db, { key: USER_QUOTA_KEY(source.user_id), units: COUNTED_UNITS.listing });
      for (const videoId of listing.videoIds)
        queue.push({ kind: "import", userId: source.user_id, videoId, sourceId: source.id, retries: 0 });
      result.importsQueued += listing.videoIds.length;
      const found = listing.videoIds.length;
      await db.query(
        `UPDATE baseline.content_sources
            SET last_synced_at = now(), last_sync_status = 'success', updated_at = now(),
                metadata = metadata || jsonb_build_object('etag', $2::text, 'last_sync_video_count', $3::int,
                  'total_videos_imported', coalesce((metadata->>'total_videos_imported')::int, 0) + $3::int)
                  || CASE WHEN $3::int > 0 THEN jsonb_build_object('last_upload_date', now()) ELSE '{}'::jsonb END
          WHERE id = $1`,
        [source.id, listing.etag, found],
      );
      result.synced += 1;
      if (!result.stoppedByQuota) result.syncedBeforeQuotaExceeded += 1;
    } catch (error) {
      await db.query(
        `UPDATE baseline.content_sources SET last_sync_status = 'error', last_sync_error = left($2, 500), updated_at = now() WHERE id = $1`,
        [source.id, (error as Error).message],
      );
      throw error;
    }
  }

  async function importVideo(task: Extract<Task, { kind: "import" }>): Promise<void> {
    await db.query(`SELECT id FROM baseline.users WHERE id = $1`, [task.userId]);
    if ((await readQuotaUsed(db, USER_QUOTA_KEY(task.userId))) > BASELINE_USER_DAILY_CAP) return;
    const video = await client.getVideoInfo(task.videoId);
    await incrementQuota(db, { key: USER_QUOTA_KEY(task.userId), units: COUNTED_UNITS.video });
    const externalUrl = `https://youtube.com/watch?v=${task.videoId}`;
    // get_or_create: the duplicate check, then the insert; Project.save()'s slug check on the way.
    const [existing] = await db.query(`SELECT id FROM baseline.projects WHERE user_id = $1 AND external_url = $2`, [
      task.userId,
      externalUrl,
    ]);
    if (existing) {
      result.duplicates += 1;
      return;
    }
    let slug = baselineVideoSlug(video.title, video.videoId);
    for (
      let suffix = 2;
      (await db.query(`SELECT 1 FROM baseline.projects WHERE user_id = $1 AND slug = $2`, [task.userId, slug])).length >
      0;
      suffix += 1
    ) {
      slug = `${baselineVideoSlug(video.title, video.videoId)}-${suffix}`;
    }
    const content = {
      video: {
        platform: "youtube",
        videoId: video.videoId,
        channelId: video.channelId,
        channelName: video.channelName,
        durationISO: video.duration,
        publishedAt: video.publishedAt,
        viewCount: video.viewCount,
        likeCount: video.likeCount,
        tags: video.tags.slice(0, 10),
      },
      heroDisplayMode: "video",
      heroVideoUrl: externalUrl,
      blocks: [{ type: "text", style: "body", content: video.description.slice(0, 1000) }],
    };
    const inserted = await db.query(
      `INSERT INTO baseline.projects (user_id, slug, title, description, featured_image_url, external_url, content, content_source_id, is_private)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, true)
       ON CONFLICT (user_id, external_url) WHERE external_url <> '' DO NOTHING RETURNING id`,
      [
        task.userId,
        slug,
        video.title,
        video.description.slice(0, 500),
        video.thumbnailUrl,
        externalUrl,
        JSON.stringify(content),
        task.sourceId,
      ],
    );
    if (inserted.length === 1) result.projectsCreated += 1;
    else result.duplicates += 1;
  }

  let pendingRetries = 0;
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => (finish = resolve));
  const pump = () => {
    while (inFlight < options.concurrency && queue.length > 0) {
      const task = queue.shift()!;
      inFlight += 1;
      void runTask(task).finally(() => {
        inFlight -= 1;
        pump();
      });
    }
    if (inFlight === 0 && queue.length === 0 && pendingRetries === 0) finish();
  };

  async function runTask(task: Task): Promise<void> {
    try {
      if (task.kind === "sync") await syncSource(task);
      else await importVideo(task);
    } catch (error) {
      countError(error);
      if (isQuotaRefusal(error) && options.stopOnQuotaExceeded) {
        result.stoppedByQuota = true;
        queue.length = 0;
        if (task.kind === "sync") result.failed += 1;
        return;
      }
      // autoretry_for IntegrationError (auth failures included, as in the design): back on the queue after
      // a countdown, the slot free meanwhile; anything else fails the task.
      if (error instanceof BaselineIntegrationError && task.retries < MAX_RETRIES && !result.stoppedByQuota) {
        result.retries += 1;
        pendingRetries += 1;
        void sleep(Math.random() * 2 ** (task.retries + 1) * 1000).then(() => {
          pendingRetries -= 1;
          queue.push({ ...task, retries: task.retries + 1 });
          pump();
        });
        return;
      }
      if (task.kind === "sync") result.failed += 1;
    }
  }

  pump();
  await done;

  const cpu = process.cpuUsage(cpuStart);
  result.wallSeconds = (performance.now() - started) / 1000;
  result.cpuSeconds = (cpu.user + cpu.system) / 1e6;
  result.dbConnections = db.connectionsOpened();
  result.httpConnections = client.connectionsOpened();
  result.httpRequests = client.requestsSent();
  return result;
}

/**
 * The baseline's copy of a run's follow graph: one content source per Showreel follow (same users, same
 * channels), last synced now — as the design's channel import leaves a source — and its users active,
 * public and recently logged in, so its scheduler selects them. Set-based; not part of any measurement.
 */
export async function seedBaselineFromShowreel(query: (text: string) => Promise<unknown>): Promise<void> {
  await query(`INSERT INTO baseline.users (id) SELECT "id" FROM "User" ON CONFLICT DO NOTHING`);
  await query(
    `INSERT INTO baseline.content_sources (user_id, source_identifier, display_name, last_synced_at)
     SELECT cs."userId", c."youtubeChannelId", c."title", now()
       FROM "ContentSource" cs JOIN "Channel" c ON c."id" = cs."channelId"
     ON CONFLICT DO NOTHING`,
  );
  await query(`ANALYZE baseline.content_sources; ANALYZE baseline.users`);
}
