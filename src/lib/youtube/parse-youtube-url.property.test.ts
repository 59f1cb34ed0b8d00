// Property tests (fast-check) of the pasted-link parsers: any text at all either parses to a well-formed id
// or fails with AppError("INVALID_INPUT"), no foreign host ever passes however it is disguised, and even
// the longest accepted input parses in bounded time.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isAppError } from "~/lib/errors";
import { parseChannelLookup, parseChannelRef, parseVideoRef } from "~/lib/youtube/parse-youtube-url";
import { CHANNEL_ID_PATTERN, MAX_REF_INPUT_LENGTH, VIDEO_ID_PATTERN } from "~/lib/youtube/youtube-ref.schema";

const VIDEO_ID = "dQw4w9WgXcQ";
const CHANNEL_ID = "UC_x5XG1OV2P6uZZ5FSM9Ttw";
const RUNS = { numRuns: 2_000 };

/** Runs `parse`; returns its result, or null when it threw the typed error. Anything else fails the test. */
function outcomeOf<T>(parse: () => T): T | null {
  try {
    return parse();
  } catch (error) {
    if (isAppError(error, "INVALID_INPUT")) return null;
    throw new Error(`untyped throw: ${String(error)}`, { cause: error });
  }
}

const youtubeHosts = [
  "youtube.com",
  "www.youtube.com",
  "m.youtube.com",
  "music.youtube.com",
  "youtu.be",
  "www.youtube-nocookie.com",
];

// Text in the shape of a link, built from the pieces parsers trip over: schemes, userinfo, ports,
// separators (including backslashes and encoded ones), YouTube path prefixes and ids.
const linkish = fc
  .tuple(
    fc.constantFrom(
      "",
      "https://",
      "http://",
      "//",
      "HTTPS://",
      "javascript:",
      "data:",
      "ftp://",
      " https://",
      "https:\\\\",
    ),
    fc.constantFrom("", "user@", "youtube.com@", "a:b@", "%40"),
    fc.oneof(fc.constantFrom(...youtubeHosts), fc.domain()),
    fc.constantFrom("", ":443", ":80", ":8080", ":0", "."),
    fc.constantFrom("/", "\\", "/%2F", "/./", "/../", "?", "#", "%2F"),
    fc.constantFrom(
      "watch?v=",
      "shorts/",
      "embed/",
      "live/",
      "channel/",
      "@",
      "c/",
      "user/",
      "embed/videoseries?list=",
      "",
    ),
    fc.oneof(fc.constantFrom(VIDEO_ID, CHANNEL_ID, "handle_name"), fc.string({ maxLength: 30 })),
    fc.constantFrom("", "&list=PL1", "#t=1", "/", "?si=x"),
  )
  .map((parts) => parts.join(""));

const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  linkish,
);

// Hosts that are not YouTube but try to look like it: suffix and prefix tricks, look-alike letters from
// other scripts, and separators that some parsers (not WHATWG URL) read as the end of the host.
const lookalikeLetters: Record<string, string[]> = {
  o: ["о", "ο", "ⲟ"],
  u: ["υ", "ս"],
  e: ["е", "ҽ"],
  y: ["у", "ү"],
  b: ["Ь"],
  t: ["τ"],
};
const foreignHost = fc.oneof(
  fc.tuple(fc.constantFrom(...youtubeHosts), fc.domain()).map(([host, evil]) => `${host}.${evil}`),
  fc.tuple(fc.domain(), fc.constantFrom(...youtubeHosts)).map(([evil, host]) => `${evil}${host}`),
  fc.tuple(fc.domain(), fc.constantFrom(...youtubeHosts)).map(([evil, host]) => `${host}-${evil}`),
  fc.tuple(fc.constantFrom(...youtubeHosts), fc.nat(), fc.nat()).map(([host, at, pick]) => {
    const chars = Array.from(host);
    const index = chars.findIndex((char, position) => position >= at % chars.length && lookalikeLetters[char]);
    const target = index === -1 ? chars.findIndex((char) => lookalikeLetters[char]) : index;
    const options = lookalikeLetters[chars[target]!]!;
    chars[target] = options[pick % options.length]!;
    return chars.join("");
  }),
  fc.constantFrom(
    "youtube.com.evil.com",
    "evilyoutube.com",
    "youtube.co",
    "youtube.com.",
    "youtu.be.evil.com",
    "xn--youtube-9za.com",
  ),
);
const disguise = fc.constantFrom(
  (host: string) => `https://${host}/watch?v=${VIDEO_ID}`,
  (host: string) => `${host}/watch?v=${VIDEO_ID}`,
  (host: string) => `//${host}/shorts/${VIDEO_ID}`,
  (host: string) => `https://youtube.com@${host}/watch?v=${VIDEO_ID}`,
  (host: string) => `https://www.youtube.com:pass@${host}/watch?v=${VIDEO_ID}`,
  (host: string) => `https://${host}\\@www.youtube.com/watch?v=${VIDEO_ID}`,
  (host: string) => `https://${host}#@www.youtube.com/watch?v=${VIDEO_ID}`,
  (host: string) => `https://${host}?@www.youtube.com/watch?v=${VIDEO_ID}`,
  (host: string) => `https://${host}/www.youtube.com/watch?v=${VIDEO_ID}`,
  (host: string) => `https://${host}/channel/${CHANNEL_ID}`,
  (host: string) => `https://${host}/@somehandle`,
);

describe("parseVideoRef / parseChannelRef / parseChannelLookup on any input", () => {
  it("return a well-formed id or throw INVALID_INPUT, nothing else", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const video = outcomeOf(() => parseVideoRef(text));
        if (video) expect(video.videoId).toMatch(VIDEO_ID_PATTERN);
        const channel = outcomeOf(() => parseChannelRef(text));
        if (channel?.kind === "id") expect(channel.channelId).toMatch(CHANNEL_ID_PATTERN);
        if (channel?.kind === "handle") expect(channel.handle.length).toBeGreaterThan(0);
        outcomeOf(() => parseChannelLookup(text));
      }),
      RUNS,
    );
  });

  it("never accept a link on a foreign host, however it is disguised", () => {
    fc.assert(
      fc.property(foreignHost, disguise, (host, build) => {
        const text = build(host);
        expect(outcomeOf(() => parseVideoRef(text))).toBeNull();
        expect(outcomeOf(() => parseChannelRef(text))).toBeNull();
      }),
      RUNS,
    );
  });

  it("accept the real hosts in every case and scheme spelling (the host check is not a string compare)", () => {
    fc.assert(
      fc.property(fc.constantFrom("https://", "http://", "", "//"), fc.boolean(), (scheme, upper) => {
        const host = upper ? "WWW.YouTube.COM" : "www.youtube.com";
        expect(outcomeOf(() => parseVideoRef(`${scheme}${host}/watch?v=${VIDEO_ID}`))).toEqual({ videoId: VIDEO_ID });
      }),
    );
  });

  it("answer in bounded time at and over the length limit", () => {
    const worst = [
      `https://www.youtube.com/watch?v=${VIDEO_ID}&${"a=%25".repeat((MAX_REF_INPUT_LENGTH - 50) / 5)}`,
      `@${"\u0301".repeat(MAX_REF_INPUT_LENGTH - 1)}`,
      `${"\u200B".repeat(MAX_REF_INPUT_LENGTH / 2)}x${"\u200B".repeat(MAX_REF_INPUT_LENGTH / 2 - 1)}`,
      `https://www.youtube.com/${"%".repeat(MAX_REF_INPUT_LENGTH - 30)}`,
      "y".repeat(5_000_000),
    ];
    for (const text of worst) {
      const startedAt = performance.now();
      outcomeOf(() => parseVideoRef(text));
      outcomeOf(() => parseChannelRef(text));
      // Generous: a super-linear blow-up on these inputs takes far longer; a loaded machine must not fail this.
      expect(performance.now() - startedAt).toBeLessThan(2_000);
    }
  });
});
