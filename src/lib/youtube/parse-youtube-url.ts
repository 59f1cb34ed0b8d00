/**
 * Turns what a user pastes — a link, a bare id, an @handle — into a YouTube video or channel reference.
 *
 * Pure: no network and no I/O. It checks shape only; whether the video or channel exists is for the Data API
 * to say. Links are parsed with the WHATWG `URL` parser (what browsers use), and the resulting `hostname` must
 * be exactly one of the allow-listed YouTube hosts, so look-alikes such as `youtube.com.evil.com`,
 * `youtube.com@evil.com` or `evil.com/youtube.com/…` never pass. Every failure is
 * `AppError("INVALID_INPUT")` with a message safe to show the user; messages quote at most
 * `MAX_ECHO_CHARS` characters of the input.
 *
 * Callers: the import use cases behind `imports.importVideos` / `imports.importChannel`, on text already
 * bounded by `videoRefInputSchema` / `channelRefInputSchema`. Not the place for network lookups (resolving a
 * handle costs a `channels.list` call); that belongs to the use case.
 */
import { AppError } from "~/lib/errors";
import { CHANNEL_ID_PATTERN, MAX_REF_INPUT_LENGTH, VIDEO_ID_PATTERN } from "~/lib/youtube/youtube-ref.schema";

export type VideoRef = { videoId: string };

/**
 * `legacy` references (`/c/Name`, `/user/Name`) predate handles. `user` names can still be resolved with
 * `channels.list?forUsername=`; `custom` names cannot be resolved through the API except by search, so
 * callers should explain that and ask for the channel's @handle or link instead.
 */
export type ChannelRef =
  | { kind: "id"; channelId: string }
  | { kind: "handle"; handle: string }
  | { kind: "legacy"; value: string; form: "custom" | "user" };

// Hosts that serve watch pages and channel pages.
const MAIN_HOSTS: ReadonlySet<string> = new Set([
  "youtube.com",
  "www.youtube.com",
  "m.youtube.com",
  "music.youtube.com",
]);
const SHORT_LINK_HOST = "youtu.be";
const NOCOOKIE_HOSTS: ReadonlySet<string> = new Set(["youtube-nocookie.com", "www.youtube-nocookie.com"]);
const ALLOWED_PORTS: ReadonlySet<string> = new Set(["", "80", "443"]);

// `/<prefix>/<id>` paths on the main hosts.
const VIDEO_ID_PATH_PREFIXES: ReadonlySet<string> = new Set(["watch", "shorts", "live", "embed", "v", "e"]);
// `/embed/videoseries?list=…` embeds a playlist; "videoseries" happens to be a well-formed video id.
const PLAYLIST_EMBED_SEGMENT = "videoseries";

// How much of the user's input an error message may quote.
const MAX_ECHO_CHARS = 100;

// YouTube handle rules: 3–30 characters of letters or digits from any supported script, plus `_`, `-`, `.`
// and the Latin middle dot. YouTube documents per-script exceptions to the length (some scripts allow shorter
// handles), so non-ASCII handles only need one character. Combining marks don't count as characters.
const HANDLE_CHARS_PATTERN = /^[\p{L}\p{M}\p{Nd}_.\u00B7-]+$/u;
const MIN_ASCII_HANDLE_CHARS = 3;
const MIN_NON_ASCII_HANDLE_CHARS = 1;
const MAX_HANDLE_CHARS = 30;

// Legacy `/c/` and `/user/` names: letters and digits in any script, plus `_`, `-`, `.`.
const LEGACY_NAME_PATTERN = /^[\p{L}\p{M}\p{Nd}_.-]+$/u;
const MAX_LEGACY_NAME_CHARS = 100;

const SCHEME_PATTERN = /^[A-Za-z][A-Za-z0-9+.-]*:/;
// What follows `host:` when the text is `youtube.com:443/watch?…` rather than a scheme such as `javascript:`.
const PORT_AFTER_HOST_PATTERN = /^\d+(?:[/?#\\]|$)/;
const EDGE_JUNK_CHAR_PATTERN = /^[\s\p{Cf}]$/u;
const PRINTABLE_ASCII_PATTERN = /^[ -~]*$/;
const BASE64URL_PATTERN = /^[A-Za-z0-9_-]*$/;

const PLAYLIST_MESSAGE = "Playlist links aren't supported yet — paste a video or channel link.";
const NOT_A_VIDEO_MESSAGE = "That YouTube link doesn't point to a video.";
const NOT_A_CHANNEL_MESSAGE = "That YouTube link doesn't point to a channel.";
const CHANNEL_NOT_VIDEO_MESSAGE = "That's a channel, not a video — import it as a channel instead.";
const VIDEO_NOT_CHANNEL_MESSAGE =
  "That's a video link — paste a channel link, an @handle or a channel id (UC…) instead.";

// Plain booleans, not `value is string` guards: on a `string` argument a guard would narrow the false branch
// to `never`. To narrow `unknown`, parse with `videoIdSchema` / `channelIdSchema`.
export function isVideoId(value: unknown): boolean {
  return typeof value === "string" && VIDEO_ID_PATTERN.test(value);
}

export function isChannelId(value: unknown): boolean {
  return typeof value === "string" && CHANNEL_ID_PATTERN.test(value);
}

/**
 * A channel's uploads playlist id is its channel id with `UC` swapped for `UU`. That is a long-standing
 * convention, not a documented contract: when a `channels.list` reply is at hand, prefer its
 * `contentDetails.relatedPlaylists.uploads`.
 */
export function uploadsPlaylistIdOf(channelId: string): string {
  if (!isChannelId(channelId)) throw invalid(badChannelIdMessage(channelId));
  return `UU${channelId.slice(2)}`;
}

export function canonicalVideoUrl(videoId: string): string {
  if (!isVideoId(videoId)) throw invalid(badVideoIdMessage(videoId));
  return `https://www.youtube.com/watch?v=${videoId}`;
}

export function canonicalShortUrl(videoId: string): string {
  if (!isVideoId(videoId)) throw invalid(badVideoIdMessage(videoId));
  return `https://youtu.be/${videoId}`;
}

/** A bare 11-character video id, or any YouTube link to one video (watch, youtu.be, shorts, live, embed…). */
export function parseVideoRef(input: string): VideoRef {
  const text = prepare(input, "Paste a YouTube video link or id.");
  if (isVideoId(text)) return { videoId: text };

  if (text.startsWith("@") || isChannelId(text)) throw invalid(CHANNEL_NOT_VIDEO_MESSAGE);
  if (!/[./:\\]/.test(text)) throw invalid(badVideoIdMessage(text));

  const url = parseYouTubeLink(text);
  const segments = pathSegments(url);
  const candidate = videoIdCandidate(url, segments);
  if (candidate === null) {
    if (isPlaylistLink(url, segments)) throw invalid(PLAYLIST_MESSAGE);
    if (isChannelPath(url, segments)) throw invalid(CHANNEL_NOT_VIDEO_MESSAGE);
    throw invalid(NOT_A_VIDEO_MESSAGE);
  }
  if (!isVideoId(candidate)) throw invalid(badVideoIdMessage(candidate));
  return { videoId: candidate };
}

/** A bare `UC…` channel id, an `@handle`, or a YouTube channel link (`/channel/UC…`, `/@handle`, `/c/…`, `/user/…`). */
export function parseChannelRef(input: string): ChannelRef {
  const text = prepare(input, "Paste a YouTube channel link, an @handle or a channel id (UC…).");
  if (isChannelId(text)) return { kind: "id", channelId: text };
  if (text.startsWith("@")) return { kind: "handle", handle: normalizeHandle(decodeSegment(text.slice(1))) };

  // A handle typed without its @ may contain dots ("jane.doe"); only treat dotted text as a link when it
  // mentions YouTube, so the message can say "start it with @" rather than "that isn't a YouTube address".
  const isLinkLike = /[/:\\]/.test(text) || (text.includes(".") && /youtu/i.test(text));
  if (!isLinkLike) throw invalid(bareChannelTextMessage(text));

  const url = parseYouTubeLink(text);
  const segments = pathSegments(url);
  const [first, second] = segments;
  if (MAIN_HOSTS.has(url.hostname) && first !== undefined) {
    if (first.startsWith("@")) return { kind: "handle", handle: normalizeHandle(first.slice(1)) };
    if (first === "channel" && second !== undefined) {
      if (!isChannelId(second)) throw invalid(badChannelIdMessage(second));
      return { kind: "id", channelId: second };
    }
    if ((first === "c" || first === "user") && second !== undefined) {
      return { kind: "legacy", value: normalizeLegacyName(second), form: first === "c" ? "custom" : "user" };
    }
  }
  if (videoIdCandidate(url, segments) !== null) throw invalid(VIDEO_NOT_CHANNEL_MESSAGE);
  if (isPlaylistLink(url, segments)) throw invalid(PLAYLIST_MESSAGE);
  throw invalid(NOT_A_CHANNEL_MESSAGE);
}

/** A channel reference the Data API can look up (by id or by handle); legacy /c/ and /user/ links cannot be. */
export type ChannelLookup = { channelId: string } | { handle: string };

export function parseChannelLookup(input: string): ChannelLookup {
  const ref = parseChannelRef(input);
  if (ref.kind === "legacy") {
    throw invalid(
      `YouTube can't look up "${ref.form === "custom" ? "/c/" : "/user/"}${ref.value}" links any more. Paste the channel's @handle or its /channel/UC… link instead.`,
    );
  }
  return ref.kind === "id" ? { channelId: ref.channelId } : { handle: ref.handle };
}

function invalid(message: string): AppError {
  return new AppError("INVALID_INPUT", message);
}

function prepare(input: string, emptyMessage: string): string {
  if (input.length > MAX_REF_INPUT_LENGTH) {
    throw invalid(
      `That's too long to be a YouTube link (${input.length.toLocaleString("en-US")} characters; the limit is ${MAX_REF_INPUT_LENGTH.toLocaleString("en-US")}).`,
    );
  }
  // Besides whitespace, drop invisible format characters (zero-width spaces, direction marks) that copying
  // from chat apps and right-to-left text tends to leave at the ends.
  const text = trimEdges(input);
  if (text === "") throw invalid(emptyMessage);
  return text;
}

function trimEdges(value: string): string {
  const chars = Array.from(value);
  let start = 0;
  let end = chars.length;
  while (start < end && EDGE_JUNK_CHAR_PATTERN.test(chars[start] ?? "")) start += 1;
  while (end > start && EDGE_JUNK_CHAR_PATTERN.test(chars[end - 1] ?? "")) end -= 1;
  return chars.slice(start, end).join("");
}

/**
 * Parses `text` as an http(s) URL — adding `https://` when the scheme is missing — and checks that it is on
 * an allow-listed YouTube host, with no credentials and a default port.
 */
function parseYouTubeLink(text: string): URL {
  let candidate = text;
  const scheme = SCHEME_PATTERN.exec(text)?.[0].toLowerCase();
  if (text.startsWith("//")) {
    candidate = `https:${text}`;
  } else if (scheme === undefined) {
    candidate = `https://${text}`;
  } else if (scheme !== "http:" && scheme !== "https:") {
    // `youtube.com:443/watch?…` has no scheme; `javascript:…`, `data:…`, `ftp://…` have the wrong one.
    if (!PORT_AFTER_HOST_PATTERN.test(text.slice(scheme.length))) throw invalid(notYouTubeMessage(scheme));
    candidate = `https://${text}`;
  }

  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw invalid(`${quote(text)} isn't a link we can read.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalid(notYouTubeMessage(url.protocol));
  if (!MAIN_HOSTS.has(url.hostname) && url.hostname !== SHORT_LINK_HOST && !NOCOOKIE_HOSTS.has(url.hostname)) {
    throw invalid(notYouTubeMessage(url.hostname === "" ? text : url.hostname));
  }
  if (url.username !== "" || url.password !== "") {
    throw invalid("That link has a username or password in it, which real YouTube links never do.");
  }
  if (!ALLOWED_PORTS.has(url.port)) throw invalid(`That link uses port ${url.port}, which YouTube doesn't.`);
  return url;
}

function pathSegments(url: URL): string[] {
  return url.pathname
    .split("/")
    .filter((segment) => segment !== "")
    .map(decodeSegment);
}

// A malformed escape is left as typed; the id or handle check that follows then rejects it.
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The text in the id position of a video link, or null when the link is not a video link at all. */
function videoIdCandidate(url: URL, segments: readonly string[]): string | null {
  const [first, second] = segments;
  if (url.hostname === SHORT_LINK_HOST) return segments.length === 1 && first !== undefined ? first : null;
  if (NOCOOKIE_HOSTS.has(url.hostname)) {
    return segments.length === 2 && first === "embed" && second !== PLAYLIST_EMBED_SEGMENT ? (second ?? null) : null;
  }
  if (first === "watch" && segments.length === 1) return url.searchParams.get("v") || null;
  if (first !== undefined && VIDEO_ID_PATH_PREFIXES.has(first) && segments.length === 2) {
    return first === "embed" && second === PLAYLIST_EMBED_SEGMENT ? null : (second ?? null);
  }
  return null;
}

function isPlaylistLink(url: URL, segments: readonly string[]): boolean {
  return segments[0] === "playlist" || segments[1] === PLAYLIST_EMBED_SEGMENT || url.searchParams.has("list");
}

function isChannelPath(url: URL, segments: readonly string[]): boolean {
  const [first, second] = segments;
  if (!MAIN_HOSTS.has(url.hostname) || first === undefined) return false;
  return first.startsWith("@") || ((first === "channel" || first === "c" || first === "user") && second !== undefined);
}

/** `decoded` is already percent-decoded exactly once; decoding again would let `%2541` become `A`. */
function normalizeHandle(decoded: string): string {
  const handle = decoded.normalize("NFC");
  const length = Array.from(handle.replace(/\p{M}/gu, "")).length;
  const minLength = PRINTABLE_ASCII_PATTERN.test(handle) ? MIN_ASCII_HANDLE_CHARS : MIN_NON_ASCII_HANDLE_CHARS;
  if (!HANDLE_CHARS_PATTERN.test(handle) || length < minLength || length > MAX_HANDLE_CHARS) {
    throw invalid(
      `${quote(`@${handle}`)} is not a YouTube handle — handles are ${MIN_ASCII_HANDLE_CHARS}–${MAX_HANDLE_CHARS} letters, digits, “_”, “-” or “.”.`,
    );
  }
  return handle.toLowerCase().normalize("NFC");
}

function normalizeLegacyName(decoded: string): string {
  const name = decoded.normalize("NFC");
  if (!LEGACY_NAME_PATTERN.test(name) || Array.from(name).length > MAX_LEGACY_NAME_CHARS) {
    throw invalid(`${quote(name)} is not a YouTube channel name.`);
  }
  return name;
}

function notYouTubeMessage(what: string): string {
  return `That link isn't a YouTube address (${excerpt(what)}).`;
}

function badVideoIdMessage(value: string): string {
  const subject = `${quote(value)} is not a YouTube video id`;
  if (Array.from(value).length !== 11) return `${subject} — ids are 11 characters.`;
  if (!BASE64URL_PATTERN.test(value)) return `${subject} — ids use only letters, digits, “-” and “_”.`;
  return `${subject} — check that it was copied in full.`;
}

function badChannelIdMessage(value: string): string {
  return `${quote(value)} is not a YouTube channel id — ids start with UC and are 24 characters.`;
}

function bareChannelTextMessage(text: string): string {
  if (/^UC/i.test(text) && BASE64URL_PATTERN.test(text)) return badChannelIdMessage(text);
  const hint = HANDLE_CHARS_PATTERN.test(text) ? " — if it's a handle, start it with @" : "";
  return `${quote(text)} isn't a channel link, an @handle or a channel id (UC…)${hint}.`;
}

function quote(value: string): string {
  return `“${excerpt(value)}”`;
}

// Control, format (including bidi overrides), private-use and unpaired surrogate code points are replaced so
// an echoed value can't reorder or hide the rest of the message.
function excerpt(value: string): string {
  const chars = Array.from(value.replace(/\p{C}/gu, "\uFFFD"));
  return chars.length > MAX_ECHO_CHARS ? `${chars.slice(0, MAX_ECHO_CHARS).join("")}…` : chars.join("");
}
