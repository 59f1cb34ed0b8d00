/**
 * The WebSub hub that stands in for https://pubsubhubbub.appspot.com/ (POST /websub/hub), and its
 * control routes under /_emulator/websub. Hub requests are counted per mode
 * (`websub.subscribe`, `websub.unsubscribe`) like other Google traffic, never charged (WebSub is
 * free) and not faulted; `verifyFails` is the hub's own transient-error switch.
 * Reference: emulator/README.md, "WebSub hub".
 */
import { z } from "zod";
import { BadRequestError, readBodyText, sendJson, sendText, type RequestContext, type Router } from "../router.ts";
import { MAX_DELIVERY_RECORDS } from "../websub/delivery.ts";
import { HubRequestError, isHubMode, parseHubRequest } from "../websub/hub-request.ts";
import type { Subscription, WebSubHub } from "../websub/hub.ts";
import { control, parseBody, readIntParam } from "./control.ts";

export const WEBSUB_HUB_PATH = "/websub/hub";
const DEFAULT_LOG_PAGE_SIZE = 100;
const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";

const settingsSchema = z.strictObject({
  paused: z.boolean().optional(),
  verifyFails: z.boolean().optional(),
});

export function registerWebSubRoutes(router: Router): void {
  router.add("POST", WEBSUB_HUB_PATH, handleHubRequest);

  // GET /_emulator/websub/subscriptions — every stored subscription (secrets never shown)
  router.add(
    "GET",
    "/_emulator/websub/subscriptions",
    control(({ res, state }) => {
      const hub = state.websub;
      sendJson(res, 200, {
        subscriptions: hub.listSubscriptions().map((subscription) => describeSubscription(hub, subscription)),
      });
    }),
  );

  // DELETE /_emulator/websub/subscriptions — forget every subscription (as if all leases lapsed)
  router.add(
    "DELETE",
    "/_emulator/websub/subscriptions",
    control(({ res, state }) => {
      state.websub.clearSubscriptions();
      res.writeHead(204);
      res.end();
    }),
  );

  // GET /_emulator/websub/deliveries?limit= — push attempts, newest first, and how many are unfinished
  router.add(
    "GET",
    "/_emulator/websub/deliveries",
    control(({ res, url, state }) => {
      const limit = readIntParam(url, "limit", DEFAULT_LOG_PAGE_SIZE, MAX_DELIVERY_RECORDS);
      sendJson(res, 200, { pending: state.websub.pending, deliveries: state.websub.listDeliveries(limit) });
    }),
  );

  // GET /_emulator/websub/verifications?limit= — verification-of-intent attempts, newest first
  router.add(
    "GET",
    "/_emulator/websub/verifications",
    control(({ res, url, state }) => {
      const limit = readIntParam(url, "limit", DEFAULT_LOG_PAGE_SIZE, MAX_DELIVERY_RECORDS);
      sendJson(res, 200, { pending: state.websub.pending, verifications: state.websub.listVerifications(limit) });
    }),
  );

  // GET /_emulator/websub/settings — {paused, verifyFails}
  router.add(
    "GET",
    "/_emulator/websub/settings",
    control(({ res, state }) => sendJson(res, 200, state.websub.settings)),
  );

  // POST /_emulator/websub/settings — {paused?, verifyFails?}
  router.add(
    "POST",
    "/_emulator/websub/settings",
    control(async (context) => {
      const body = await parseBody(context, settingsSchema);
      const hub = context.state.websub;
      hub.settings = {
        paused: body.paused ?? hub.settings.paused,
        verifyFails: body.verifyFails ?? hub.settings.verifyFails,
      };
      sendJson(context.res, 200, hub.settings);
    }),
  );
}

function describeSubscription(hub: WebSubHub, subscription: Subscription): Record<string, unknown> {
  return {
    channelId: subscription.channelId,
    topic: subscription.topic,
    callback: subscription.callback,
    leaseSeconds: subscription.leaseSeconds,
    leaseExpiresAt: new Date(subscription.leaseExpiresAtMs).toISOString(),
    expired: !hub.isLive(subscription),
    hasSecret: subscription.secret !== null,
    createdAt: new Date(subscription.createdAtMs).toISOString(),
    verifiedAt: new Date(subscription.verifiedAtMs).toISOString(),
  };
}

// POST /websub/hub — hub.mode, hub.topic, hub.callback, hub.verify, hub.secret, hub.lease_seconds, hub.verify_token
// → 204 (sync, confirmed), 202 (async, accepted), 400 (bad request), 409 (sync, not confirmed), 503 (verifyFails)
async function handleHubRequest({ req, res, state }: RequestContext): Promise<void> {
  const hub = state.websub;
  let form: URLSearchParams;
  try {
    form = await readForm(req);
  } catch (error) {
    state.counters.recordRequest("websub.hub", req.socket);
    if (error instanceof BadRequestError) sendText(res, 400, error.message);
    else throw error;
    return;
  }
  const mode = form.get("hub.mode")?.toLowerCase() ?? null;
  state.counters.recordRequest(isHubMode(mode) ? `websub.${mode}` : "websub.hub", req.socket);
  if (hub.settings.verifyFails) {
    sendText(res, 503, "Transient error; please try again later");
    return;
  }

  let request;
  try {
    request = parseHubRequest(form);
  } catch (error) {
    if (error instanceof HubRequestError) sendText(res, 400, error.message);
    else throw error;
    return;
  }

  // Google's hub answers an unsubscribe for nothing at once, without asking the callback.
  if (request.mode === "unsubscribe" && !hub.hasSubscription(request.channelId, request.callback)) {
    res.writeHead(204);
    res.end();
    return;
  }
  if (request.verify === "async") {
    hub.confirmLater(request);
    res.writeHead(202);
    res.end();
    return;
  }
  if (await hub.confirm(request)) {
    res.writeHead(204);
    res.end();
  } else {
    sendText(res, 409, "Error trying to confirm subscription");
  }
}

async function readForm(req: RequestContext["req"]): Promise<URLSearchParams> {
  const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  const text = await readBodyText(req);
  if (contentType !== FORM_CONTENT_TYPE) throw new BadRequestError(`Content-Type must be ${FORM_CONTENT_TYPE}`);
  return new URLSearchParams(text);
}
