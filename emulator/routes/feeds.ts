/**
 * The public channel feed (no key, no quota). Counted per request like the Data API, subject to
 * "feed" faults (429, 5xx, latency, hang), and conditional: If-None-Match wins over
 * If-Modified-Since, as RFC 9110 says, and either can answer 304. The validators are cached per
 * channel (feed-cache.ts), so a 304 costs no render.
 */
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { enactFaultDelays } from "../faults.ts";
import type { FeedValidators } from "../feed-cache.ts";
import { renderFeedReply } from "../feed-xml.ts";
import type { EmulatorState } from "../state.ts";
import { ifNoneMatchHits, sendText, type RequestContext, type Router } from "../router.ts";

export function registerFeedRoutes(router: Router): void {
  router.add("GET", "/feeds/videos.xml", handleChannelFeed);
}

// HTML bodies, like YouTube's own error pages, so clients do not mistake them for a feed.
function sendHtmlError(
  context: RequestContext,
  status: number,
  title: string,
  headers: Record<string, string> = {},
): void {
  const html = `<!DOCTYPE html><html lang="en"><head><title>Error ${status} (${title})</title></head><body><p><b>${status}.</b> ${title}</p></body></html>`;
  context.res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    ...headers,
  });
  context.res.end(html);
}

// GET /feeds/videos.xml?channel_id=UC… — 0 units; 15 newest public uploads; ETag / Last-Modified
async function handleChannelFeed(context: RequestContext): Promise<void> {
  const { state, req, res, url } = context;
  state.counters.recordRequest("feed", req.socket);
  const decision = state.faults.decide("feed");
  if (!(await enactFaultDelays(state.faults, decision, context.signal))) return;
  if (decision.action?.kind === "error") {
    const fault = decision.action.fault;
    if (fault.kind === "429") {
      sendHtmlError(context, 429, "Too Many Requests", { "retry-after": String(fault.retryAfterSeconds) });
    } else {
      const headers: Record<string, string> =
        fault.status === 503 ? { "retry-after": String(fault.retryAfterSeconds) } : {};
      sendHtmlError(
        context,
        fault.status,
        fault.status === 503 ? "Service Unavailable" : "Internal Server Error",
        headers,
      );
    }
    return;
  }

  const channelId = url.searchParams.get("channel_id");
  if (!channelId) {
    sendHtmlError(context, 400, "Bad Request");
    return;
  }
  // A matching conditional GET is answered from the cached (or derived) validators: no lookup, render or hash.
  const known = state.feedCache.find(channelId, state.imageOrigin());
  if (known && isNotModified(req.headers, known)) {
    sendNotModified(res, known);
    return;
  }
  const feed = renderCurrentFeed(state, channelId, known);
  if (!feed) {
    sendHtmlError(context, 404, "Not Found");
    return;
  }
  if (isNotModified(req.headers, feed.validators)) {
    sendNotModified(res, feed.validators);
    return;
  }
  sendText(res, 200, feed.xml, {
    ...validatorHeaders(feed.validators),
    "content-type": "application/atom+xml; charset=UTF-8",
  });
}

/**
 * The channel's feed as served now: XML, entry ids and validators (a generated channel nothing has
 * changed keeps its derived ETag, feed-cache.ts); null when there is no feed (unknown or terminated).
 */
export function renderCurrentFeed(
  state: EmulatorState,
  channelId: string,
  known: FeedValidators | null = state.feedCache.find(channelId, state.imageOrigin()),
): { xml: string; entryIds: string[]; validators: FeedValidators } | null {
  const channel = state.catalog.findChannel(channelId);
  if (!channel || channel.isTerminated) return null;
  const rendered = renderFeedReply(channel, (xml) => state.localizeImages(xml));
  state.feedCache.countRender();
  if (!known) state.feedCache.remember(channelId, state.imageOrigin(), rendered);
  return {
    xml: rendered.xml,
    entryIds: rendered.entryIds,
    validators: known ?? { etag: rendered.etag, lastModifiedMs: rendered.lastModifiedMs },
  };
}

function validatorHeaders(validators: FeedValidators): Record<string, string> {
  return { etag: `"${validators.etag}"`, "last-modified": new Date(validators.lastModifiedMs).toUTCString() };
}

function sendNotModified(res: ServerResponse, validators: FeedValidators): void {
  res.writeHead(304, validatorHeaders(validators));
  res.end();
}

function isNotModified(headers: IncomingHttpHeaders, validators: FeedValidators): boolean {
  const ifNoneMatch = headers["if-none-match"];
  if (ifNoneMatch !== undefined) return ifNoneMatchHits(ifNoneMatch, validators.etag);
  const ifModifiedSince = headers["if-modified-since"];
  if (ifModifiedSince === undefined) return false;
  const sinceMs = Date.parse(ifModifiedSince);
  // HTTP dates have whole seconds; compare at that precision.
  return !Number.isNaN(sinceMs) && Math.floor(validators.lastModifiedMs / 1000) * 1000 <= sinceMs;
}
