/**
 * The control API under /_emulator: JSON in, JSON out, for tests, e2e and benchmarks. It shapes the
 * world (channels, videos, publish/delete/privacy, tokens), injects faults, drives quota and clock,
 * and reads counters. Not a Google surface: it is never counted, charged or faulted.
 * Reference: emulator/README.md.
 */
import { z } from "zod";
import { CatalogError } from "../catalog.ts";
import { definedFields } from "../defined-fields.ts";
import type { FeedValidators } from "../feed-cache.ts";
import {
  DATA_API_ONLY_KINDS,
  ERROR_LAYOUTS,
  FAULT_KINDS,
  LLM_FAULT_ENDPOINT,
  REVOKE_FAULT_ENDPOINT,
  TOKEN_FAULT_ENDPOINT,
} from "../faults.ts";
import { nextPacificMidnight, pacificDateOf } from "../quota.ts";
import {
  EMPTY_UPLOADS_REPLIES,
  PRIVACY_STATUSES,
  VIDEO_KINDS,
  uploadsPlaylistIdOf,
  type ChannelRecord,
  type VideoRecord,
} from "../records.ts";
import { toIsoDuration } from "../resources.ts";
import {
  BadRequestError,
  readJsonBody,
  sendJson,
  type RequestContext,
  type RouteHandler,
  type Router,
} from "../router.ts";
import type { EmulatorState } from "../state.ts";
import { MAX_WORLD_SIZE } from "../world.ts";
import { renderCurrentFeed } from "./feeds.ts";

/** Upper bound of one world-enumeration page, so a benchmark cannot ask for 1M rows at once. */
export const MAX_WORLD_PAGE_SIZE = 10_000;

const isoInstant = z.iso.datetime({ offset: true }).transform((value) => Date.parse(value));
const positiveInt = z.number().int().positive();

const resetSchema = z.strictObject({
  seed: z.string().min(1).max(200).optional(),
  worldSize: z.number().int().min(0).max(MAX_WORLD_SIZE).optional(),
  dailyQuota: positiveInt.optional(),
  worldAnchor: isoInstant.optional(),
  apiKeys: z.union([z.literal("any"), z.array(z.string().min(1)).max(100)]).optional(),
});

const createChannelSchema = z.strictObject({
  id: z.string().optional(),
  title: z.string().min(1).max(200),
  handle: z.string().min(1).max(40).optional(),
  description: z.string().max(5000).optional(),
  publishedAt: isoInstant.optional(),
  country: z.string().length(2).optional(),
  subscriberCount: z.number().int().min(0).optional(),
  hiddenSubscriberCount: z.boolean().optional(),
  terminated: z.boolean().optional(),
  emptyUploads: z.enum(EMPTY_UPLOADS_REPLIES).optional(),
});

const updateChannelSchema = z.strictObject({
  title: z.string().min(1).max(200).optional(),
  description: z.string().max(5000).optional(),
  terminated: z.boolean().optional(),
  subscriberCount: z.number().int().min(0).optional(),
});

const countSchema = z.number().int().min(0);

const createVideoSchema = z.strictObject({
  id: z.string().optional(),
  kind: z.enum(VIDEO_KINDS).default("video"),
  privacy: z.enum(PRIVACY_STATUSES).default("public"),
  deleted: z.boolean().optional(),
  title: z.string().max(100).optional(),
  description: z.string().max(5000).optional(),
  tags: z.array(z.string().max(100)).max(50).optional(),
  publishedAt: isoInstant.optional(),
  durationSeconds: z
    .number()
    .int()
    .min(0)
    .max(30 * 86_400)
    .optional(),
  hasMaxres: z.boolean().optional(),
  hasStandard: z.boolean().optional(),
  hideLikes: z.boolean().optional(),
  commentsDisabled: z.boolean().optional(),
  madeForKids: z.boolean().optional(),
  viewCount: countSchema.optional(),
  likeCount: countSchema.optional(),
  commentCount: countSchema.optional(),
  scheduledStartTime: isoInstant.optional(),
  concurrentViewers: countSchema.optional(),
});

const updateVideoSchema = z.strictObject({
  kind: z.enum(VIDEO_KINDS).optional(),
  privacy: z.enum(PRIVACY_STATUSES).optional(),
  title: z.string().max(100).optional(),
  description: z.string().max(5000).optional(),
  viewCount: countSchema.optional(),
  likeCount: countSchema.optional(),
  commentCount: countSchema.optional(),
  hideLikes: z.boolean().optional(),
  commentsDisabled: z.boolean().optional(),
  madeForKids: z.boolean().optional(),
  hasMaxres: z.boolean().optional(),
  hasStandard: z.boolean().optional(),
});

const publishManySchema = z.strictObject({
  channelIds: z.array(z.string().min(1).max(64)).min(1).max(MAX_WORLD_PAGE_SIZE),
});

const tokenSchema = z.strictObject({
  token: z.string().min(1).max(2048),
  channelId: z.string().nullable(),
});

const faultSchema = z
  .strictObject({
    kind: z.enum(FAULT_KINDS),
    rate: z.number().min(0).max(1).optional(),
    count: positiveInt.optional(),
    endpoint: z.string().min(1).max(40).optional(),
    latencyMs: z.number().int().min(0).max(600_000).optional(),
    status: z.union([z.literal(500), z.literal(503)]).optional(),
    retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
    layout: z.enum(ERROR_LAYOUTS).optional(),
  })
  // Such a fault would never fire (the LLM has no Data API quota or key); say so instead of ignoring it.
  .refine(
    (fault) =>
      !(
        (fault.endpoint === LLM_FAULT_ENDPOINT || fault.endpoint === REVOKE_FAULT_ENDPOINT) &&
        DATA_API_ONLY_KINDS.has(fault.kind)
      ),
    {
      message: `${[...DATA_API_ONLY_KINDS].join(", ")} are Data API faults; use "429" or "5xx" for endpoints "${LLM_FAULT_ENDPOINT}" and "${REVOKE_FAULT_ENDPOINT}"`,
      path: ["kind"],
    },
  )
  .refine((fault) => fault.endpoint !== TOKEN_FAULT_ENDPOINT || fault.kind === "latency" || fault.kind === "hang", {
    message: `the OAuth token endpoint ("${TOKEN_FAULT_ENDPOINT}") takes only "latency" and "hang" faults`,
    path: ["kind"],
  });

const quotaSchema = z.strictObject({
  dailyQuota: positiveInt.optional(),
  exhaust: z.literal(true).optional(),
  resetUsage: z.literal(true).optional(),
});

const clockSchema = z.strictObject({
  now: isoInstant.optional(),
  advanceMs: z.number().int().optional(),
  ticking: z.boolean().optional(),
  real: z.literal(true).optional(),
});

export class ControlError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Maps validation and catalog failures to JSON errors so every handler stays a few lines. */
export function control(handler: (context: RequestContext) => Promise<void> | void): RouteHandler {
  return async (context) => {
    try {
      await handler(context);
    } catch (error) {
      if (error instanceof z.ZodError)
        sendJson(context.res, 400, { error: { code: "invalid", message: z.prettifyError(error) } });
      else if (error instanceof BadRequestError)
        sendJson(context.res, 400, { error: { code: "invalid", message: error.message } });
      else if (error instanceof CatalogError) {
        const status = error.code === "not_found" ? 404 : error.code === "conflict" ? 409 : 400;
        sendJson(context.res, status, { error: { code: error.code, message: error.message } });
      } else if (error instanceof ControlError)
        sendJson(context.res, error.status, { error: { code: error.code, message: error.message } });
      else throw error;
    }
  };
}

export async function parseBody<Schema extends z.ZodType>(
  context: RequestContext,
  schema: Schema,
): Promise<z.output<Schema>> {
  return schema.parse(await readJsonBody(context.req));
}

function describeChannel(channel: ChannelRecord): Record<string, unknown> {
  return {
    id: channel.id,
    uploadsPlaylistId: uploadsPlaylistIdOf(channel.id),
    title: channel.title,
    handle: channel.handle,
    description: channel.description,
    origin: channel.origin,
    publishedAt: new Date(channel.publishedAtMs).toISOString(),
    country: channel.country ?? null,
    subscriberCount: channel.subscriberCount,
    hiddenSubscriberCount: channel.isSubscriberCountHidden,
    terminated: channel.isTerminated,
    emptyUploads: channel.emptyUploadsReply ?? "playlistNotFound",
    videoCount: channel.videos.length,
    publicVideoCount: channel.videos.filter((video) => video.privacy === "public" && !video.isDeleted).length,
    videoIds: channel.videos.map((video) => video.id),
  };
}

function describeVideo(video: VideoRecord): Record<string, unknown> {
  const time = (ms: number | undefined): string | null => (ms === undefined ? null : new Date(ms).toISOString());
  const isLiveOrUpcoming = video.kind === "live" || video.kind === "upcoming";
  return {
    id: video.id,
    channelId: video.channelId,
    kind: video.kind,
    privacy: video.privacy,
    deleted: video.isDeleted,
    title: video.title,
    description: video.description,
    tags: video.tags,
    publishedAt: time(video.publishedAtMs),
    updatedAt: time(video.updatedAtMs),
    durationSeconds: video.durationSeconds,
    duration: isLiveOrUpcoming ? "P0D" : toIsoDuration(video.durationSeconds),
    hasMaxres: video.hasMaxresThumbnail,
    hasStandard: video.hasStandardThumbnail,
    hideLikes: video.isLikeCountHidden,
    commentsDisabled: video.areCommentsDisabled,
    madeForKids: video.isMadeForKids,
    viewCount: video.viewCount,
    likeCount: video.likeCount,
    commentCount: video.commentCount,
    scheduledStartTime: time(video.scheduledStartMs),
    actualStartTime: time(video.actualStartMs),
    actualEndTime: time(video.actualEndMs),
    concurrentViewers: video.concurrentViewers ?? null,
    url:
      video.kind === "short"
        ? `https://www.youtube.com/shorts/${video.id}`
        : `https://www.youtube.com/watch?v=${video.id}`,
  };
}

function describeClock(context: RequestContext): Record<string, unknown> {
  const now = context.state.clock.now();
  return {
    ...context.state.clock.snapshot(),
    pacificDate: pacificDateOf(now),
    nextQuotaResetAt: new Date(nextPacificMidnight(now)).toISOString(),
  };
}

function channelOrThrow(context: RequestContext, channelId: string): ChannelRecord {
  const channel = context.state.catalog.findChannel(channelId);
  if (!channel) throw new CatalogError("not_found", `channel ${channelId} not found`);
  return channel;
}

/** A channel's feed for /world/feeds: derived validators while it is as generated, else a render's. */
function describeCurrentFeed(
  state: EmulatorState,
  channelId: string,
  index: number,
): { etag: string; lastModified: string; entryIds: string[] } | null {
  const header = (validators: FeedValidators) => ({
    etag: `"${validators.etag}"`,
    lastModified: new Date(validators.lastModifiedMs).toUTCString(),
  });
  if (!state.feedCache.hasChanged(index)) {
    const described = state.world.describeFeed(index);
    return described
      ? {
          ...header(state.feedCache.rememberDescribed(index, state.imageOrigin(), described)),
          entryIds: described.entryIds,
        }
      : null;
  }
  const rendered = renderCurrentFeed(state, channelId);
  return rendered ? { ...header(rendered.validators), entryIds: rendered.entryIds } : null;
}

export function readIntParam(url: URL, name: string, fallback: number, max: number): number {
  const raw = url.searchParams.get(name);
  if (raw === null) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new BadRequestError(`${name} must be an integer in 0..${max}`);
  return value;
}

export function registerControlRoutes(router: Router): void {
  // GET /_emulator — seed, world size and anchor, quota, cache sizes, feed renders
  router.add(
    "GET",
    "/_emulator",
    control(({ res, state }) => {
      sendJson(res, 200, {
        seed: state.config.seed,
        worldSize: state.world.size,
        worldAnchor: new Date(state.world.anchorMs).toISOString(),
        dailyQuota: state.quota.snapshot().dailyQuota,
        cache: state.catalog.cacheStats(),
        feedCache: state.feedCache.stats(),
      });
    }),
  );

  // POST /_emulator/reset — fresh state {seed?, worldSize?, dailyQuota?, worldAnchor?, apiKeys?}
  router.add(
    "POST",
    "/_emulator/reset",
    control(async (context) => {
      const body = await parseBody(context, resetSchema);
      context.state.reset(
        definedFields({
          seed: body.seed,
          worldSize: body.worldSize,
          dailyQuota: body.dailyQuota,
          worldAnchorMs: body.worldAnchor,
          apiKeys: body.apiKeys,
        }),
      );
      const { state } = context;
      sendJson(context.res, 200, {
        seed: state.config.seed,
        worldSize: state.world.size,
        worldAnchor: new Date(state.world.anchorMs).toISOString(),
        dailyQuota: state.quota.snapshot().dailyQuota,
      });
    }),
  );

  // GET /_emulator/world/channels — generated channels by index, ?offset=&limit= (≤ 10,000)
  router.add(
    "GET",
    "/_emulator/world/channels",
    control(({ res, url, state }) => {
      const offset = readIntParam(url, "offset", 0, Number.MAX_SAFE_INTEGER);
      const limit = readIntParam(url, "limit", 100, MAX_WORLD_PAGE_SIZE);
      const end = Math.min(state.world.size, offset + limit);
      const channels = [];
      for (let index = offset; index < end; index += 1) channels.push(state.world.describeChannel(index));
      sendJson(res, 200, { worldSize: state.world.size, offset, limit, channels });
    }),
  );

  // GET /_emulator/world/feeds — generated channels by index with their feed as served now (ETag and
  // Last-Modified header values, entry ids newest first; null when terminated), ?offset=&limit= (≤ 10,000).
  // A generated channel nothing has changed is described without a render (feed-cache.ts), and its
  // validators stay cached, so a client seeded with them is answered 304 from the first GET.
  router.add(
    "GET",
    "/_emulator/world/feeds",
    control(({ res, url, state }) => {
      const offset = readIntParam(url, "offset", 0, Number.MAX_SAFE_INTEGER);
      const limit = readIntParam(url, "limit", 100, MAX_WORLD_PAGE_SIZE);
      const end = Math.min(state.world.size, offset + limit);
      const channels = [];
      for (let index = offset; index < end; index += 1) {
        const summary = state.world.describeChannel(index);
        channels.push({ ...summary, feed: describeCurrentFeed(state, summary.id, index) });
      }
      sendJson(res, 200, { worldSize: state.world.size, offset, limit, channels });
    }),
  );

  // POST /_emulator/videos/publish — one new public video, published now, on each of {channelIds} (≤ 10,000)
  router.add(
    "POST",
    "/_emulator/videos/publish",
    control(async (context) => {
      const body = await parseBody(context, publishManySchema);
      const videos = body.channelIds.map((channelId) => {
        const video = context.state.catalog.addVideo(channelId, { kind: "video", privacy: "public" });
        return { channelId, id: video.id, publishedAt: new Date(video.publishedAtMs).toISOString() };
      });
      sendJson(context.res, 201, { videos });
    }),
  );

  // POST /_emulator/channels — create a channel {id?, title, handle?, …} → 201 channel
  router.add(
    "POST",
    "/_emulator/channels",
    control(async (context) => {
      const body = await parseBody(context, createChannelSchema);
      const channel = context.state.catalog.createChannel(
        definedFields({
          title: body.title,
          id: body.id,
          handle: body.handle,
          description: body.description,
          publishedAtMs: body.publishedAt,
          country: body.country,
          subscriberCount: body.subscriberCount,
          isSubscriberCountHidden: body.hiddenSubscriberCount,
          isTerminated: body.terminated,
          emptyUploadsReply: body.emptyUploads,
        }),
      );
      sendJson(context.res, 201, describeChannel(channel));
    }),
  );

  // GET /_emulator/channels/:id — any channel (demo, custom or generated) with its video ids
  router.add(
    "GET",
    "/_emulator/channels/:id",
    control((context) => sendJson(context.res, 200, describeChannel(channelOrThrow(context, context.params.id ?? "")))),
  );

  // PATCH /_emulator/channels/:id — rename, terminate or revive a channel
  router.add(
    "PATCH",
    "/_emulator/channels/:id",
    control(async (context) => {
      const body = await parseBody(context, updateChannelSchema);
      const channel = context.state.catalog.updateChannel(
        context.params.id ?? "",
        definedFields({
          title: body.title,
          description: body.description,
          isTerminated: body.terminated,
          subscriberCount: body.subscriberCount,
        }),
      );
      sendJson(context.res, 200, describeChannel(channel));
    }),
  );

  // POST /_emulator/channels/:id/videos — publish a video of any kind → 201 video (newest unless publishedAt)
  router.add(
    "POST",
    "/_emulator/channels/:id/videos",
    control(async (context) => {
      const body = await parseBody(context, createVideoSchema);
      const video = context.state.catalog.addVideo(
        context.params.id ?? "",
        definedFields({
          kind: body.kind,
          privacy: body.privacy,
          id: body.id,
          isDeleted: body.deleted,
          title: body.title,
          description: body.description,
          tags: body.tags,
          publishedAtMs: body.publishedAt,
          durationSeconds: body.durationSeconds,
          hasMaxresThumbnail: body.hasMaxres,
          hasStandardThumbnail: body.hasStandard,
          isLikeCountHidden: body.hideLikes,
          areCommentsDisabled: body.commentsDisabled,
          isMadeForKids: body.madeForKids,
          viewCount: body.viewCount,
          likeCount: body.likeCount,
          commentCount: body.commentCount,
          scheduledStartMs: body.scheduledStartTime,
          concurrentViewers: body.concurrentViewers,
        }),
      );
      sendJson(context.res, 201, describeVideo(video));
    }),
  );

  // GET /_emulator/videos/:id — one video as the emulator stores it
  router.add(
    "GET",
    "/_emulator/videos/:id",
    control((context) => {
      const video = context.state.catalog.findVideo(context.params.id ?? "");
      if (!video) throw new CatalogError("not_found", `video ${context.params.id ?? ""} not found`);
      sendJson(context.res, 200, describeVideo(video));
    }),
  );

  // PATCH /_emulator/videos/:id — privacy, metadata, counts, or kind (upcoming → live → ended_stream)
  router.add(
    "PATCH",
    "/_emulator/videos/:id",
    control(async (context) => {
      const body = await parseBody(context, updateVideoSchema);
      const video = context.state.catalog.updateVideo(
        context.params.id ?? "",
        definedFields({
          kind: body.kind,
          privacy: body.privacy,
          title: body.title,
          description: body.description,
          viewCount: body.viewCount,
          likeCount: body.likeCount,
          commentCount: body.commentCount,
          isLikeCountHidden: body.hideLikes,
          areCommentsDisabled: body.commentsDisabled,
          isMadeForKids: body.madeForKids,
          hasMaxresThumbnail: body.hasMaxres,
          hasStandardThumbnail: body.hasStandard,
        }),
      );
      sendJson(context.res, 200, describeVideo(video));
    }),
  );

  // DELETE /_emulator/videos/:id — delete: "Deleted video" in the playlist, gone elsewhere
  router.add(
    "DELETE",
    "/_emulator/videos/:id",
    control((context) =>
      sendJson(context.res, 200, describeVideo(context.state.catalog.deleteVideo(context.params.id ?? ""))),
    ),
  );

  // GET /_emulator/tokens — registered bearer tokens
  router.add(
    "GET",
    "/_emulator/tokens",
    control(({ res, state }) => {
      sendJson(res, 200, { tokens: [...state.tokens].map(([token, channelId]) => ({ token, channelId })) });
    }),
  );

  // POST /_emulator/tokens — register {token, channelId | null} for mine=true
  router.add(
    "POST",
    "/_emulator/tokens",
    control(async (context) => {
      const body = await parseBody(context, tokenSchema);
      if (body.channelId !== null) channelOrThrow(context, body.channelId);
      context.state.tokens.set(body.token, body.channelId);
      sendJson(context.res, 201, body);
    }),
  );

  // DELETE /_emulator/tokens/:token — revoke: later calls with it get 401 authError
  router.add(
    "DELETE",
    "/_emulator/tokens/:token",
    control(({ res, state, params }) => {
      if (!state.tokens.delete(params.token ?? "")) throw new CatalogError("not_found", "token not registered");
      res.writeHead(204);
      res.end();
    }),
  );

  // GET /_emulator/faults — active faults with hit counts
  router.add(
    "GET",
    "/_emulator/faults",
    control(({ res, state }) => sendJson(res, 200, { faults: state.faults.list() })),
  );

  // POST /_emulator/faults — inject {kind, rate?, count?, endpoint?, latencyMs?, status?, retryAfterSeconds?}
  router.add(
    "POST",
    "/_emulator/faults",
    control(async (context) => {
      const body = await parseBody(context, faultSchema);
      const fault = context.state.faults.add(
        definedFields({
          kind: body.kind,
          rate: body.rate,
          count: body.count,
          endpoint: body.endpoint,
          latencyMs: body.latencyMs,
          status: body.status,
          retryAfterSeconds: body.retryAfterSeconds,
          layout: body.layout,
        }),
      );
      sendJson(context.res, 201, fault);
    }),
  );

  // DELETE /_emulator/faults — clear all faults; hung requests are then answered
  router.add(
    "DELETE",
    "/_emulator/faults",
    control(({ res, state }) => {
      state.faults.clear();
      res.writeHead(204);
      res.end();
    }),
  );

  // DELETE /_emulator/faults/:id — remove one fault
  router.add(
    "DELETE",
    "/_emulator/faults/:id",
    control(({ res, state, params }) => {
      if (!state.faults.remove(params.id ?? ""))
        throw new CatalogError("not_found", `fault ${params.id ?? ""} not found`);
      res.writeHead(204);
      res.end();
    }),
  );

  // GET /_emulator/quota — today's budget, usage and next Pacific-midnight reset
  router.add(
    "GET",
    "/_emulator/quota",
    control(({ res, state }) => sendJson(res, 200, state.quota.snapshot())),
  );

  // POST /_emulator/quota — {dailyQuota?, exhaust?: true, resetUsage?: true}
  router.add(
    "POST",
    "/_emulator/quota",
    control(async (context) => {
      const body = await parseBody(context, quotaSchema);
      const { quota } = context.state;
      if (body.dailyQuota !== undefined) quota.setDailyQuota(body.dailyQuota);
      if (body.resetUsage) quota.resetUsage();
      if (body.exhaust) quota.exhaust();
      sendJson(context.res, 200, quota.snapshot());
    }),
  );

  // GET /_emulator/clock — emulator time and the next quota reset
  router.add(
    "GET",
    "/_emulator/clock",
    control((context) => sendJson(context.res, 200, describeClock(context))),
  );

  // POST /_emulator/clock — {now?, ticking?, advanceMs?, real?: true}
  router.add(
    "POST",
    "/_emulator/clock",
    control(async (context) => {
      const body = await parseBody(context, clockSchema);
      const { clock } = context.state;
      if (body.real) clock.useRealTime();
      if (body.now !== undefined) clock.set(body.now, { isTicking: body.ticking ?? false });
      if (body.advanceMs !== undefined) clock.advance(body.advanceMs);
      sendJson(context.res, 200, describeClock(context));
    }),
  );

  // GET /_emulator/counters — requests per endpoint, units, TCP connections
  router.add(
    "GET",
    "/_emulator/counters",
    control(({ res, state }) => sendJson(res, 200, state.counters.snapshot(state.quota.getUsedToday()))),
  );

  // GET /_emulator/counters/units-by-channel — units of calls that named exactly one channel, by channel
  router.add(
    "GET",
    "/_emulator/counters/units-by-channel",
    control(({ res, state }) => sendJson(res, 200, { unitsByChannel: state.counters.unitsByChannelSnapshot() })),
  );

  // POST /_emulator/counters/reset — zero the counters (not the quota day)
  router.add(
    "POST",
    "/_emulator/counters/reset",
    control(({ res, state }) => {
      state.counters.reset();
      sendJson(res, 200, state.counters.snapshot(state.quota.getUsedToday()));
    }),
  );

  // ANY /_emulator/* — anything else under /_emulator is a JSON 404
  router.add(
    "*",
    "/_emulator/*",
    control(({ req, url }) => {
      throw new ControlError(404, "not_found", `no control route ${req.method ?? ""} ${url.pathname}`);
    }),
  );
}
