/**
 * The channel Atom feed, element for element as in shared/youtube-samples/feed.videos.channel.xml:
 * feed-level ids without "UC", entry yt:channelId with it, /shorts/ links for Shorts, hqdefault
 * thumbnails on i1–i4.ytimg.com, "+00:00" timestamps. Written by hand with one escaping helper; the
 * document is small and its shape fixed, so an XML builder would add nothing.
 */
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

/** Real feeds spread thumbnails over i1–i4; pick one per video, deterministically. */
function thumbnailHost(videoId: string): string {
  let sum = 0;
  for (const char of videoId) sum += char.charCodeAt(0);
  return `i${(sum % 4) + 1}.ytimg.com`;
}

function entryXml(channel: ChannelRecord, video: VideoRecord): string {
  const channelUrl = `https://www.youtube.com/channel/${channel.id}`;
  const link = video.kind === "short" ? `https://www.youtube.com/shorts/${video.id}` : `https://www.youtube.com/watch?v=${video.id}`;
  const title = escapeXml(video.title);
  const ratings = video.isLikeCountHidden ? 0 : video.likeCount;
  return [
    " <entry>",
    `  <id>yt:video:${video.id}</id>`,
    `  <yt:videoId>${video.id}</yt:videoId>`,
    `  <yt:channelId>${channel.id}</yt:channelId>`,
    `  <title>${title}</title>`,
    `  <link rel="alternate" href="${link}"/>`,
    "  <author>",
    `   <name>${escapeXml(channel.title)}</name>`,
    `   <uri>${channelUrl}</uri>`,
    "  </author>",
    `  <published>${toFeedTime(video.publishedAtMs)}</published>`,
    `  <updated>${toFeedTime(Math.max(video.updatedAtMs, video.publishedAtMs))}</updated>`,
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
export function feedEntriesOf(channel: ChannelRecord): VideoRecord[] {
  return channel.videos.filter((video) => video.privacy === "public" && !video.isDeleted).slice(0, FEED_ENTRY_LIMIT);
}

export function renderChannelFeed(channel: ChannelRecord, entries: readonly VideoRecord[]): string {
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
