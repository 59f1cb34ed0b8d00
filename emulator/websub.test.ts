import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CHANNEL_ID, DEMO_CHANNEL_TITLE, DEMO_VIDEO_IDS } from "./demo-world.ts";
import { readFixture, shapeOf, useTestEmulator } from "./test-support.ts";

const TOPIC = `https://www.youtube.com/xml/feeds/videos.xml?channel_id=${DEMO_CHANNEL_ID}`;
const SECRET = "subscriber-secret";
const SETTLE_TIMEOUT_MS = 5000;
const POLL_INTERVAL_MS = 20;

interface CallbackRequest {
  method: string;
  /** Path and query exactly as received. */
  rawUrl: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** The subscriber: echoes challenges (or refuses) and answers pushes with scripted statuses. */
class CallbackServer {
  readonly requests: CallbackRequest[] = [];
  verifyReply: "echo" | "wrong" | 404 = "echo";
  /** Statuses for the next pushes, first used first; 204 once empty. */
  pushStatuses: number[] = [];
  url = "";
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawUrl = req.url ?? "/";
      const request = {
        method: req.method ?? "GET",
        rawUrl,
        url: new URL(rawUrl, this.url),
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      this.requests.push(request);
      if (request.method === "GET") {
        const challenge = request.url.searchParams.get("hub.challenge") ?? "";
        if (this.verifyReply === 404) res.writeHead(404).end("no");
        else
          res
            .writeHead(200, { "content-type": "text/plain" })
            .end(this.verifyReply === "echo" ? challenge : `${challenge}x`);
      } else {
        res.writeHead(this.pushStatuses.shift() ?? 204).end();
      }
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  clear(): void {
    this.requests.length = 0;
    this.verifyReply = "echo";
    this.pushStatuses = [];
  }

  get verifications(): CallbackRequest[] {
    return this.requests.filter((request) => request.method === "GET");
  }

  get pushes(): CallbackRequest[] {
    return this.requests.filter((request) => request.method === "POST");
  }
}

interface Delivery {
  callback: string;
  videoId: string;
  kind: "entry" | "tombstone";
  attempt: number;
  status: number | null;
  error: string | null;
  outcome: string;
  at: string;
}

interface SubscriptionView {
  channelId: string;
  topic: string;
  callback: string;
  leaseSeconds: number;
  leaseExpiresAt: string;
  expired: boolean;
  hasSecret: boolean;
}

const emu = useTestEmulator({ worldSize: 100 });
const subscriber = new CallbackServer();

beforeAll(() => subscriber.start());
afterAll(() => subscriber.close());
beforeEach(() => subscriber.clear());

/** The app's callback shape: its own route, with the channel in the query string. */
function callbackUrl(extraQuery = ""): string {
  return `${subscriber.url}/api/websub/youtube?channel_id=${DEMO_CHANNEL_ID}${extraQuery}`;
}

async function hubPost(
  params: Record<string, string>,
  contentType = "application/x-www-form-urlencoded",
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${emu.emulator.url}/websub/hub`, {
    method: "POST",
    headers: { "content-type": contentType },
    body: new URLSearchParams(params).toString(),
  });
  return { status: response.status, text: await response.text() };
}

function subscribe(overrides: Record<string, string | undefined> = {}): Promise<{ status: number; text: string }> {
  const params: Record<string, string | undefined> = {
    "hub.mode": "subscribe",
    "hub.topic": TOPIC,
    "hub.callback": callbackUrl(),
    "hub.verify": "sync",
    "hub.secret": SECRET,
    ...overrides,
  };
  return hubPost(
    Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined)),
  );
}

async function listSubscriptions(): Promise<SubscriptionView[]> {
  return (await emu.control.get("/websub/subscriptions")).body.subscriptions as SubscriptionView[];
}

/** Waits until no async verification or push is left, then returns the delivery log (newest first). */
async function settle(): Promise<Delivery[]> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const body = (await emu.control.get("/websub/deliveries?limit=1000")).body as {
      pending: number;
      deliveries: Delivery[];
    };
    if (body.pending === 0) return body.deliveries;
    if (Date.now() > deadline) throw new Error(`websub still has ${body.pending} pending`);
    await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
  }
}

async function publishVideo(body: Record<string, unknown> = {}): Promise<{ id: string }> {
  const reply = await emu.control.post(`/channels/${DEMO_CHANNEL_ID}/videos`, { title: "Fresh upload", ...body });
  expect(reply.status).toBe(201);
  return reply.body as { id: string };
}

const xml = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

function parseXml(text: string): Record<string, unknown> {
  expect(XMLValidator.validate(text)).toBe(true);
  return xml.parse(text) as Record<string, unknown>;
}

function hmacOf(secret: string, body: Buffer): string {
  return `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`;
}

describe("subscribing", () => {
  it("verifies a sync subscribe at the callback, keeping its query string, and stores it", async () => {
    const callback = callbackUrl("&tag=a%2Fb");
    const reply = await subscribe({ "hub.callback": callback, "hub.verify_token": "vt-1" });
    expect(reply.status).toBe(204);

    expect(subscriber.verifications).toHaveLength(1);
    const [verification] = subscriber.verifications;
    expect(verification?.rawUrl.startsWith(`/api/websub/youtube?channel_id=${DEMO_CHANNEL_ID}&tag=a%2Fb&hub.`)).toBe(
      true,
    );
    const query = verification?.url.searchParams;
    expect(query?.get("channel_id")).toBe(DEMO_CHANNEL_ID);
    expect(query?.get("hub.mode")).toBe("subscribe");
    expect(query?.get("hub.topic")).toBe(TOPIC);
    expect(query?.get("hub.challenge")).toMatch(/^[\w-]{20,}$/);
    expect(query?.get("hub.lease_seconds")).toBe("432000");
    expect(query?.get("hub.verify_token")).toBe("vt-1");

    const clock = (await emu.control.get("/clock")).body as { now: string };
    const [subscription] = await listSubscriptions();
    expect(subscription).toMatchObject({
      channelId: DEMO_CHANNEL_ID,
      topic: TOPIC,
      callback,
      leaseSeconds: 432_000,
      hasSecret: true,
      expired: false,
    });
    expect(subscription).not.toHaveProperty("secret");
    const leaseMs = Date.parse(subscription?.leaseExpiresAt ?? "") - Date.parse(clock.now);
    expect(Math.abs(leaseMs - 432_000_000)).toBeLessThan(5000);

    const counters = (await emu.control.get("/counters")).body as {
      requests: { byEndpoint: Record<string, number> };
      unitsCharged: number;
    };
    expect(counters.requests.byEndpoint["websub.subscribe"]).toBe(1);
    expect(counters.unitsCharged).toBe(0);
  });

  it("answers 409 and stores nothing when the callback does not echo the challenge", async () => {
    subscriber.verifyReply = "wrong";
    const wrongBody = await subscribe();
    expect(wrongBody).toEqual({ status: 409, text: "Error trying to confirm subscription" });
    subscriber.verifyReply = 404;
    expect((await subscribe()).status).toBe(409);
    expect((await subscribe({ "hub.callback": "http://127.0.0.1:1/unreachable" })).status).toBe(409);
    expect(await listSubscriptions()).toEqual([]);

    const log = (await emu.control.get("/websub/verifications")).body.verifications as {
      detail: string;
      isConfirmed: boolean;
    }[];
    expect(log.map((entry) => entry.detail)).toEqual([
      expect.stringMatching(/^callback unreachable/),
      "callback answered 404",
      "callback did not echo hub.challenge",
    ]);
  });

  it("accepts an async subscribe with 202 and stores it once verified (any topic host, /feeds/ path too)", async () => {
    const topic = `http://localhost/feeds/videos.xml?channel_id=${DEMO_CHANNEL_ID}`;
    const reply = await subscribe({ "hub.verify": undefined, "hub.topic": topic, "hub.secret": undefined });
    expect(reply.status).toBe(202);
    await settle();
    expect(subscriber.verifications).toHaveLength(1);
    expect(await listSubscriptions()).toEqual([
      expect.objectContaining({ topic, channelId: DEMO_CHANNEL_ID, hasSecret: false }),
    ]);
  });

  it("does not store an async subscribe the callback refuses", async () => {
    subscriber.verifyReply = 404;
    expect((await subscribe({ "hub.verify": "async" })).status).toBe(202);
    await settle();
    expect(await listSubscriptions()).toEqual([]);
  });

  it("removes a subscription on a verified unsubscribe, and answers 204 at once for an unknown one", async () => {
    await subscribe();
    subscriber.clear();
    expect((await subscribe({ "hub.mode": "unsubscribe" })).status).toBe(204);
    const query = subscriber.verifications[0]?.url.searchParams;
    expect(query?.get("hub.mode")).toBe("unsubscribe");
    expect(query?.has("hub.lease_seconds")).toBe(false);
    expect(await listSubscriptions()).toEqual([]);

    subscriber.clear();
    expect((await subscribe({ "hub.mode": "unsubscribe" })).status).toBe(204);
    expect(subscriber.requests).toEqual([]);
  });

  it("clamps leases to 60 s … 10 days and renews in place", async () => {
    await subscribe({ "hub.lease_seconds": "99999999" });
    expect(subscriber.verifications[0]?.url.searchParams.get("hub.lease_seconds")).toBe("864000");
    expect((await listSubscriptions())[0]?.leaseSeconds).toBe(864_000);

    await subscribe({ "hub.lease_seconds": "5" });
    expect(subscriber.verifications[1]?.url.searchParams.get("hub.lease_seconds")).toBe("60");
    const subscriptions = await listSubscriptions();
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]?.leaseSeconds).toBe(60);
  });

  it.each([
    ["no hub.mode", { "hub.mode": undefined }, "Invalid value for hub.mode"],
    ["an unknown hub.mode", { "hub.mode": "publish" }, "Invalid value for hub.mode: publish"],
    ["no hub.callback", { "hub.callback": undefined }, "Invalid parameter: hub.callback"],
    ["a relative callback", { "hub.callback": "/api/websub/youtube" }, "Invalid parameter: hub.callback"],
    ["an ftp callback", { "hub.callback": "ftp://127.0.0.1/cb" }, "Invalid parameter: hub.callback"],
    ["a callback with a fragment", { "hub.callback": "http://127.0.0.1/cb#x" }, "Invalid parameter: hub.callback"],
    ["no hub.topic", { "hub.topic": undefined }, "Invalid parameter: hub.topic"],
    [
      "a topic without channel_id",
      { "hub.topic": "https://www.youtube.com/xml/feeds/videos.xml?playlist_id=PL1" },
      "Invalid parameter: hub.topic",
    ],
    [
      "a topic that is not a channel feed",
      { "hub.topic": `https://example.com/rss?channel_id=${DEMO_CHANNEL_ID}` },
      "Invalid parameter: hub.topic",
    ],
    ["an unknown hub.verify", { "hub.verify": "later" }, "Invalid values for hub.verify: later"],
    ["a non-integer lease", { "hub.lease_seconds": "1e5" }, "Invalid value for hub.lease_seconds: 1e5"],
    ["a secret over 200 bytes", { "hub.secret": "s".repeat(201) }, "Invalid value for hub.secret"],
  ])("answers 400 in plain text to %s", async (_name, overrides, message) => {
    const reply = await subscribe(overrides);
    expect(reply.status).toBe(400);
    expect(reply.text).toContain(message);
    expect(subscriber.requests).toEqual([]);
  });

  it("answers 400 to a body that is not form-encoded", async () => {
    const reply = await hubPost({ "hub.mode": "subscribe" }, "application/json");
    expect(reply.status).toBe(400);
    expect(reply.text).toContain("application/x-www-form-urlencoded");
  });

  it("answers 503 to every hub request while verifyFails is set", async () => {
    expect((await emu.control.post("/websub/settings", { verifyFails: true })).body).toEqual({
      paused: false,
      verifyFails: true,
    });
    expect((await subscribe()).status).toBe(503);
    expect(subscriber.requests).toEqual([]);
    expect(await listSubscriptions()).toEqual([]);
    await emu.control.post("/websub/settings", { verifyFails: false });
    expect((await subscribe()).status).toBe(204);
  });
});

describe("pushes", () => {
  it("POSTs a signed Atom entry in the shape of websub.notification.xml when a video is published", async () => {
    await subscribe();
    const video = await publishVideo({ title: "Grading <night> & day" });
    const deliveries = await settle();

    expect(subscriber.pushes).toHaveLength(1);
    const [push] = subscriber.pushes;
    if (!push) throw new Error("no push");
    expect(push.rawUrl).toBe(`/api/websub/youtube?channel_id=${DEMO_CHANNEL_ID}`);
    expect(push.headers["content-type"]).toBe("application/atom+xml");
    expect(push.headers["x-hub-signature"]).toBe(hmacOf(SECRET, push.body));
    expect(push.headers.link).toContain("rel=hub");

    const text = push.body.toString("utf8");
    const feed = parseXml(text);
    expect(shapeOf(feed.feed)).toEqual(shapeOf(parseXml(readFixture("websub.notification.xml")).feed));
    const entry = (feed.feed as { entry: Record<string, unknown> }).entry;
    expect(entry).toMatchObject({
      id: `yt:video:${video.id}`,
      "yt:videoId": video.id,
      "yt:channelId": DEMO_CHANNEL_ID,
      title: "Grading <night> & day",
      link: { "@_rel": "alternate", "@_href": `https://www.youtube.com/watch?v=${video.id}` },
      author: { name: DEMO_CHANNEL_TITLE, uri: `https://www.youtube.com/channel/${DEMO_CHANNEL_ID}` },
    });
    expect(entry.updated).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}\+00:00$/);
    expect(text).toContain(`<link rel="self" href="${TOPIC}"/>`);
    expect(text).toContain('<link rel="hub" href="https://pubsubhubbub.appspot.com"/>');

    expect(deliveries).toEqual([
      expect.objectContaining({
        callback: callbackUrl(),
        videoId: video.id,
        kind: "entry",
        attempt: 1,
        status: 204,
        error: null,
        outcome: "delivered",
      }),
    ]);
  });

  it("sends no X-Hub-Signature without a secret, and links Shorts as /shorts/ID", async () => {
    await subscribe({ "hub.secret": undefined });
    const short = await publishVideo({ kind: "short", durationSeconds: 30 });
    await settle();
    const [push] = subscriber.pushes;
    expect(push?.headers).not.toHaveProperty("x-hub-signature");
    expect(push?.body.toString("utf8")).toContain(`href="https://www.youtube.com/shorts/${short.id}"`);
  });

  it("pushes title and description changes of public videos, not count changes or private uploads", async () => {
    await subscribe();
    await emu.control.patch(`/videos/${DEMO_VIDEO_IDS.resolveGrading}`, { viewCount: 123_456, likeCount: 7 });
    await publishVideo({ privacy: "private" });
    await settle();
    expect(subscriber.pushes).toEqual([]);

    await emu.control.patch(`/videos/${DEMO_VIDEO_IDS.resolveGrading}`, { title: "Renamed" });
    await settle();
    expect(subscriber.pushes).toHaveLength(1);
    expect(subscriber.pushes[0]?.body.toString("utf8")).toContain("<title>Renamed</title>");
  });

  it("POSTs a tombstone when a video is deleted", async () => {
    await subscribe();
    await emu.control.delete(`/videos/${DEMO_VIDEO_IDS.resolveGrading}`);
    const deliveries = await settle();
    const [push] = subscriber.pushes;
    if (!push) throw new Error("no push");
    expect(push.headers["x-hub-signature"]).toBe(hmacOf(SECRET, push.body));
    const feed = parseXml(push.body.toString("utf8")).feed as Record<string, unknown>;
    expect(feed["@_xmlns:at"]).toBe("http://purl.org/atompub/tombstones/1.0");
    expect(feed["at:deleted-entry"]).toMatchObject({
      "@_ref": `yt:video:${DEMO_VIDEO_IDS.resolveGrading}`,
      "@_when": expect.stringMatching(/\+00:00$/),
      link: { "@_href": `https://www.youtube.com/watch?v=${DEMO_VIDEO_IDS.resolveGrading}` },
      "at:by": { name: DEMO_CHANNEL_TITLE, uri: `https://www.youtube.com/channel/${DEMO_CHANNEL_ID}` },
    });
    expect(deliveries[0]).toMatchObject({
      kind: "tombstone",
      videoId: DEMO_VIDEO_IDS.resolveGrading,
      outcome: "delivered",
    });
  });

  it("POSTs a tombstone when a public video is made private", async () => {
    await subscribe();
    await emu.control.patch(`/videos/${DEMO_VIDEO_IDS.resolveGrading}`, { privacy: "private" });
    const deliveries = await settle();
    expect(deliveries.map((delivery) => delivery.kind)).toEqual(["tombstone"]);
    expect(subscriber.pushes[0]?.body.toString("utf8")).toContain(
      `<at:deleted-entry ref="yt:video:${DEMO_VIDEO_IDS.resolveGrading}"`,
    );
  });

  it("sends nothing once the lease has run out on the emulator clock", async () => {
    await subscribe({ "hub.lease_seconds": "60" });
    await emu.control.post("/clock", { advanceMs: 61_000 });
    expect((await listSubscriptions())[0]?.expired).toBe(true);
    await publishVideo();
    expect(await settle()).toEqual([]);
    expect(subscriber.pushes).toEqual([]);
  });

  it("drops pushes while paused and logs them as paused", async () => {
    await subscribe();
    await emu.control.post("/websub/settings", { paused: true });
    const video = await publishVideo();
    const deliveries = await settle();
    expect(subscriber.pushes).toEqual([]);
    expect(deliveries).toEqual([
      expect.objectContaining({ videoId: video.id, outcome: "paused", status: null, attempt: 1 }),
    ]);
  });

  it("retries a failed push (200 ms, then 1 s) with the same signed body until it is accepted", async () => {
    await subscribe();
    subscriber.pushStatuses = [500, 503];
    const video = await publishVideo();
    const deliveries = await settle();
    expect(deliveries.map(({ attempt, status, outcome }) => ({ attempt, status, outcome }))).toEqual([
      { attempt: 3, status: 204, outcome: "delivered" },
      { attempt: 2, status: 503, outcome: "will_retry" },
      { attempt: 1, status: 500, outcome: "will_retry" },
    ]);
    expect(subscriber.pushes).toHaveLength(3);
    const bodies = new Set(subscriber.pushes.map((push) => push.body.toString("utf8")));
    expect(bodies.size).toBe(1);
    expect([...bodies][0]).toContain(video.id);
    for (const push of subscriber.pushes) expect(push.headers["x-hub-signature"]).toBe(hmacOf(SECRET, push.body));
  });

  it("keeps one callback's pushes in change order, a retry holding back the ones behind it", async () => {
    await subscribe();
    subscriber.pushStatuses = [500];
    const video = await publishVideo();
    await emu.control.delete(`/videos/${video.id}`);
    const deliveries = await settle();
    expect(deliveries.map(({ kind, attempt, outcome }) => `${kind}#${attempt} ${outcome}`).reverse()).toEqual([
      "entry#1 will_retry",
      "entry#2 delivered",
      "tombstone#1 delivered",
    ]);
    expect(subscriber.pushes.map((push) => (push.body.includes("deleted-entry") ? "tombstone" : "entry"))).toEqual([
      "entry",
      "entry",
      "tombstone",
    ]);
  });

  it("gives up after three failed attempts", async () => {
    await subscribe();
    subscriber.pushStatuses = [500, 500, 500];
    await publishVideo();
    const deliveries = await settle();
    expect(deliveries.map((delivery) => delivery.outcome)).toEqual(["gave_up", "will_retry", "will_retry"]);
  });
});

describe("control", () => {
  it("clears subscriptions with DELETE, and everything (settings, logs) with /_emulator/reset", async () => {
    await subscribe();
    expect((await emu.control.delete("/websub/subscriptions")).status).toBe(204);
    expect(await listSubscriptions()).toEqual([]);

    await subscribe();
    await publishVideo();
    await settle();
    await emu.control.post("/websub/settings", { paused: true, verifyFails: true });
    expect((await emu.control.post("/reset", {})).status).toBe(200);

    expect(await listSubscriptions()).toEqual([]);
    expect(await settle()).toEqual([]);
    expect((await emu.control.get("/websub/verifications")).body.verifications).toEqual([]);
    expect((await emu.control.get("/websub/settings")).body).toEqual({ paused: false, verifyFails: false });
  });

  it("rejects unknown settings", async () => {
    expect((await emu.control.post("/websub/settings", { pause: true })).status).toBe(400);
  });
});
