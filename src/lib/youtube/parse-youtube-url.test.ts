import { describe, expect, it } from "vitest";
import { createRng } from "../../../emulator/random";
import { AppError, isAppError } from "~/lib/errors";
import {
  canonicalShortUrl,
  canonicalVideoUrl,
  type ChannelRef,
  isChannelId,
  isVideoId,
  parseChannelRef,
  parseVideoRef,
  uploadsPlaylistIdOf,
} from "~/lib/youtube/parse-youtube-url";
import {
  channelIdSchema,
  channelRefInputSchema,
  MAX_REF_INPUT_LENGTH,
  videoIdSchema,
  videoRefInputSchema,
} from "~/lib/youtube/youtube-ref.schema";

const VIDEO_ID = "dQw4w9WgXcQ";
const OTHER_VIDEO_ID = "a-b_c-d_e-A";
const CHANNEL_ID = "UC_x5XG1OV2P6uZZ5FSM9Ttw";
const OTHER_CHANNEL_ID = "UCBR8-60-B28hp2BmDPdntcQ";
const PLAYLIST_ID = "PLOU2XLYxmsIIM9h1Ybw2DuRw6o2fkNMeR";

function errorFrom(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw new Error(`expected an AppError, got ${String(error)}`, { cause: error });
  }
  throw new Error("expected the call to throw");
}

function expectInvalid(run: () => unknown, message: RegExp | string): void {
  const error = errorFrom(run);
  expect(error.code).toBe("INVALID_INPUT");
  expect(error.message).toMatch(message);
}

describe("isVideoId / isChannelId", () => {
  it.each([VIDEO_ID, OTHER_VIDEO_ID, "jNQXAC9IVRw", "__________w", "0000000000A"])("%s is a video id", (id) => {
    expect(isVideoId(id)).toBe(true);
  });

  it.each([
    "",
    "dQw4w9WgXc",
    "dQw4w9WgXcQQ",
    "dQw4w9WgXcR",
    "dQw4w9WgXc=",
    "dQw4w9WgX Q",
    ` ${VIDEO_ID}`,
    "dQw4w9WgXcQ\n",
  ])("%j is not a video id", (value) => {
    expect(isVideoId(value)).toBe(false);
  });

  it("rejects non-strings", () => {
    expect(isVideoId(undefined)).toBe(false);
    expect(isVideoId(12_345_678_901)).toBe(false);
    expect(isChannelId(null)).toBe(false);
  });

  it.each([CHANNEL_ID, OTHER_CHANNEL_ID, "UC-lHJZR3Gqxm24_Vd_AJ5Yw", "UC000000000000000000000A"])(
    "%s is a channel id",
    (id) => {
      expect(isChannelId(id)).toBe(true);
    },
  );

  it.each([
    "",
    "UC",
    "UU_x5XG1OV2P6uZZ5FSM9Ttw",
    "uc_x5XG1OV2P6uZZ5FSM9Ttw",
    "UC_x5XG1OV2P6uZZ5FSM9Ttx",
    "UC_x5XG1OV2P6uZZ5FSM9Tt",
    "UC_x5XG1OV2P6uZZ5FSM9Ttww",
  ])("%j is not a channel id", (value) => {
    expect(isChannelId(value)).toBe(false);
  });
});

describe("parseVideoRef accepts", () => {
  const cases: ReadonlyArray<readonly [input: string, videoId: string]> = [
    [VIDEO_ID, VIDEO_ID],
    [OTHER_VIDEO_ID, OTHER_VIDEO_ID],
    [`  ${VIDEO_ID}\n`, VIDEO_ID],
    [`\t${VIDEO_ID}`, VIDEO_ID],
    [`https://www.youtube.com/watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`https://www.youtube.com/watch?v=${OTHER_VIDEO_ID}`, OTHER_VIDEO_ID],
    [`https://www.youtube.com/watch?v=${VIDEO_ID}&t=1m2s`, VIDEO_ID],
    [`https://www.youtube.com/watch?t=62&v=${VIDEO_ID}`, VIDEO_ID],
    [`https://www.youtube.com/watch?feature=share&v=${VIDEO_ID}&ab_channel=Rick`, VIDEO_ID],
    [`https://www.youtube.com/watch?v=${VIDEO_ID}&list=${PLAYLIST_ID}&index=3`, VIDEO_ID],
    [`https://www.youtube.com/watch?list=${PLAYLIST_ID}&v=${VIDEO_ID}`, VIDEO_ID],
    [`https://www.youtube.com/watch?v=${VIDEO_ID}&feature=youtu.be`, VIDEO_ID],
    [`https://www.youtube.com/watch?v=${VIDEO_ID}#t=30`, VIDEO_ID],
    [`https://www.youtube.com/watch/?v=${VIDEO_ID}`, VIDEO_ID],
    [`https://www.youtube.com/watch/${VIDEO_ID}`, VIDEO_ID],
    [`youtube.com/watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`www.youtube.com/watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`//www.youtube.com/watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`http://youtube.com/watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`http://www.youtube.com/watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`https://m.youtube.com/watch?v=${VIDEO_ID}&feature=youtu.be`, VIDEO_ID],
    [`m.youtube.com/watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`https://music.youtube.com/watch?v=${VIDEO_ID}&si=AbCdEf`, VIDEO_ID],
    [`https://music.youtube.com/watch?v=${VIDEO_ID}&list=RDAMVM${VIDEO_ID}`, VIDEO_ID],
    [`HTTPS://WWW.YOUTUBE.COM/watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`https://YouTube.Com/watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`Https://Youtu.Be/${VIDEO_ID}`, VIDEO_ID],
    [`https://youtu.be/${VIDEO_ID}`, VIDEO_ID],
    [`http://youtu.be/${VIDEO_ID}`, VIDEO_ID],
    [`youtu.be/${VIDEO_ID}`, VIDEO_ID],
    [`https://youtu.be/${VIDEO_ID}?si=Xy_Z-12abc&t=42`, VIDEO_ID],
    [`https://youtu.be/${VIDEO_ID}?t=42&si=Xy_Z-12abc`, VIDEO_ID],
    [`https://youtu.be/${VIDEO_ID}/`, VIDEO_ID],
    [`https://youtu.be/${VIDEO_ID}?list=${PLAYLIST_ID}`, VIDEO_ID],
    [`https://www.youtube.com/shorts/${VIDEO_ID}`, VIDEO_ID],
    [`https://youtube.com/shorts/${VIDEO_ID}?feature=share`, VIDEO_ID],
    [`https://m.youtube.com/shorts/${VIDEO_ID}/`, VIDEO_ID],
    [`https://www.youtube.com/live/${VIDEO_ID}`, VIDEO_ID],
    [`https://www.youtube.com/live/${VIDEO_ID}?si=abc&t=1h2m3s`, VIDEO_ID],
    [`https://www.youtube.com/embed/${VIDEO_ID}`, VIDEO_ID],
    [`https://www.youtube.com/embed/${VIDEO_ID}?start=10&autoplay=1`, VIDEO_ID],
    [`https://www.youtube.com/v/${VIDEO_ID}`, VIDEO_ID],
    [`https://www.youtube.com/v/${VIDEO_ID}?version=3`, VIDEO_ID],
    [`https://www.youtube.com/e/${VIDEO_ID}`, VIDEO_ID],
    [`https://www.youtube-nocookie.com/embed/${VIDEO_ID}`, VIDEO_ID],
    [`https://youtube-nocookie.com/embed/${VIDEO_ID}?rel=0`, VIDEO_ID],
    [`https://www.youtube.com:443/watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`http://www.youtube.com:80/watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`http://www.youtube.com:443/watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`youtube.com:443/watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`  https://www.youtube.com/watch?v=${VIDEO_ID}  \n`, VIDEO_ID],
    [`https://www.youtube.com//watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`\u200B${VIDEO_ID}\u200B`, VIDEO_ID],
    [`\u200Fhttps://youtu.be/${VIDEO_ID}\u200E\uFEFF`, VIDEO_ID],
    [`https:youtube.com/watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`https:/youtube.com/watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`https:\\\\www.youtube.com\\watch?v=${VIDEO_ID}`, VIDEO_ID],
    [`https://www.youtube.com/watch?v=${VIDEO_ID}&v=${OTHER_VIDEO_ID}`, VIDEO_ID],
  ];

  it.each(cases)("%s", (input, videoId) => {
    expect(parseVideoRef(input)).toEqual({ videoId });
  });
});

describe("parseVideoRef rejects", () => {
  const notYouTube = (host: string) => `That link isn't a YouTube address (${host}).`;
  const cases: ReadonlyArray<readonly [input: string, message: RegExp | string]> = [
    ["", "Paste a YouTube video link or id."],
    ["   \n\t", "Paste a YouTube video link or id."],
    ["abc", "“abc” is not a YouTube video id — ids are 11 characters."],
    [`${VIDEO_ID}Q`, /is not a YouTube video id — ids are 11 characters\.$/],
    ["dQw4w9WgXc", /ids are 11 characters/],
    ["dQw4w9WgXcR", "“dQw4w9WgXcR” is not a YouTube video id — check that it was copied in full."],
    ["dQw4w9WgX!Q", /ids use only letters, digits/],
    ["hello world", "“hello world” is not a YouTube video id — ids use only letters, digits, “-” and “_”."],
    ["a random phrase", "“a random phrase” is not a YouTube video id — ids are 11 characters."],
    ["not a video", /ids use only letters/],
    // Look-alike and foreign hosts.
    [`https://youtube.com.evil.com/watch?v=${VIDEO_ID}`, notYouTube("youtube.com.evil.com")],
    [`youtube.com.evil.com/watch?v=${VIDEO_ID}`, notYouTube("youtube.com.evil.com")],
    [`https://www.youtube.com.evil.com/watch?v=${VIDEO_ID}`, notYouTube("www.youtube.com.evil.com")],
    [`https://evil.com/youtube.com/watch?v=${VIDEO_ID}`, notYouTube("evil.com")],
    [`evil.com/youtube.com/watch?v=${VIDEO_ID}`, notYouTube("evil.com")],
    [`https://evil.com/?u=https://www.youtube.com/watch?v=${VIDEO_ID}`, notYouTube("evil.com")],
    [`https://evil.com#https://youtu.be/${VIDEO_ID}`, notYouTube("evil.com")],
    [`https://youtube.com@evil.com/watch?v=${VIDEO_ID}`, notYouTube("evil.com")],
    [`https://www.youtube.com:443@evil.com/watch?v=${VIDEO_ID}`, notYouTube("evil.com")],
    [`https://evil.com\\@www.youtube.com/watch?v=${VIDEO_ID}`, notYouTube("evil.com")],
    [`https://notyoutube.com/watch?v=${VIDEO_ID}`, notYouTube("notyoutube.com")],
    [`https://youtube.co/watch?v=${VIDEO_ID}`, notYouTube("youtube.co")],
    [`https://youtube.com./watch?v=${VIDEO_ID}`, notYouTube("youtube.com.")],
    [`https://youtu.be.evil.com/${VIDEO_ID}`, notYouTube("youtu.be.evil.com")],
    [`https://evilyoutu.be/${VIDEO_ID}`, notYouTube("evilyoutu.be")],
    [`https://gaming.youtube.com/watch?v=${VIDEO_ID}`, notYouTube("gaming.youtube.com")],
    [`https://www.youtube-nocookie.com.evil.com/embed/${VIDEO_ID}`, notYouTube("www.youtube-nocookie.com.evil.com")],
    [`https://127.0.0.1/watch?v=${VIDEO_ID}`, notYouTube("127.0.0.1")],
    // Other schemes.
    ["javascript:alert(1)", notYouTube("javascript:")],
    [`JavaScript://www.youtube.com/watch?v=${VIDEO_ID}%0aalert(1)`, notYouTube("javascript:")],
    ["data:text/html,<script>alert(1)</script>", notYouTube("data:")],
    [`ftp://www.youtube.com/watch?v=${VIDEO_ID}`, notYouTube("ftp:")],
    ["file:///etc/passwd", notYouTube("file:")],
    [`mailto:someone@youtube.com?v=${VIDEO_ID}`, notYouTube("mailto:")],
    // Credentials and ports.
    [`https://user:pass@www.youtube.com/watch?v=${VIDEO_ID}`, /username or password/],
    [`https://user@www.youtube.com/watch?v=${VIDEO_ID}`, /username or password/],
    [`https://:pass@youtu.be/${VIDEO_ID}`, /username or password/],
    [`https://www.youtube.com:8080/watch?v=${VIDEO_ID}`, "That link uses port 8080, which YouTube doesn't."],
    [`youtube.com:8443/watch?v=${VIDEO_ID}`, /port 8443/],
    [`localhost:3000/watch?v=${VIDEO_ID}`, notYouTube("localhost")],
    ["https://exa mple.com/watch", "“https://exa mple.com/watch” isn't a link we can read."],
    ["https://[::1/watch", /isn't a link we can read/],
    // YouTube links that aren't one video.
    ["https://www.youtube.com/", "That YouTube link doesn't point to a video."],
    ["youtube.com", "That YouTube link doesn't point to a video."],
    ["https://www.youtube.com/watch", "That YouTube link doesn't point to a video."],
    ["https://www.youtube.com/watch?v=", "That YouTube link doesn't point to a video."],
    ["https://www.youtube.com/results?search_query=rick", "That YouTube link doesn't point to a video."],
    ["https://www.youtube.com/shorts/", "That YouTube link doesn't point to a video."],
    [`https://www.youtube.com/shorts/${VIDEO_ID}/extra`, "That YouTube link doesn't point to a video."],
    ["https://youtu.be/", "That YouTube link doesn't point to a video."],
    [`https://youtu.be/${VIDEO_ID}/extra`, "That YouTube link doesn't point to a video."],
    [`https://www.youtube-nocookie.com/watch?v=${VIDEO_ID}`, "That YouTube link doesn't point to a video."],
    [`https://www.youtube.com/#/watch?v=${VIDEO_ID}`, "That YouTube link doesn't point to a video."],
    ["https://www.youtube.com/watch?v=abc", "“abc” is not a YouTube video id — ids are 11 characters."],
    ["https://youtu.be/abc", "“abc” is not a YouTube video id — ids are 11 characters."],
    ["https://www.youtube.com/shorts/dQw4w9WgXcR", /“dQw4w9WgXcR” is not a YouTube video id/],
    [`https://www.youtube.com/watch?v=${VIDEO_ID}%20`, /is not a YouTube video id/],
    // Playlists and channels.
    [
      `https://www.youtube.com/playlist?list=${PLAYLIST_ID}`,
      "Playlist links aren't supported yet — paste a video or channel link.",
    ],
    [`https://www.youtube.com/watch?list=${PLAYLIST_ID}`, /^Playlist links aren't supported yet/],
    [`https://www.youtube.com/embed/videoseries?list=${PLAYLIST_ID}`, /^Playlist links aren't supported yet/],
    [`https://www.youtube-nocookie.com/embed/videoseries?list=${PLAYLIST_ID}`, /^Playlist links aren't supported yet/],
    [`https://music.youtube.com/playlist?list=${PLAYLIST_ID}`, /^Playlist links aren't supported yet/],
    ["https://www.youtube.com/@GoogleDevelopers", "That's a channel, not a video — import it as a channel instead."],
    ["https://www.youtube.com/@GoogleDevelopers/live", /^That's a channel, not a video/],
    [`https://www.youtube.com/channel/${CHANNEL_ID}`, /^That's a channel, not a video/],
    ["https://www.youtube.com/c/GoogleDevelopers", /^That's a channel, not a video/],
    ["https://www.youtube.com/user/GoogleDevelopers", /^That's a channel, not a video/],
    ["@GoogleDevelopers", /^That's a channel, not a video/],
    ["@jane.doe", /^That's a channel, not a video/],
    [CHANNEL_ID, /^That's a channel, not a video/],
    // Size limits.
    [
      `https://www.youtube.com/watch?v=${VIDEO_ID}&x=${"a".repeat(MAX_REF_INPUT_LENGTH)}`,
      /too long .*the limit is 2,000\)\.$/,
    ],
    [" ".repeat(MAX_REF_INPUT_LENGTH + 1), /too long/],
  ];

  it.each(cases)("%s", (input, message) => {
    expectInvalid(() => parseVideoRef(input), message);
  });

  it("quotes at most 100 characters of the input", () => {
    const error = errorFrom(() => parseVideoRef("x".repeat(500)));
    expect(error.message).toBe(`“${"x".repeat(100)}…” is not a YouTube video id — ids are 11 characters.`);
  });

  it("truncates by code point, never splitting a surrogate pair", () => {
    const error = errorFrom(() => parseVideoRef("😀".repeat(150)));
    expect(error.message).toContain(`“${"😀".repeat(100)}…”`);
  });

  it("neutralises control and bidi characters it echoes", () => {
    const error = errorFrom(() => parseVideoRef("ab\u202Ecd\u0000e"));
    expect(error.message).toBe("“ab\uFFFDcd\uFFFDe” is not a YouTube video id — ids are 11 characters.");
  });

  it("checks the length before trimming, so padding can't smuggle in a huge string", () => {
    expectInvalid(() => parseVideoRef(`${" ".repeat(MAX_REF_INPUT_LENGTH)}${VIDEO_ID}`), /too long/);
    expect(parseVideoRef(`${" ".repeat(MAX_REF_INPUT_LENGTH - VIDEO_ID.length)}${VIDEO_ID}`)).toEqual({
      videoId: VIDEO_ID,
    });
  });
});

describe("parseChannelRef accepts", () => {
  const id = (channelId: string): ChannelRef => ({ kind: "id", channelId });
  const handle = (value: string): ChannelRef => ({ kind: "handle", handle: value });
  const custom = (value: string): ChannelRef => ({ kind: "legacy", value, form: "custom" });
  const user = (value: string): ChannelRef => ({ kind: "legacy", value, form: "user" });

  const cases: ReadonlyArray<readonly [input: string, expected: ChannelRef]> = [
    [CHANNEL_ID, id(CHANNEL_ID)],
    [` ${OTHER_CHANNEL_ID}\n`, id(OTHER_CHANNEL_ID)],
    [`https://www.youtube.com/channel/${CHANNEL_ID}`, id(CHANNEL_ID)],
    [`https://www.youtube.com/channel/${CHANNEL_ID}/`, id(CHANNEL_ID)],
    [`https://www.youtube.com/channel/${CHANNEL_ID}/videos`, id(CHANNEL_ID)],
    [`https://www.youtube.com/channel/${CHANNEL_ID}/featured`, id(CHANNEL_ID)],
    [`https://www.youtube.com/channel/${CHANNEL_ID}?sub_confirmation=1`, id(CHANNEL_ID)],
    [`https://www.youtube.com/channel/${CHANNEL_ID}/videos?view=0&sort=p`, id(CHANNEL_ID)],
    [`youtube.com/channel/${CHANNEL_ID}`, id(CHANNEL_ID)],
    [`http://youtube.com/channel/${CHANNEL_ID}`, id(CHANNEL_ID)],
    [`https://m.youtube.com/channel/${CHANNEL_ID}`, id(CHANNEL_ID)],
    [`https://music.youtube.com/channel/${CHANNEL_ID}`, id(CHANNEL_ID)],
    [`HTTPS://WWW.YOUTUBE.COM/channel/${CHANNEL_ID}`, id(CHANNEL_ID)],
    [`https://www.youtube.com:443/channel/${CHANNEL_ID}`, id(CHANNEL_ID)],
    ["@GoogleDevelopers", handle("googledevelopers")],
    ["  @GoogleDevelopers  ", handle("googledevelopers")],
    ["@Jane.Doe-99_x", handle("jane.doe-99_x")],
    ["@abc", handle("abc")],
    [`@${"a".repeat(30)}`, handle("a".repeat(30))],
    ["https://www.youtube.com/@GoogleDevelopers", handle("googledevelopers")],
    ["https://www.youtube.com/@GoogleDevelopers/", handle("googledevelopers")],
    ["https://www.youtube.com/@GoogleDevelopers/videos", handle("googledevelopers")],
    ["https://www.youtube.com/@GoogleDevelopers/shorts?si=abc", handle("googledevelopers")],
    ["youtube.com/@GoogleDevelopers", handle("googledevelopers")],
    ["https://m.youtube.com/@GoogleDevelopers", handle("googledevelopers")],
    ["https://music.youtube.com/@GoogleDevelopers", handle("googledevelopers")],
    ["https://www.youtube.com/%40GoogleDevelopers", handle("googledevelopers")],
    ["https://www.youtube.com/@caf%C3%A9", handle("café")],
    ["https://www.youtube.com/@café", handle("café")],
    ["https://www.youtube.com/@CAF%C3%89/videos", handle("café")],
    ["@Café", handle("café")],
    ["@cafe\u0301", handle("café")],
    ["@caf%C3%A9", handle("café")],
    ["https://www.youtube.com/@%E3%83%86%E3%82%B9%E3%83%88", handle("テスト")],
    ["@Ελληνικά", handle("ελληνικά")],
    ["@हिन्दी_चैनल", handle("हिन्दी_चैनल")],
    ["@東京", handle("東京")],
    ["@a·b·c", handle("a·b·c")],
    ["https://www.youtube.com/c/GoogleDevelopers", custom("GoogleDevelopers")],
    ["https://www.youtube.com/c/GoogleDevelopers/videos", custom("GoogleDevelopers")],
    ["https://m.youtube.com/c/Caf%C3%A9Channel", custom("CaféChannel")],
    ["https://www.youtube.com/user/GoogleDevelopers", user("GoogleDevelopers")],
    ["http://www.youtube.com/user/GoogleDevelopers?feature=watch", user("GoogleDevelopers")],
  ];

  it.each(cases)("%s", (input, expected) => {
    expect(parseChannelRef(input)).toEqual(expected);
  });
});

describe("parseChannelRef rejects", () => {
  const notYouTube = (host: string) => `That link isn't a YouTube address (${host}).`;
  const cases: ReadonlyArray<readonly [input: string, message: RegExp | string]> = [
    ["", "Paste a YouTube channel link, an @handle or a channel id (UC…)."],
    ["  ", "Paste a YouTube channel link, an @handle or a channel id (UC…)."],
    ["@ab", "“@ab” is not a YouTube handle — handles are 3–30 letters, digits, “_”, “-” or “.”."],
    ["@", /“@” is not a YouTube handle/],
    [`@${"a".repeat(31)}`, /is not a YouTube handle/],
    ["@bad handle", /is not a YouTube handle/],
    ["@bad!", /is not a YouTube handle/],
    ["@bad/videos", /is not a YouTube handle/],
    ["@😀😀😀", /is not a YouTube handle/],
    ["@caf%E0%A4%A", /is not a YouTube handle/],
    ["https://www.youtube.com/@ab", /“@ab” is not a YouTube handle/],
    ["https://www.youtube.com/@bad%2Fslash", /is not a YouTube handle/],
    [
      "https://www.youtube.com/@%2541bc",
      "“@%41bc” is not a YouTube handle — handles are 3–30 letters, digits, “_”, “-” or “.”.",
    ],
    [
      "GoogleDevelopers",
      "“GoogleDevelopers” isn't a channel link, an @handle or a channel id (UC…) — if it's a handle, start it with @.",
    ],
    ["jane.doe", /if it's a handle, start it with @\.$/],
    ["two words", "“two words” isn't a channel link, an @handle or a channel id (UC…)."],
    ["UCabc", "“UCabc” is not a YouTube channel id — ids start with UC and are 24 characters."],
    ["UC_x5XG1OV2P6uZZ5FSM9Ttx", /is not a YouTube channel id/],
    [
      "https://www.youtube.com/channel/UCbad",
      "“UCbad” is not a YouTube channel id — ids start with UC and are 24 characters.",
    ],
    [`https://www.youtube.com/channel/${CHANNEL_ID.toLowerCase()}`, /is not a YouTube channel id/],
    ["https://www.youtube.com/channel/", "That YouTube link doesn't point to a channel."],
    ["https://www.youtube.com/", "That YouTube link doesn't point to a channel."],
    ["www.youtube.com", "That YouTube link doesn't point to a channel."],
    ["https://www.youtube.com/feed/subscriptions", "That YouTube link doesn't point to a channel."],
    ["https://www.youtube.com/c/", "That YouTube link doesn't point to a channel."],
    ["https://www.youtube-nocookie.com/@GoogleDevelopers", "That YouTube link doesn't point to a channel."],
    ["https://www.youtube.com/c/bad%20name", "“bad name” is not a YouTube channel name."],
    ["https://www.youtube.com/user/%E0%A4%A", /is not a YouTube channel name/],
    // Video links and playlists.
    [
      `https://www.youtube.com/watch?v=${VIDEO_ID}`,
      "That's a video link — paste a channel link, an @handle or a channel id (UC…) instead.",
    ],
    [`https://youtu.be/${VIDEO_ID}`, /^That's a video link/],
    [`https://www.youtube.com/shorts/${VIDEO_ID}`, /^That's a video link/],
    [
      `https://www.youtube.com/playlist?list=${PLAYLIST_ID}`,
      "Playlist links aren't supported yet — paste a video or channel link.",
    ],
    // Look-alike and foreign hosts.
    ["https://youtube.com.evil.com/@GoogleDevelopers", notYouTube("youtube.com.evil.com")],
    ["youtube.com.evil.com", notYouTube("youtube.com.evil.com")],
    ["https://evil.com/youtube.com/@GoogleDevelopers", notYouTube("evil.com")],
    [`https://youtube.com@evil.com/channel/${CHANNEL_ID}`, notYouTube("evil.com")],
    [`https://notyoutube.com/channel/${CHANNEL_ID}`, notYouTube("notyoutube.com")],
    [`https://youtu.be.evil.com/channel/${CHANNEL_ID}`, notYouTube("youtu.be.evil.com")],
    ["javascript:alert('@GoogleDevelopers')", notYouTube("javascript:")],
    [`data:text/plain,youtube.com/channel/${CHANNEL_ID}`, notYouTube("data:")],
    [`https://user:pass@www.youtube.com/channel/${CHANNEL_ID}`, /username or password/],
    [`https://www.youtube.com:8080/channel/${CHANNEL_ID}`, /port 8080/],
    [`https://www.youtube.com/channel/${CHANNEL_ID}?x=${"a".repeat(MAX_REF_INPUT_LENGTH)}`, /too long/],
  ];

  it.each(cases)("%s", (input, message) => {
    expectInvalid(() => parseChannelRef(input), message);
  });

  it("quotes at most 100 characters of the input", () => {
    const error = errorFrom(() => parseChannelRef(`@${"b".repeat(300)}`));
    expect(error.message).toContain(`“@${"b".repeat(99)}…”`);
    expect(error.message).not.toContain("b".repeat(100));
  });
});

describe("uploadsPlaylistIdOf", () => {
  it("swaps UC for UU", () => {
    expect(uploadsPlaylistIdOf(CHANNEL_ID)).toBe("UU_x5XG1OV2P6uZZ5FSM9Ttw");
    expect(uploadsPlaylistIdOf(OTHER_CHANNEL_ID)).toBe("UUBR8-60-B28hp2BmDPdntcQ");
  });

  it("refuses something that isn't a channel id", () => {
    expectInvalid(() => uploadsPlaylistIdOf("UUBR8-60-B28hp2BmDPdntcQ"), /is not a YouTube channel id/);
  });
});

describe("canonical URLs", () => {
  it("builds watch and short links that parse back to the same id", () => {
    expect(canonicalVideoUrl(VIDEO_ID)).toBe(`https://www.youtube.com/watch?v=${VIDEO_ID}`);
    expect(canonicalShortUrl(OTHER_VIDEO_ID)).toBe(`https://youtu.be/${OTHER_VIDEO_ID}`);
    expect(parseVideoRef(canonicalVideoUrl(OTHER_VIDEO_ID))).toEqual({ videoId: OTHER_VIDEO_ID });
    expect(parseVideoRef(canonicalShortUrl(VIDEO_ID))).toEqual({ videoId: VIDEO_ID });
  });

  it("refuses to build a link from something that isn't a video id", () => {
    expectInvalid(() => canonicalVideoUrl("abc&v=evil"), /is not a YouTube video id/);
    expectInvalid(() => canonicalShortUrl("../../x"), /is not a YouTube video id/);
  });
});

describe("youtube-ref schemas", () => {
  it("agree with isVideoId / isChannelId", () => {
    for (const value of [VIDEO_ID, "dQw4w9WgXcR", "abc", CHANNEL_ID, "UC_x5XG1OV2P6uZZ5FSM9Ttx"]) {
      expect(videoIdSchema.safeParse(value).success).toBe(isVideoId(value));
      expect(channelIdSchema.safeParse(value).success).toBe(isChannelId(value));
    }
  });

  it("trim and bound raw input", () => {
    expect(videoRefInputSchema.parse(`  ${VIDEO_ID} `)).toBe(VIDEO_ID);
    expect(channelRefInputSchema.parse(" @GoogleDevelopers\n")).toBe("@GoogleDevelopers");
    expect(videoRefInputSchema.safeParse("   ").success).toBe(false);
    expect(channelRefInputSchema.safeParse("").success).toBe(false);
    expect(videoRefInputSchema.safeParse("a".repeat(MAX_REF_INPUT_LENGTH)).success).toBe(true);
    expect(videoRefInputSchema.safeParse("a".repeat(MAX_REF_INPUT_LENGTH + 1)).success).toBe(false);
  });
});

describe("random input (property style)", () => {
  // Inputs come from a seeded PRNG (emulator/random.ts), so a failure reproduces from the seed and run number.
  const SEED = 0x5eed_2026;
  const RUNS = 2_000;

  const FRAGMENTS = [
    "https://",
    "http://",
    "HTTPS://",
    "//",
    "javascript:",
    "data:",
    "ftp://",
    "www.",
    "m.",
    "music.",
    "youtube.com",
    "YOUTUBE.COM",
    "youtu.be",
    "youtube-nocookie.com",
    ".evil.com",
    "evil.com",
    "@",
    ":",
    ":443",
    ":8080",
    "/",
    "\\",
    "?",
    "#",
    "&",
    "=",
    "/watch",
    "?v=",
    "&v=",
    "&t=1m2s",
    "&list=",
    "/shorts/",
    "/live/",
    "/embed/",
    "/v/",
    "/e/",
    "/channel/",
    "/c/",
    "/user/",
    "/playlist",
    "videoseries",
    "user:pass@",
    "%",
    "%2",
    "%25",
    "%C3%A9",
    "%E0%A4%A",
    "%00",
    "%ZZ",
    "%40",
    "%2F",
    "UC",
    "UU",
    " ",
    "\t",
    "\n",
    "\u00A0",
    "\u200B",
    "\u202E",
    "\uFEFF",
    "é",
    "e\u0301",
    "東京",
    "😀",
    "\uD800",
    "\uDC00",
    "·",
    "..",
    "[::1]",
    "xn--",
    VIDEO_ID,
    CHANNEL_ID,
    "GoogleDevelopers",
  ];
  const SEEDS = [
    `https://www.youtube.com/watch?v=${VIDEO_ID}&t=1m2s`,
    `https://youtu.be/${VIDEO_ID}?si=abc`,
    `https://www.youtube.com/shorts/${VIDEO_ID}`,
    `https://www.youtube-nocookie.com/embed/${VIDEO_ID}`,
    `https://www.youtube.com/channel/${CHANNEL_ID}/videos`,
    "https://www.youtube.com/@caf%C3%A9",
    "https://www.youtube.com/c/GoogleDevelopers",
    "@GoogleDevelopers",
    VIDEO_ID,
    CHANNEL_ID,
  ];

  function generate(random: () => number): string {
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const randomCodePoint = (): string => {
      const roll = random();
      if (roll < 0.5) return String.fromCharCode(0x20 + Math.floor(random() * 0x5f));
      if (roll < 0.6) return String.fromCharCode(Math.floor(random() * 0x20));
      if (roll < 0.9) return String.fromCharCode(Math.floor(random() * 0x10000));
      return String.fromCodePoint(0x10000 + Math.floor(random() * 0xfffff));
    };
    const mode = random();
    if (mode < 0.05) {
      // Very long: around and far beyond the limit.
      const length = MAX_REF_INPUT_LENGTH - 50 + Math.floor(random() * 4_000);
      return pick(SEEDS) + pick(FRAGMENTS).repeat(Math.ceil(length / 4));
    }
    if (mode < 0.45) {
      // Mutate a valid reference: insert, delete or replace a few characters.
      const chars = Array.from(pick(SEEDS));
      const edits = 1 + Math.floor(random() * 4);
      for (let i = 0; i < edits; i += 1) {
        const at = Math.floor(random() * (chars.length + 1));
        const op = random();
        if (op < 0.4) chars.splice(at, 0, random() < 0.5 ? pick(FRAGMENTS) : randomCodePoint());
        else if (op < 0.7) chars.splice(at, 1);
        else chars[Math.min(at, chars.length - 1)] = randomCodePoint();
      }
      return chars.join("");
    }
    if (mode < 0.8) {
      // Concatenated URL-ish fragments.
      const count = 1 + Math.floor(random() * 10);
      return Array.from({ length: count }, () => (random() < 0.8 ? pick(FRAGMENTS) : randomCodePoint())).join("");
    }
    // Raw random code points, including lone surrogates and control characters.
    const count = Math.floor(random() * 40);
    return Array.from({ length: count }, randomCodePoint).join("");
  }

  function outcomeOf<T>(run: () => T): { value: T } | { error: unknown } {
    try {
      return { value: run() };
    } catch (error) {
      return { error };
    }
  }

  function assertOnlyInvalidInput(error: unknown, input: string, run: number): void {
    if (!isAppError(error, "INVALID_INPUT")) {
      throw new Error(`run ${run}: ${JSON.stringify(input)} threw something other than AppError INVALID_INPUT`, {
        cause: error,
      });
    }
    // Messages are short and quote at most ~100 characters of the input.
    expect(error.message.length).toBeLessThanOrEqual(300);
  }

  it(`returns a valid reference or throws AppError INVALID_INPUT for ${RUNS} random inputs, in bounded time`, () => {
    const random = createRng(SEED).next;
    const counts = { video: 0, channel: 0, rejected: 0 };
    const startedAt = performance.now();
    let slowestMs = 0;

    for (let run = 0; run < RUNS; run += 1) {
      const input = generate(random);
      const callStartedAt = performance.now();

      const video = outcomeOf(() => parseVideoRef(input));
      if ("value" in video) {
        expect(isVideoId(video.value.videoId), `run ${run}: ${JSON.stringify(input)}`).toBe(true);
        expect(parseVideoRef(canonicalVideoUrl(video.value.videoId))).toEqual(video.value);
        counts.video += 1;
      } else {
        assertOnlyInvalidInput(video.error, input, run);
        counts.rejected += 1;
      }

      const channel = outcomeOf(() => parseChannelRef(input));
      if ("value" in channel) {
        const ref = channel.value;
        if (ref.kind === "id") expect(isChannelId(ref.channelId)).toBe(true);
        if (ref.kind === "handle") {
          expect(ref.handle).toBe(ref.handle.toLowerCase());
          expect(Array.from(ref.handle).length).toBeGreaterThan(0);
          expect(parseChannelRef(`@${ref.handle}`)).toEqual(ref);
        }
        if (ref.kind === "legacy") expect(ref.value.length).toBeGreaterThan(0);
        counts.channel += 1;
      } else {
        assertOnlyInvalidInput(channel.error, input, run);
        counts.rejected += 1;
      }

      slowestMs = Math.max(slowestMs, performance.now() - callStartedAt);
    }

    const totalMs = performance.now() - startedAt;
    // Both outcomes must actually be exercised, or the generator has drifted.
    expect(counts.video).toBeGreaterThan(20);
    expect(counts.channel).toBeGreaterThan(20);
    expect(counts.rejected).toBeGreaterThan(RUNS);
    // Generous bounds: the point is "no super-linear blow-up", not a benchmark.
    expect(slowestMs).toBeLessThan(2_000);
    expect(totalMs).toBeLessThan(10_000);
  });

  it("never accepts a host outside the allow-list, whatever is wrapped around it", () => {
    const random = createRng(SEED ^ 0xbad).next;
    const hostTricks = [
      "youtube.com.evil.com",
      "evil.com/youtube.com",
      "youtube.com@evil.com",
      "evil.com#youtube.com",
      "evil.com?youtube.com",
      "evil.com\\youtube.com",
      "youtu.be.evil.com",
      "notyoutube.com",
      "evil.com%2F%2Fyoutube.com",
      "youtube.com%2eevil.com",
    ];
    for (let run = 0; run < 500; run += 1) {
      const scheme = ["https://", "http://", "//", ""][Math.floor(random() * 4)] ?? "";
      const host = hostTricks[Math.floor(random() * hostTricks.length)] ?? "";
      const path = [
        `/watch?v=${VIDEO_ID}`,
        `/${VIDEO_ID}`,
        `/shorts/${VIDEO_ID}`,
        `/channel/${CHANNEL_ID}`,
        "/@GoogleDevelopers",
      ][Math.floor(random() * 5)];
      const input = `${scheme}${host}${path ?? ""}`;
      const video = outcomeOf(() => parseVideoRef(input));
      const channel = outcomeOf(() => parseChannelRef(input));
      expect("error" in video && isAppError(video.error, "INVALID_INPUT"), input).toBe(true);
      expect("error" in channel && isAppError(channel.error, "INVALID_INPUT"), input).toBe(true);
    }
  });
});
