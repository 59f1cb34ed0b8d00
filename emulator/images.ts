/**
 * Images for an offline demo. Replies point at Google's image hosts (i.ytimg.com for video thumbnails,
 * yt3.ggpht.com for channel avatars, lh3.googleusercontent.com for account pictures), which a machine
 * without internet cannot reach. With images hosted by the emulator, those URLs are rewritten to the
 * emulator's own `/thumbnails/…` routes, which draw a small SVG per video or avatar: colours and shapes from a hash
 * of the id, the title on video thumbnails, so cards look distinct and stay the same across runs.
 */
import { hashParts } from "./random.ts";

/** "google": URLs as Google sends them (the default); "emulator": this emulator serves the images. */
export const IMAGE_HOSTINGS = ["google", "emulator"] as const;
export type ImageHosting = (typeof IMAGE_HOSTINGS)[number];

/** Google's thumbnail file names and their pixel sizes (resources.ts uses the same set). */
export const THUMBNAIL_FILE_SIZES: Readonly<Record<string, readonly [number, number]>> = {
  default: [120, 90],
  mqdefault: [320, 180],
  hqdefault: [480, 360],
  sddefault: [640, 480],
  maxresdefault: [1280, 720],
};

const VIDEO_THUMBNAIL_URL = /^https:\/\/i\d?\.ytimg\.com\/vi\/([A-Za-z0-9_-]{11})\/([a-z]+?)(_live)?\.jpg$/;
const CHANNEL_AVATAR_URL = /^https:\/\/yt3\.ggpht\.com\/([A-Za-z0-9_-]+)=s(\d+)-/;
const ACCOUNT_PICTURE_URL = /^https:\/\/lh3\.googleusercontent\.com\/a\/([A-Za-z0-9_-]+)=s(\d+)-c$/;
const ANY_GOOGLE_IMAGE_URL = /https:\/\/(?:i\d?\.ytimg\.com|yt3\.ggpht\.com|lh3\.googleusercontent\.com)\/[^\s"'<>]+/g;

/** A Google image URL → the emulator's copy at `origin`; anything else is returned unchanged. */
export function toEmulatorImageUrl(url: string, origin: string): string {
  const video = VIDEO_THUMBNAIL_URL.exec(url);
  if (video && video[2] && video[2] in THUMBNAIL_FILE_SIZES)
    return `${origin}/thumbnails/vi/${video[1]}/${video[2]}${video[3] ?? ""}.svg`;
  const avatar = CHANNEL_AVATAR_URL.exec(url) ?? ACCOUNT_PICTURE_URL.exec(url);
  if (avatar) return `${origin}/thumbnails/avatar/${avatar[1]}/${avatar[2]}.svg`;
  return url;
}

/** Every Google image URL in a reply (JSON value) rewritten to the emulator's copy. */
export function localizeImageUrls<T>(value: T, origin: string): T {
  if (typeof value === "string")
    return value.replace(ANY_GOOGLE_IMAGE_URL, (url) => toEmulatorImageUrl(url, origin)) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => localizeImageUrls(item, origin)) as T;
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, localizeImageUrls(child, origin)])) as T;
}

/** The same rewrite over text (the Atom feed). */
export function localizeImageUrlsInText(text: string, origin: string): string {
  return text.replace(ANY_GOOGLE_IMAGE_URL, (url) => toEmulatorImageUrl(url, origin));
}

function huesOf(key: string): [number, number] {
  const hash = hashParts("emulator-image", key);
  const hue = hash.readUInt16BE(0) % 360;
  return [hue, (hue + 40 + ((hash[2] ?? 0) % 80)) % 360];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Title lines for a thumbnail: up to three lines of about 22 characters, cut with an ellipsis. */
function titleLines(title: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of title.split(/\s+/).filter(Boolean)) {
    if (line && `${line} ${word}`.length > 22) {
      lines.push(line);
      line = "";
      if (lines.length === 3) break;
    }
    line = line ? `${line} ${word}` : word.slice(0, 22);
  }
  if (line && lines.length < 3) lines.push(line);
  const shown = lines.join(" ").length;
  if (shown < title.trim().length && lines.length > 0) lines[lines.length - 1] = `${lines.at(-1)}…`;
  return lines;
}

/** A video thumbnail: a gradient in the video's colours, two shapes, the title, "LIVE" for live ones. */
export function renderThumbnailSvg(input: {
  videoId: string;
  file: string;
  title: string | null;
  isLive: boolean;
}): string | null {
  const size = THUMBNAIL_FILE_SIZES[input.file];
  if (!size) return null;
  const [width, height] = size;
  const [from, to] = huesOf(input.videoId);
  const hash = hashParts("emulator-image-shapes", input.videoId);
  const shapes = [
    hash[0]! % 480,
    hash[1]! % 270,
    40 + (hash[2]! % 80),
    hash[3]! % 480,
    hash[4]! % 270,
    30 + (hash[5]! % 90),
  ];
  // Drawn on a 480×270 canvas (16:9) and scaled: Google letterboxes 4:3 sizes, and so does this.
  const lines = titleLines(input.title ?? input.videoId).map(
    (line, index) =>
      `<text x="24" y="${196 + index * 24}" font-family="sans-serif" font-size="20" font-weight="600" fill="#fff">${escapeXml(line)}</text>`,
  );
  const live = input.isLive
    ? `<rect x="392" y="16" width="72" height="28" rx="4" fill="#cc0000"/><text x="428" y="36" text-anchor="middle" font-family="sans-serif" font-size="16" font-weight="700" fill="#fff">LIVE</text>`
    : "";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 480 270" preserveAspectRatio="xMidYMid meet">`,
    `<rect x="-480" y="-270" width="1440" height="810" fill="#000"/>`,
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${from} 65% 38%)"/><stop offset="1" stop-color="hsl(${to} 75% 58%)"/></linearGradient></defs>`,
    `<rect width="480" height="270" fill="url(#g)"/>`,
    // Two soft shapes placed by the hash; no play mark, as the app draws its own over thumbnails.
    `<circle cx="${shapes[0]}" cy="${shapes[1]}" r="${shapes[2]}" fill="rgba(255,255,255,0.16)"/>`,
    `<circle cx="${shapes[3]}" cy="${shapes[4]}" r="${shapes[5]}" fill="rgba(0,0,0,0.12)"/>`,
    ...lines,
    live,
    `</svg>`,
  ].join("");
}

/** A square avatar (channel or Google account) in the id's colours. */
export function renderAvatarSvg(input: { token: string; size: number }): string {
  const [from, to] = huesOf(input.token);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${input.size}" height="${input.size}" viewBox="0 0 96 96">`,
    `<rect width="96" height="96" fill="hsl(${from} 55% 45%)"/>`,
    `<circle cx="48" cy="38" r="18" fill="hsl(${to} 80% 85%)"/><path d="M16 96 C16 66 80 66 80 96 Z" fill="hsl(${to} 80% 85%)"/>`,
    `</svg>`,
  ].join("");
}
