/**
 * Shapes of Data API replies that Google has sent over the years, switchable per emulator run
 * (`POST /_emulator/replies`). Current replies (the default) have bare 27-character ETags and
 * timestamps without milliseconds; replies from before about 2020 quoted their ETags with a slash
 * inside (`"\"abc/def\""`), wrote `.000Z` timestamps and put `pageInfo` before `items`. Applied
 * after a method has built its reply, so every method gets the same shapes.
 */

type Json = Record<string, unknown>;

export interface ReplyShapes {
  /** `"\"<prefix>/<etag>\""` in bodies, `"<prefix>/<etag>"` in the ETag header. */
  legacyEtags: boolean;
  /** `2019-11-21T22:17:43.000Z` instead of `2019-11-21T22:17:43Z`. */
  millisecondTimestamps: boolean;
  /** List envelopes put `pageInfo` right before `items`, as old replies did. */
  pageInfoFirst: boolean;
}

export const CURRENT_REPLY_SHAPES: Readonly<ReplyShapes> = {
  legacyEtags: false,
  millisecondTimestamps: false,
  pageInfoFirst: false,
};

/** Old ETags started with one token shared by a whole deployment (this one is from a recorded reply). */
export const LEGACY_ETAG_PREFIX = "j6xRRd8dTPVVptg711_CSPADRfg";

const SECOND_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})Z$/;

/** The ETag as the header carries it, unquoted: what If-None-Match is compared with. */
export function etagTokenOf(etag: string, shapes: ReplyShapes): string {
  return shapes.legacyEtags ? `${LEGACY_ETAG_PREFIX}/${etag}` : etag;
}

/** Rewrites a reply (its resources' etags, every timestamp, the envelope's key order) into the chosen shapes. */
export function shapeReply(body: Json, shapes: ReplyShapes): Json {
  if (!shapes.legacyEtags && !shapes.millisecondTimestamps && !shapes.pageInfoFirst) return body;
  const shaped = reshape(body, shapes) as Json;
  return shapes.pageInfoFirst ? withPageInfoBeforeItems(shaped) : shaped;
}

function reshape(value: unknown, shapes: ReplyShapes): unknown {
  if (Array.isArray(value)) return value.map((item) => reshape(item, shapes));
  if (typeof value === "string")
    return shapes.millisecondTimestamps ? value.replace(SECOND_TIMESTAMP, "$1.000Z") : value;
  if (typeof value !== "object" || value === null) return value;
  const result: Json = {};
  for (const [key, child] of Object.entries(value)) {
    result[key] =
      key === "etag" && typeof child === "string" && shapes.legacyEtags
        ? `"${etagTokenOf(child, shapes)}"`
        : reshape(child, shapes);
  }
  return result;
}

function withPageInfoBeforeItems(body: Json): Json {
  if (!("pageInfo" in body) || !("items" in body)) return body;
  const { pageInfo, items, ...rest } = body;
  return { ...rest, pageInfo, items };
}
