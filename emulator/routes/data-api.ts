/**
 * YouTube Data API v3 under /youtube/v3. Every request goes through one pipeline, in this order:
 * count it and charge its units (always, errors included), injected faults, unknown method → 404,
 * daily budget → 403 quotaExceeded, credentials (key= or Bearer), then the method itself, and
 * finally ETag / If-None-Match → 304. Served: channels.list, playlistItems.list, videos.list and a
 * channel-scoped search.list; other methods are billed per Google's table and answer 501.
 */
import { z } from "zod";
import {
  GoogleApiError,
  authError,
  authorizationRequiredError,
  backendError,
  configFaultError,
  incompatibleParametersError,
  insufficientPermissionsError,
  invalidApiKeyError,
  invalidFiltersError,
  invalidPageTokenError,
  invalidParameterError,
  invalidSearchFilterError,
  methodNotFoundError,
  missingApiKeyError,
  missingFilterError,
  missingRequiredParameterError,
  notImplementedError,
  playlistNotFoundError,
  quotaExceededError,
  rateLimitExceededError,
  tooManyRequestsError,
  unknownPartError,
} from "../google-errors.ts";
import { enactFaultDelays, type Fault } from "../faults.ts";
import { FieldSelectionError, parseFieldSelection, selectFields, type FieldSelection } from "../field-selection.ts";
import { IMAGE_HOSTINGS } from "../images.ts";
import { DATA_API_READ_SCOPES, hasDataApiReadScope } from "../oauth/scopes.ts";
import { decodePageToken, encodePageToken } from "../page-token.ts";
import { QUOTA_COSTS, quotaCostOf } from "../quota.ts";
import { etagOf } from "../random.ts";
import { channelIdOfUploadsPlaylist, type ChannelRecord, type VideoRecord } from "../records.ts";
import {
  VALID_CHANNEL_PARTS,
  VALID_PLAYLIST_ITEM_PARTS,
  VALID_VIDEO_PARTS,
  renderChannel,
  renderPlaylistItem,
  renderSearchResult,
  renderVideo,
  type PlaylistEntryView,
} from "../resources.ts";
import { etagTokenOf, shapeReply } from "../reply-shapes.ts";
import { ifNoneMatchHits, sendGoogleJson, sendJson, type RequestContext, type Router } from "../router.ts";
import { control, parseBody } from "./control.ts";

/** Ids per channels.list / videos.list call; more is a 400 invalidFilters. */
export const MAX_IDS_PER_CALL = 50;
/** maxResults range and default of the list methods. */
export const MAX_RESULTS_LIMIT = 50;
export const DEFAULT_MAX_RESULTS = 5;
/** Google answers every empty channels.list with this same etag (channels.list.empty.json). */
export const EMPTY_CHANNEL_LIST_ETAG = "RuuXzTIr0OoDqI4S0RU6n4FqKEM";

type Json = Record<string, unknown>;

/** Who is calling: an API key (no identity) or a bearer token mapped to a channel (or to none). */
interface Viewer {
  isOAuth: boolean;
  channelId: string | null;
}

type MethodHandler = (context: RequestContext, viewer: Viewer) => Json;

const replySettingsSchema = z.strictObject({
  legacyEtags: z.boolean().optional(),
  millisecondTimestamps: z.boolean().optional(),
  pageInfoFirst: z.boolean().optional(),
  images: z.enum(IMAGE_HOSTINGS).optional(),
});

export function registerDataApiRoutes(router: Router): void {
  router.add("*", "/youtube/v3/*", handleDataApiRequest);

  // GET /_emulator/replies — the reply shapes in use and who hosts images
  router.add(
    "GET",
    "/_emulator/replies",
    control(({ res, state }) => sendJson(res, 200, state.replies)),
  );

  // POST /_emulator/replies — {legacyEtags?, millisecondTimestamps?, pageInfoFirst?, images?} until changed or reset
  router.add(
    "POST",
    "/_emulator/replies",
    control(async (context) => {
      const body = await parseBody(context, replySettingsSchema);
      const { replies } = context.state;
      for (const key of ["legacyEtags", "millisecondTimestamps", "pageInfoFirst"] as const) {
        const value = body[key];
        if (value !== undefined) replies[key] = value;
      }
      if (body.images !== undefined) replies.images = body.images;
      sendJson(context.res, 200, replies);
    }),
  );
}

const HANDLERS: Readonly<Record<string, MethodHandler>> = {
  "channels.list": listChannels,
  "playlistItems.list": listPlaylistItems,
  "videos.list": listVideos,
  "search.list": listSearchResults,
};

/** The one channel a call is about, as counters.ts attributes units: uploads playlist, single channel id, channel-scoped search. */
function channelNamedBy(method: string | null, url: URL): string | null {
  const params = url.searchParams;
  if (method === "playlistItems.list") {
    const playlistId = params.get("playlistId");
    return playlistId?.startsWith("UU") ? `UC${playlistId.slice(2)}` : null;
  }
  if (method === "channels.list") {
    const id = params.get("id");
    return id && !id.includes(",") ? id : null;
  }
  if (method === "search.list") return params.get("channelId");
  return null;
}

async function handleDataApiRequest(context: RequestContext): Promise<void> {
  const { state, req, res } = context;
  const path = context.params["*"] ?? "";
  const method = resolveMethod(req.method ?? "GET", path);
  const units = quotaCostOf(method);
  state.counters.recordRequest(method ?? "unknown", req.socket);
  state.counters.recordUnits(units, channelNamedBy(method, context.url));
  const { isWithinBudget } = state.quota.charge(units);
  try {
    const decision = state.faults.decide(path.split("/")[0] ?? "");
    if (!(await enactFaultDelays(state.faults, decision, context.signal))) return;
    if (decision.action?.kind === "error") throw faultToGoogleError(decision.action.fault, method);
    if (method === null) throw methodNotFoundError();
    // Once the day is spent every call gets quotaExceeded, whatever its credentials.
    if (!isWithinBudget) throw quotaExceededError();
    const viewer = authenticate(context);
    const handler = HANDLERS[method];
    if (!handler) throw notImplementedError(method);
    const selection = parseFields(context.url);
    const body = handler(context, viewer);
    const etag = etagTokenOf(String(body.etag), state.replies);
    if (ifNoneMatchHits(req.headers["if-none-match"], etag)) {
      res.writeHead(304, { etag: `"${etag}"` });
      res.end();
      return;
    }
    const shaped = state.localizeImages(shapeReply(body, state.replies));
    sendGoogleJson(res, 200, selection ? selectFields(shaped, selection) : shaped, { etag: `"${etag}"` });
  } catch (error) {
    if (!(error instanceof GoogleApiError)) throw error;
    if (!res.headersSent && !context.signal.aborted) sendGoogleJson(res, error.status, error.body, error.headers);
  }
}

const ACTION_METHODS: Readonly<Record<string, string>> = {
  "POST videos/rate": "videos.rate",
  "GET videos/getRating": "videos.getRating",
  "POST videos/reportAbuse": "videos.reportAbuse",
  "POST thumbnails/set": "thumbnails.set",
  "POST watermarks/set": "watermarks.set",
  "POST watermarks/unset": "watermarks.unset",
  "POST comments/setModerationStatus": "comments.setModerationStatus",
  "POST channelBanners/insert": "channelBanners.insert",
};

const VERB_BY_HTTP_METHOD: Readonly<Record<string, string>> = {
  GET: "list",
  HEAD: "list",
  POST: "insert",
  PUT: "update",
  DELETE: "delete",
};

/** "GET videos" → "videos.list"; null when Google has no such method (a 404). */
export function resolveMethod(httpMethod: string, path: string): string | null {
  const segments = path.split("/").filter(Boolean);
  const verb = httpMethod === "HEAD" ? "GET" : httpMethod;
  if (segments.length === 2) {
    if (segments[0] === "captions" && verb === "GET") return "captions.download";
    return ACTION_METHODS[`${verb} ${segments.join("/")}`] ?? null;
  }
  if (segments.length !== 1) return null;
  const name = `${segments[0]}.${VERB_BY_HTTP_METHOD[verb] ?? ""}`;
  return name in QUOTA_COSTS ? name : null;
}

function faultToGoogleError(fault: Fault, method: string | null): GoogleApiError {
  switch (fault.kind) {
    case "quotaExceeded":
      return quotaExceededError();
    case "rateLimitExceeded":
      return rateLimitExceededError();
    case "429":
      return tooManyRequestsError(fault.retryAfterSeconds);
    default:
      return (
        configFaultError(fault, method) ??
        backendError(fault.status, fault.status === 503 ? fault.retryAfterSeconds : undefined)
      );
  }
}

function authenticate(context: RequestContext): Viewer {
  const { state, req, url } = context;
  const header = req.headers.authorization;
  const token = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : (url.searchParams.get("access_token") ?? undefined);
  if (header !== undefined || token !== undefined) {
    if (token === undefined) throw authError();
    // Tokens from the emulated OAuth server first (expiry, revocation, scopes), then the registry.
    const issued = state.oauth.checkAccessToken(token);
    if (issued.status === "invalid") throw authError();
    if (issued.status === "valid") {
      if (!hasDataApiReadScope(issued.scopes)) throw insufficientPermissionsError(DATA_API_READ_SCOPES);
      return { isOAuth: true, channelId: issued.account.channelId };
    }
    if (!state.tokens.has(token)) throw authError();
    return { isOAuth: true, channelId: state.tokens.get(token) ?? null };
  }
  const key = url.searchParams.get("key");
  if (key === null) throw missingApiKeyError();
  if (!state.isApiKeyAccepted(key)) throw invalidApiKeyError();
  return { isOAuth: false, channelId: null };
}

function parseParts(url: URL, valid: ReadonlySet<string>): Set<string> {
  const raw = url.searchParams.get("part");
  if (raw === null || raw.trim() === "") throw missingRequiredParameterError("part");
  const parts = raw
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  for (const part of parts) if (!valid.has(part)) throw unknownPartError(part);
  return new Set(parts);
}

/** `fields=` (partial response); null when absent. Google refuses a selection it cannot parse. */
function parseFields(url: URL): FieldSelection | null {
  const raw = url.searchParams.get("fields");
  if (raw === null || raw.trim() === "") return null;
  try {
    return parseFieldSelection(raw.replace(/\s+/g, ""));
  } catch (error) {
    if (error instanceof FieldSelectionError) throw invalidParameterError("fields", error.message);
    throw error;
  }
}

function parseIdList(raw: string): string[] {
  const ids = [
    ...new Set(
      raw
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
  if (ids.length > MAX_IDS_PER_CALL) throw invalidFiltersError();
  return ids;
}

function parseMaxResults(url: URL): number {
  const raw = url.searchParams.get("maxResults");
  if (raw === null) return DEFAULT_MAX_RESULTS;
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || value > MAX_RESULTS_LIMIT) {
    throw invalidParameterError(
      "maxResults",
      `Invalid value '${raw}'. Values must be within the range: [0, ${MAX_RESULTS_LIMIT}]`,
    );
  }
  return value;
}

/** Exactly one of the method's filters; none or several is a 400 as at Google. */
function pickFilter<Name extends string>(url: URL, filters: readonly Name[]): Name {
  const present = filters.filter((name) => url.searchParams.has(name));
  if (present.length === 0) throw missingFilterError(filters);
  if (present.length > 1) throw incompatibleParametersError(present);
  return present[0] as Name;
}

/**
 * A list reply; `items` is left out entirely when empty, as Google does. Key order follows the
 * samples: channels put pageInfo before items, playlistItems and videos after.
 */
function listResponse(
  kind: string,
  items: Json[],
  pageInfo: { totalResults: number; resultsPerPage: number },
  extra: Json = {},
  options: { isPageInfoFirst?: boolean } = {},
): Json {
  const body: Json = { ...extra };
  if (options.isPageInfoFirst) body.pageInfo = pageInfo;
  if (items.length > 0) body.items = items;
  if (!options.isPageInfoFirst) body.pageInfo = pageInfo;
  return { kind, etag: etagOfList(kind, body), ...body };
}

function etagOfList(kind: string, body: Json): string {
  const isEmptyChannelList =
    kind === "youtube#channelListResponse" &&
    body.items === undefined &&
    JSON.stringify(body.pageInfo) === '{"totalResults":0,"resultsPerPage":5}';
  return isEmptyChannelList ? EMPTY_CHANNEL_LIST_ETAG : etagOf({ kind, ...body });
}

// GET /youtube/v3/channels — 1 unit; id (≤ 50), mine=true (OAuth) or forHandle
function listChannels(context: RequestContext, viewer: Viewer): Json {
  const { url, state } = context;
  const parts = parseParts(url, VALID_CHANNEL_PARTS);
  const filter = pickFilter(url, ["forHandle", "forUsername", "id", "managedByMe", "mine"] as const);
  const maxResults = parseMaxResults(url);
  const found: ChannelRecord[] = [];
  const add = (channel: ChannelRecord | null): void => {
    if (channel && !channel.isTerminated) found.push(channel);
  };
  switch (filter) {
    case "id":
      for (const id of parseIdList(url.searchParams.get("id") ?? "")) add(state.catalog.findChannel(id));
      break;
    case "mine":
      if (!viewer.isOAuth) throw authorizationRequiredError("mine");
      if (url.searchParams.get("mine") === "true" && viewer.channelId) add(state.catalog.findChannel(viewer.channelId));
      break;
    case "forHandle":
      add(state.catalog.findChannelByHandle(url.searchParams.get("forHandle") ?? ""));
      break;
    case "managedByMe":
      if (!viewer.isOAuth) throw authorizationRequiredError("managedByMe");
      break;
    default:
      // forUsername: legacy usernames; handles do not match it (channels.list.empty.json).
      break;
  }
  return listResponse(
    "youtube#channelListResponse",
    found.map((channel) => renderChannel(channel, parts)),
    { totalResults: found.length, resultsPerPage: maxResults },
    {},
    { isPageInfoFirst: true },
  );
}

interface PlaylistEntry {
  video: VideoRecord;
  view: PlaylistEntryView;
}

/**
 * The uploads playlist as this caller sees it: deleted videos as placeholders for everyone,
 * private ones in full for the owner and as placeholders otherwise, unlisted ones only for the owner.
 */
function playlistEntriesFor(channel: ChannelRecord, viewer: Viewer): PlaylistEntry[] {
  const isOwner = viewer.channelId === channel.id;
  const entries: PlaylistEntry[] = [];
  for (const video of channel.videos) {
    if (video.isDeleted) entries.push({ video, view: "deleted" });
    else if (video.privacy === "private") entries.push({ video, view: isOwner ? "full" : "private" });
    else if (video.privacy === "unlisted") {
      if (isOwner) entries.push({ video, view: "full" });
    } else entries.push({ video, view: "full" });
  }
  return entries;
}

function uploadsChannelOrThrow(context: RequestContext, playlistId: string): ChannelRecord {
  const channelId = channelIdOfUploadsPlaylist(playlistId);
  const channel = channelId ? context.state.catalog.findChannel(channelId) : null;
  if (!channel || channel.isTerminated) throw playlistNotFoundError();
  // A channel that never published: Google 404s its uploads playlist, or (for some channels) lists it empty.
  if (channel.videos.length === 0 && channel.emptyUploadsReply !== "emptyList") throw playlistNotFoundError();
  return channel;
}

/** The uploads playlist of a channel that never published, when Google lists it: `items: []`, resultsPerPage 0. */
function emptyUploadsReply(): Json {
  const body: Json = { items: [], pageInfo: { totalResults: 0, resultsPerPage: 0 } };
  return {
    kind: "youtube#playlistItemListResponse",
    etag: etagOf({ kind: "youtube#playlistItemListResponse", ...body }),
    ...body,
  };
}

interface Page<T> {
  items: T[];
  offset: number;
  nextPageToken?: string;
  prevPageToken?: string;
}

function paginate<T>(context: RequestContext, listId: string, all: readonly T[], maxResults: number): Page<T> {
  const key = context.state.pageTokenKey;
  const token = context.url.searchParams.get("pageToken");
  let offset = 0;
  if (token !== null && token !== "") {
    const decoded = decodePageToken(key, listId, token);
    if (decoded === null) throw invalidPageTokenError();
    offset = decoded;
  }
  const page: Page<T> = { items: all.slice(offset, offset + maxResults), offset };
  if (maxResults > 0 && offset + maxResults < all.length)
    page.nextPageToken = encodePageToken(key, listId, offset + maxResults);
  if (offset > 0) page.prevPageToken = encodePageToken(key, listId, Math.max(0, offset - Math.max(maxResults, 1)));
  return page;
}

function pageTokens(page: Page<unknown>): Json {
  const tokens: Json = {};
  if (page.nextPageToken) tokens.nextPageToken = page.nextPageToken;
  if (page.prevPageToken) tokens.prevPageToken = page.prevPageToken;
  return tokens;
}

// GET /youtube/v3/playlistItems — 1 unit per page; uploads playlists (UU…), maxResults 0–50
function listPlaylistItems(context: RequestContext, viewer: Viewer): Json {
  const { url, state } = context;
  const parts = parseParts(url, VALID_PLAYLIST_ITEM_PARTS);
  const filter = pickFilter(url, ["id", "playlistId"] as const);
  const maxResults = parseMaxResults(url);
  if (filter === "id") {
    const items: Json[] = [];
    for (const itemId of parseIdList(url.searchParams.get("id") ?? "")) {
      const [playlistId, videoId] = Buffer.from(itemId, "base64").toString("utf8").split(".");
      const channelId = playlistId ? channelIdOfUploadsPlaylist(playlistId) : null;
      const channel = channelId ? state.catalog.findChannel(channelId) : null;
      if (!channel || channel.isTerminated || !videoId) continue;
      const entries = playlistEntriesFor(channel, viewer);
      const position = entries.findIndex((entry) => entry.video.id === videoId);
      const entry = entries[position];
      if (entry) items.push(renderPlaylistItem(channel, entry.video, position, entry.view, parts));
    }
    return listResponse("youtube#playlistItemListResponse", items, {
      totalResults: items.length,
      resultsPerPage: maxResults,
    });
  }
  const playlistId = url.searchParams.get("playlistId") ?? "";
  const channel = uploadsChannelOrThrow(context, playlistId);
  if (channel.videos.length === 0) {
    // Any page token is still checked: one from another playlist is refused as Google refuses it.
    paginate(context, `playlist:${playlistId}`, [], maxResults);
    return emptyUploadsReply();
  }
  const entries = playlistEntriesFor(channel, viewer);
  const page = paginate(context, `playlist:${playlistId}`, entries, maxResults);
  const items = page.items.map((entry, index) =>
    renderPlaylistItem(channel, entry.video, page.offset + index, entry.view, parts),
  );
  return listResponse(
    "youtube#playlistItemListResponse",
    items,
    { totalResults: entries.length, resultsPerPage: maxResults },
    pageTokens(page),
  );
}

/** Videos anyone may fetch by id: not deleted, not on a terminated channel, private only to the owner. */
function findViewableVideo(
  context: RequestContext,
  viewer: Viewer,
  videoId: string,
): { video: VideoRecord; channel: ChannelRecord } | null {
  const video = context.state.catalog.findVideo(videoId);
  if (!video || video.isDeleted) return null;
  if (video.privacy === "private" && viewer.channelId !== video.channelId) return null;
  const channel = context.state.catalog.findChannel(video.channelId);
  if (!channel || channel.isTerminated) return null;
  return { video, channel };
}

// GET /youtube/v3/videos — 1 unit, ≤ 50 ids; unknown, deleted and others' private ids are left out
function listVideos(context: RequestContext, viewer: Viewer): Json {
  const { url } = context;
  const parts = parseParts(url, VALID_VIDEO_PARTS);
  const filter = pickFilter(url, ["chart", "id", "myRating"] as const);
  const items: Json[] = [];
  // chart / myRating are not modelled: they answer an empty list.
  if (filter === "id") {
    for (const id of parseIdList(url.searchParams.get("id") ?? "")) {
      const found = findViewableVideo(context, viewer, id);
      if (found) items.push(renderVideo(found.video, found.channel, parts));
    }
  }
  return listResponse("youtube#videoListResponse", items, { totalResults: items.length, resultsPerPage: items.length });
}

const RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * search.list's publishedAfter / publishedBefore (RFC 3339, both inclusive). Google refuses them with
 * forMine (invalidSearchFilter); a value that is not RFC 3339 is a 400 invalidParameter here (Google's exact
 * reason for that case is not recorded).
 */
function parsePublishedWindow(url: URL): { afterMs: number; beforeMs: number } {
  const bound = (name: "publishedAfter" | "publishedBefore", fallback: number) => {
    const raw = url.searchParams.get(name);
    if (raw === null) return fallback;
    if (url.searchParams.get("forMine") === "true") throw invalidSearchFilterError();
    const ms = RFC_3339.test(raw) ? Date.parse(raw) : Number.NaN;
    if (Number.isNaN(ms)) throw invalidParameterError(name, `Invalid value '${raw}'. Expected an RFC 3339 date-time.`);
    return ms;
  };
  return {
    afterMs: bound("publishedAfter", Number.NEGATIVE_INFINITY),
    beforeMs: bound("publishedBefore", Number.POSITIVE_INFINITY),
  };
}

// GET /youtube/v3/search — 100 units per page; only channelId / forMine video listings, newest first,
// optionally within publishedAfter / publishedBefore
function listSearchResults(context: RequestContext, viewer: Viewer): Json {
  const { url, state } = context;
  const parts = parseParts(url, new Set(["id", "snippet"]));
  const maxResults = parseMaxResults(url);
  let channel: ChannelRecord | null = null;
  if (url.searchParams.get("forMine") === "true") {
    if (!viewer.isOAuth) throw authorizationRequiredError("forMine");
    channel = viewer.channelId ? state.catalog.findChannel(viewer.channelId) : null;
  } else if (url.searchParams.has("channelId")) {
    channel = state.catalog.findChannel(url.searchParams.get("channelId") ?? "");
  }
  const type = url.searchParams.get("type");
  const query = (url.searchParams.get("q") ?? "").toLowerCase();
  const window = parsePublishedWindow(url);
  const videos =
    channel && !channel.isTerminated && (type === null || type.split(",").includes("video"))
      ? channel.videos.filter(
          (video) =>
            video.privacy === "public" &&
            !video.isDeleted &&
            video.publishedAtMs >= window.afterMs &&
            video.publishedAtMs <= window.beforeMs &&
            (query === "" || `${video.title}\n${video.description}`.toLowerCase().includes(query)),
        )
      : [];
  const page = paginate(context, `search:${channel?.id ?? ""}:${query}`, videos, maxResults);
  const items = page.items.map((video) => {
    const result = renderSearchResult(video, channel as ChannelRecord);
    if (parts.has("snippet")) return result;
    const { snippet: _snippet, ...withoutSnippet } = result;
    return withoutSnippet;
  });
  const body: Json = {
    ...pageTokens(page),
    regionCode: "US",
    pageInfo: { totalResults: videos.length, resultsPerPage: maxResults },
  };
  if (items.length > 0) body.items = items;
  return { kind: "youtube#searchListResponse", etag: etagOf({ kind: "youtube#searchListResponse", ...body }), ...body };
}
