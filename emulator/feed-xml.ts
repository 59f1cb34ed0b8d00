/**
 * The channel Atom feed, element for element as in shared/youtube-samples/feed.videos.channel.xml:
 * feed-level ids without "UC", entry yt:channelId with it, /shorts/ links for Shorts, hqdefault
 * thumbnails on i1–i4.ytimg.com, "+00:00" timestamps. Also the two documents the WebSub hub pushes:
 * one entry without media:group (websub.notification.xml) and the undocumented tombstone YouTube
 * sends for a deleted or private video. Written by hand with one escaping helper; the documents are
 * small and their shape fixed, so an XML builder would add nothing.
 */
import { etagOf } from "./random.ts";
import type { ChannelRecord, VideoRecord } from "./records.ts";

/** What YouTube's channel feed holds: the 15 newest entries. */
export const FEED_ENTRY_LIMIT = 15;

/** XML 1.0 forbids most control characters even when escaped, so they are dropped. */
function isXmlChar(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 0x20) return code === 0x09 || code === 0x0a || code === 0x0d;
  return code !== 0xfffe && code !== 0xffff;
}

export function escapeXml(text: string): string {
  return Array.from(text)
    .filter(isXmlChar)
    .join("")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

/** Feeds write offsets, not "Z": 2025-08-22T08:01:08+00:00. */
export function toFeedTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "+00:00");
}

/**
 * Push documents carry nanosecond fractions (`…24.552394234+00:00` in Google's sample); the
 * emulator has milliseconds, so the last six digits are zeros.
 */
export function toPushTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, "000000+00:00");
}

/** Where pushes say they came from, and the topic URL YouTube documents for a channel. */
export const GOOGLE_HUB_URL = "https://pubsubhubbub.appspot.com";

export function youtubeTopicUrl(channelId: string): string {
  return `https://www.youtube.com/xml/feeds/videos.xml?channel_id=${channelId}`;
}

export function videoUrlOf(video: VideoRecord): string {
  return video.kind === "short"
    ? `https://www.youtube.com/shorts/${video.id}`
    : `https://www.youtube.com/watch?v=${video.id}`;
}

/** Real feeds spread thumbnails over i1–i4; pick one per video, deterministically. */
function thumbnailHost(videoId: string): string {
  let sum = 0;
  for (const char of videoId) sum += char.charCodeAt(0);
  return `i${(sum % 4) + 1}.ytimg.com`;
}

/** What a feed entry and a push entry share: ids, title, link, author, published and updated. */
function entryHeadLines(channel: ChannelRecord, video: VideoRecord, formatTime: (ms: number) => string): string[] {
  return [
    `  <id>yt:video:${video.id}</id>`,
    `  <yt:videoId>${video.id}</yt:videoId>`,
    `  <yt:channelId>${channel.id}</yt:channelId>`,
    `  <title>${escapeXml(video.title)}</title>`,
    `  <link rel="alternate" href="${videoUrlOf(video)}"/>`,
    "  <author>",
    `   <name>${escapeXml(channel.title)}</name>`,
    `   <uri>https://www.youtube.com/channel/${channel.id}</uri>`,
    "  </author>",
    `  <published>${toFeedTime(video.publishedAtMs)}</published>`,
    `  <updated>${formatTime(Math.max(video.updatedAtMs, video.publishedAtMs))}</updated>`,
  ];
}

function entryXml(channel: ChannelRecord, video: VideoRecord): string {
  const title = escapeXml(video.title);
  const ratings = video.isLikeCountHidden ? 0 : video.likeCount;
  return [
    " <entry>",
    ...entryHeadLines(channel, video, toFeedTime),
    "  <media:group>",
    `   <media:title>${title}</media:title>`,
    `   <media:content url="https://www.youtube.com/v/${video.id}?version=3" type="application/x-shockwave-flash" width="640" height="390"/>`,
    `   <media:thumbnail url="https://${thumbnailHost(video.id)}/vi/${video.id}/hqdefault.jpg" width="480" height="360"/>`,
    `   <media:description>${escapeXml(video.description)}</media:description>`,
    "   <media:community>",
    `    <media:starRating count="${ratings}" average="5.00" min="1" max="5"/>`,
    `    <media:statistics views="${video.viewCount}"/>`,
    "   </media:community>",
    "  </media:group>",
    " </entry>",
  ].join("\n");
}

/** Entries a feed shows: public, not deleted (premieres and live streams included), newest first. */
function feedEntriesOf(channel: ChannelRecord): VideoRecord[] {
  return channel.videos.filter((video) => video.privacy === "public" && !video.isDeleted).slice(0, FEED_ENTRY_LIMIT);
}

function renderChannelFeed(channel: ChannelRecord, entries: readonly VideoRecord[]): string {
  const bareId = channel.id.slice(2);
  const channelUrl = `https://www.youtube.com/channel/${channel.id}`;
  const channelTitle = escapeXml(channel.title);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns:media="http://search.yahoo.com/mrss/" xmlns="http://www.w3.org/2005/Atom">',
    ` <link rel="self" href="http://www.youtube.com/feeds/videos.xml?channel_id=${channel.id}"/>`,
    ` <id>yt:channel:${bareId}</id>`,
    ` <yt:channelId>${bareId}</yt:channelId>`,
    ` <title>${channelTitle}</title>`,
    ` <link rel="alternate" href="${channelUrl}"/>`,
    " <author>",
    `  <name>${channelTitle}</name>`,
    `  <uri>${channelUrl}</uri>`,
    " </author>",
    ` <published>${toFeedTime(channel.publishedAtMs)}</published>`,
    ...entries.map((video) => entryXml(channel, video)),
    "</feed>",
    "",
  ].join("\n");
}

export interface RenderedFeed {
  xml: string;
  /** Unquoted SHA-1 of `xml`. */
  etag: string;
  /** The newest of the channel's own change and its entries' publish and update times. */
  lastModifiedMs: number;
  /** The entries' video ids, newest first. */
  entryIds: string[];
}

/** The feed as served: XML (image URLs passed through `localize`), ETag and Last-Modified. */
export function renderFeedReply(channel: ChannelRecord, localize: (xml: string) => string): RenderedFeed {
  const entries = feedEntriesOf(channel);
  const xml = localize(renderChannelFeed(channel, entries));
  const lastModifiedMs = entries.reduce(
    (latest, video) => Math.max(latest, video.updatedAtMs, video.publishedAtMs),
    Math.max(channel.modifiedAtMs, channel.publishedAtMs),
  );
  return { xml, etag: etagOf(xml), lastModifiedMs, entryIds: entries.map((video) => video.id) };
}

/** The push for a new upload or a title/description change: one entry, no media:group. */
export function renderPushNotification(channel: ChannelRecord, video: VideoRecord, nowMs: number): string {
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    '<feed xmlns:yt="http://www.youtube.com/xml/schemas/2015" xmlns="http://www.w3.org/2005/Atom">',
    ` <link rel="hub" href="${GOOGLE_HUB_URL}"/>`,
    ` <link rel="self" href="${youtubeTopicUrl(channel.id)}"/>`,
    " <title>YouTube video feed</title>",
    ` <updated>${toPushTime(nowMs)}</updated>`,
    " <entry>",
    ...entryHeadLines(channel, video, toPushTime),
    " </entry>",
    "</feed>",
    "",
  ].join("\n");
}

/**
 * The push for a deleted video or one made private (RFC 6721 tombstone, one line as YouTube sends
 * it). The link is always watch?v=, Shorts included.
 */
export function renderPushTombstone(channel: ChannelRecord, videoId: string, whenMs: number): string {
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    '<feed xmlns:at="http://purl.org/atompub/tombstones/1.0" xmlns="http://www.w3.org/2005/Atom">',
    `<at:deleted-entry ref="yt:video:${videoId}" when="${toPushTime(whenMs)}">`,
    `<link href="https://www.youtube.com/watch?v=${videoId}"/>`,
    `<at:by><name>${escapeXml(channel.title)}</name><uri>https://www.youtube.com/channel/${channel.id}</uri></at:by>`,
    "</at:deleted-entry></feed>",
  ].join("");
}
