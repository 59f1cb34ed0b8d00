/**
 * The emulator's stand-in for Google's image hosts, used when it hosts images (an offline demo;
 * images.ts rewrites the URLs in replies to point here). Drawn SVGs, the same for the same id on every
 * run. Not a Data API surface: never counted, charged or faulted, and no key needed, as on Google's hosts.
 */
import { renderAvatarSvg, renderThumbnailSvg } from "../images.ts";
import { sendText, type RequestContext, type Router } from "../router.ts";

/** Images never change for an id, so browsers may keep them for a day, as Google's hosts let them. */
const IMAGE_HEADERS = { "content-type": "image/svg+xml", "cache-control": "public, max-age=86400" };
const MAX_AVATAR_PIXELS = 2048;

export function registerThumbnailRoutes(router: Router): void {
  // GET /thumbnails/vi/:videoId/:file.svg — a video thumbnail (default, mqdefault, hqdefault, sddefault, maxresdefault; _live)
  router.add("GET", "/thumbnails/vi/:videoId/:file", handleVideoThumbnail);
  // GET /thumbnails/avatar/:token/:size.svg — a channel avatar or an account picture, size in pixels
  router.add("GET", "/thumbnails/avatar/:token/:file", handleAvatar);
}

function notFound(context: RequestContext): void {
  sendText(context.res, 404, "Not Found");
}

function handleVideoThumbnail(context: RequestContext): void {
  const { videoId = "", file = "" } = context.params;
  const match = /^([a-z]+?)(_live)?\.svg$/.exec(file);
  const video = context.state.catalog.findVideo(videoId);
  const svg = match?.[1]
    ? renderThumbnailSvg({ videoId, file: match[1], title: video?.title ?? null, isLive: match[2] !== undefined })
    : null;
  if (svg === null || !/^[A-Za-z0-9_-]{11}$/.test(videoId)) {
    notFound(context);
    return;
  }
  sendText(context.res, 200, svg, IMAGE_HEADERS);
}

function handleAvatar(context: RequestContext): void {
  const { token = "", file = "" } = context.params;
  const size = Number(/^(\d+)\.svg$/.exec(file)?.[1] ?? Number.NaN);
  if (!/^[A-Za-z0-9_-]+$/.test(token) || !Number.isInteger(size) || size < 1 || size > MAX_AVATAR_PIXELS) {
    notFound(context);
    return;
  }
  sendText(context.res, 200, renderAvatarSvg({ token, size }), IMAGE_HEADERS);
}
