/**
 * Parses YouTube's Atom documents: the channel feed (`/feeds/videos.xml?channel_id=`, 15 newest entries,
 * no quota) and WebSub notifications (one entry, or an `at:deleted-entry` tombstone). Hostile input is
 * refused before parsing: documents over FEED_MAX_BYTES, and any DOCTYPE or ENTITY declaration (YouTube
 * never sends one; refusing them rules out entity-expansion attacks outright).
 */
import { XMLParser } from "fast-xml-parser";
import { isVideoId } from "./parse-youtube-url";

/** YouTube's feed holds the channel's 15 newest public uploads (the sync engine remembers as many). */
export const FEED_WINDOW = 15;

/** A real 15-entry feed is about 20 KB; anything near this limit is not YouTube. */
export const FEED_MAX_BYTES = 1024 * 1024;

export type FeedEntry = {
  videoId: string;
  channelId: string;
  title: string;
  publishedAt: Date;
  updatedAt: Date | null;
  /** True when YouTube links the entry as /shorts/ID — the only Shorts signal YouTube gives. */
  isShort: boolean;
  thumbnailUrl: string | null;
  viewCount: number | null;
};

export type ParsedFeed = {
  channelId: string | null;
  title: string | null;
  entries: FeedEntry[];
  /** Video ids from `at:deleted-entry` tombstones (deleted or made private). */
  deletedVideoIds: string[];
};

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FeedParseError";
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: false,
  processEntities: true,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => name === "entry" || name === "link" || name === "at:deleted-entry",
});

type XmlNode = Record<string, unknown>;

function text(node: unknown): string | null {
  if (typeof node === "string") return node;
  if (node && typeof node === "object" && "#text" in node) return String((node as XmlNode)["#text"]);
  return null;
}

function asArray(node: unknown): XmlNode[] {
  if (Array.isArray(node)) return node.filter((item): item is XmlNode => !!item && typeof item === "object");
  return node && typeof node === "object" ? [node as XmlNode] : [];
}

function parseDate(value: string | null, what: string): Date | null {
  if (value === null) return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime()))
    throw new FeedParseError(`unreadable ${what}: ${JSON.stringify(value.slice(0, 40))}`);
  return date;
}

function alternateHref(entry: XmlNode): string | null {
  for (const link of asArray(entry.link)) {
    if ((link["@_rel"] ?? "alternate") === "alternate" && typeof link["@_href"] === "string") return link["@_href"];
  }
  return null;
}

function parseEntry(entry: XmlNode): FeedEntry {
  const videoId = text(entry["yt:videoId"]) ?? text(entry.id)?.replace(/^yt:video:/, "") ?? null;
  if (!videoId || !isVideoId(videoId))
    throw new FeedParseError(`entry without a valid video id (${String(videoId).slice(0, 20)})`);
  const channelId = text(entry["yt:channelId"]);
  if (!channelId) throw new FeedParseError(`entry ${videoId} has no channel id`);
  const publishedAt = parseDate(text(entry.published), `published date of ${videoId}`);
  if (!publishedAt) throw new FeedParseError(`entry ${videoId} has no published date`);
  const group = (entry["media:group"] ?? {}) as XmlNode;
  const thumbnail = asArray(group["media:thumbnail"])[0];
  const statistics = ((group["media:community"] ?? {}) as XmlNode)["media:statistics"] as XmlNode | undefined;
  const views = statistics?.["@_views"];
  const href = alternateHref(entry);
  return {
    videoId,
    channelId: channelId.startsWith("UC") ? channelId : `UC${channelId}`,
    title: text(entry.title) ?? text(group["media:title"]) ?? "",
    publishedAt,
    updatedAt: parseDate(text(entry.updated), `updated date of ${videoId}`),
    isShort: href !== null && /\/shorts\//.test(href),
    thumbnailUrl: typeof thumbnail?.["@_url"] === "string" ? thumbnail["@_url"] : null,
    viewCount: typeof views === "string" && /^\d+$/.test(views) ? Number(views) : null,
  };
}

export function parseFeed(xml: string): ParsedFeed {
  if (Buffer.byteLength(xml, "utf8") > FEED_MAX_BYTES)
    throw new FeedParseError(`feed larger than ${FEED_MAX_BYTES} bytes`);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new FeedParseError("feed declares a DOCTYPE or ENTITY; refused");
  let document: XmlNode;
  try {
    document = parser.parse(xml, true) as XmlNode;
  } catch (error) {
    throw new FeedParseError(
      `not well-formed XML: ${error instanceof Error ? error.message.slice(0, 120) : "unknown"}`,
    );
  }
  const feed = document.feed as XmlNode | undefined;
  if (!feed || typeof feed !== "object") throw new FeedParseError("not an Atom feed (no <feed> element)");
  const feedChannel = text(feed["yt:channelId"]);
  const deletedVideoIds = asArray(feed["at:deleted-entry"])
    .map((tombstone) => String(tombstone["@_ref"] ?? "").replace(/^yt:video:/, ""))
    .filter(isVideoId);
  return {
    channelId: feedChannel ? (feedChannel.startsWith("UC") ? feedChannel : `UC${feedChannel}`) : null,
    title: text(feed.title),
    entries: asArray(feed.entry).map(parseEntry),
    deletedVideoIds,
  };
}
