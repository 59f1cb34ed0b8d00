import { describe, expect, it } from "vitest";
import { DEMO_CHANNEL_ID, DEMO_VIDEO_IDS } from "./demo-world.ts";
import { readJsonFixture, useTestEmulator } from "./test-support.ts";

const emu = useTestEmulator({ worldSize: 10 });

const videosCall = () => emu.api("videos", { part: "id", id: DEMO_VIDEO_IDS.resolveGrading });
const channelsCall = () => emu.api("channels", { part: "id", id: DEMO_CHANNEL_ID });

async function addFault(body: Record<string, unknown>): Promise<{ id: string }> {
  const reply = await emu.control.post("/faults", body);
  expect(reply.status, reply.text).toBe(201);
  return reply.body as { id: string };
}

describe("faults", () => {
  it("answers 500 backendError on every matching call at rate 1.0, and 503 when asked", async () => {
    await addFault({ kind: "5xx", rate: 1 });
    for (let call = 0; call < 3; call += 1) {
      const reply = await videosCall();
      expect(reply.status).toBe(500);
      expect(reply.body).toEqual({
        error: {
          code: 500,
          message: "Backend Error",
          errors: [{ message: "Backend Error", domain: "global", reason: "backendError" }],
          status: "INTERNAL",
        },
      });
    }
    await emu.control.delete("/faults");
    await addFault({ kind: "5xx", status: 503, retryAfterSeconds: 7 });
    const unavailable = await videosCall();
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("7");
    expect(unavailable.body.error).toMatchObject({
      code: 503,
      status: "UNAVAILABLE",
      errors: [{ reason: "backendError" }],
    });
    await emu.control.delete("/faults");
    expect((await videosCall()).status).toBe(200);
  });

  it("hits only the next `count` matching requests, then removes itself", async () => {
    await addFault({ kind: "5xx", count: 2, endpoint: "videos" });
    expect((await channelsCall()).status).toBe(200);
    expect((await videosCall()).status).toBe(500);
    expect((await videosCall()).status).toBe(500);
    expect((await videosCall()).status).toBe(200);
    expect((await emu.control.get("/faults")).body).toEqual({ faults: [] });
  });

  it("answers 429 RESOURCE_EXHAUSTED with Retry-After", async () => {
    await addFault({ kind: "429", retryAfterSeconds: 12, count: 1 });
    const reply = await videosCall();
    expect(reply.status).toBe(429);
    expect(reply.headers.get("retry-after")).toBe("12");
    expect(reply.body.error).toMatchObject({
      code: 429,
      status: "RESOURCE_EXHAUSTED",
      errors: [{ reason: "rateLimitExceeded" }],
    });
  });

  it("answers Google's rateLimitExceeded and quotaExceeded 403s", async () => {
    await addFault({ kind: "rateLimitExceeded", count: 1 });
    const rate = await videosCall();
    expect(rate.status).toBe(403);
    expect(rate.body).toEqual({
      error: {
        code: 403,
        message: "Rate Limit Exceeded",
        errors: [{ message: "Rate Limit Exceeded", domain: "usageLimits", reason: "rateLimitExceeded" }],
      },
    });
    await addFault({ kind: "quotaExceeded", count: 1 });
    const quota = await videosCall();
    expect(quota.status).toBe(403);
    expect(quota.body).toEqual(readJsonFixture("error.quotaExceeded.403.json"));
    // An injected quotaExceeded does not spend the real budget.
    expect((await videosCall()).status).toBe(200);
  });

  it("charges faulted calls like any other", async () => {
    await emu.control.post("/counters/reset");
    await addFault({ kind: "5xx", count: 1 });
    await addFault({ kind: "429", count: 1 });
    await videosCall();
    await videosCall();
    await emu.api("search", { part: "id", channelId: DEMO_CHANNEL_ID }).then(() => undefined);
    const counters = (await emu.control.get("/counters")).body as { unitsCharged: number };
    expect(counters.unitsCharged).toBe(1 + 1 + 100);
  });

  it("fails a share of requests at a rate between 0 and 1, reproducibly per seed", async () => {
    const run = async (): Promise<number[]> => {
      await emu.control.post("/reset", { seed: "fault-rate" });
      await addFault({ kind: "5xx", rate: 0.5 });
      const statuses: number[] = [];
      for (let call = 0; call < 40; call += 1) statuses.push((await videosCall()).status);
      return statuses;
    };
    const first = await run();
    const failures = first.filter((status) => status === 500).length;
    expect(failures).toBeGreaterThan(5);
    expect(failures).toBeLessThan(35);
    expect(await run()).toEqual(first);
  });

  it("delays answers by latencyMs", async () => {
    await addFault({ kind: "latency", latencyMs: 250, endpoint: "videos" });
    const started = performance.now();
    const reply = await videosCall();
    expect(reply.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });

  it("hangs until the client aborts, and answers hung requests once the fault is cleared", async () => {
    await addFault({ kind: "hang", endpoint: "videos" });
    const url = `${emu.emulator.url}/youtube/v3/videos?part=id&id=${DEMO_VIDEO_IDS.resolveGrading}&key=k`;
    await expect(fetch(url, { signal: AbortSignal.timeout(200) })).rejects.toThrow(/abort|timeout/i);

    const pending = fetch(url).then((response) => response.status);
    const settled = await Promise.race([
      pending,
      new Promise((resolve) => setTimeout(() => resolve("still pending"), 200)),
    ]);
    expect(settled).toBe("still pending");
    await emu.control.delete("/faults");
    expect(await pending).toBe(200);
  });

  it("applies 429 and 5xx to the feed, but not the Data API's quota errors", async () => {
    const feedUrl = `${emu.emulator.url}/feeds/videos.xml?channel_id=${DEMO_CHANNEL_ID}`;
    await addFault({ kind: "quotaExceeded", endpoint: "*" });
    expect((await fetch(feedUrl)).status).toBe(200);
    await emu.control.delete("/faults");
    await addFault({ kind: "429", endpoint: "feed", count: 1, retryAfterSeconds: 3 });
    const limited = await fetch(feedUrl);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    await addFault({ kind: "5xx", endpoint: "feed", count: 1, status: 503 });
    expect((await fetch(feedUrl)).status).toBe(503);
    expect((await fetch(feedUrl)).status).toBe(200);
  });

  it("holds the OAuth token endpoint only when a fault names it, and only with latency or hang", async () => {
    const tokenUrl = `${emu.emulator.url}/token`;
    // No client credentials: Google's 400, answered at once unless held.
    const badGrant = () =>
      fetch(tokenUrl, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: "x" }),
      });
    await addFault({ kind: "5xx", endpoint: "*" });
    await addFault({ kind: "hang", endpoint: "*" });
    expect((await badGrant()).status).toBe(400);
    await emu.control.delete("/faults");

    expect((await emu.control.post("/faults", { kind: "5xx", endpoint: "token" })).status).toBe(400);
    await addFault({ kind: "hang", endpoint: "token" });
    const pending = badGrant().then((response) => response.status);
    const settled = await Promise.race([
      pending,
      new Promise((resolve) => setTimeout(() => resolve("still pending"), 200)),
    ]);
    expect(settled).toBe("still pending");
    expect((await emu.control.get("/counters")).body).toMatchObject({ oauth: { refreshToken: 2 } });
    await emu.control.delete("/faults");
    expect(await pending).toBe(400);
  });

  it("answers a bad API key exactly as Google does, in the current layout and the legacy one", async () => {
    await addFault({ kind: "apiKeyInvalid", count: 1, endpoint: "videos" });
    const current = await videosCall();
    expect(current.status).toBe(400);
    expect(current.text).toBe(
      JSON.stringify(
        {
          error: {
            code: 400,
            message: "API key not valid. Please pass a valid API key.",
            errors: [
              { message: "API key not valid. Please pass a valid API key.", domain: "global", reason: "badRequest" },
            ],
            status: "INVALID_ARGUMENT",
            details: [
              {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                reason: "API_KEY_INVALID",
                domain: "googleapis.com",
                metadata: { service: "youtube.googleapis.com" },
              },
            ],
          },
        },
        null,
        2,
      ),
    );
    await addFault({ kind: "apiKeyInvalid", layout: "legacy", count: 1 });
    const legacy = await videosCall();
    expect(legacy.status).toBe(400);
    // Legacy key order: errors first; no status, no details.
    expect(legacy.body).toEqual({
      error: {
        errors: [{ domain: "usageLimits", reason: "keyInvalid", message: "Bad Request" }],
        code: 400,
        message: "Bad Request",
      },
    });
    expect(Object.keys(legacy.body.error as object)).toEqual(["errors", "code", "message"]);
    expect((await videosCall()).status).toBe(200);
  });

  it.each([
    ["serviceDisabled", 403, "accessNotConfigured", "PERMISSION_DENIED", "SERVICE_DISABLED", "accessNotConfigured"],
    ["apiKeyServiceBlocked", 403, "forbidden", "PERMISSION_DENIED", "API_KEY_SERVICE_BLOCKED", "forbidden"],
    [
      "apiKeyHttpReferrerBlocked",
      403,
      "forbidden",
      "PERMISSION_DENIED",
      "API_KEY_HTTP_REFERRER_BLOCKED",
      "ipRefererBlocked",
    ],
    ["apiKeyIpAddressBlocked", 403, "forbidden", "PERMISSION_DENIED", "API_KEY_IP_ADDRESS_BLOCKED", "ipRefererBlocked"],
    ["youtubeSignupRequired", 401, "youtubeSignupRequired", "UNAUTHENTICATED", null, "youtubeSignupRequired"],
  ])(
    "answers %s with status and ErrorInfo, or in the legacy layout with errors[] only",
    async (kind, code, reason, status, infoReason, legacyReason) => {
      await addFault({ kind, count: 1, endpoint: "channels" });
      const current = await channelsCall();
      expect(current.status).toBe(code);
      expect(current.body.error).toMatchObject({ code, status, errors: [{ reason }] });
      const details = (current.body.error as { details?: { reason?: string }[] }).details ?? [];
      expect(details.map((detail) => detail.reason).filter(Boolean)).toEqual(infoReason ? [infoReason] : []);

      await addFault({ kind, count: 1, endpoint: "channels", layout: "legacy" });
      const legacy = await channelsCall();
      expect(legacy.status).toBe(code);
      expect(Object.keys(legacy.body.error as object)).toEqual(["errors", "code", "message"]);
      expect(legacy.body.error).toMatchObject({ code, errors: [{ reason: legacyReason }] });
      expect((await channelsCall()).status).toBe(200);
    },
  );

  it("names the refused method in an API-restriction refusal", async () => {
    await addFault({ kind: "apiKeyServiceBlocked", count: 1 });
    const reply = await videosCall();
    expect(reply.body.error).toMatchObject({
      message: "Requests to this API youtube method youtube.api.v3.V3DataVideoService.List are blocked.",
      details: [
        { reason: "API_KEY_SERVICE_BLOCKED", metadata: { methodName: "youtube.api.v3.V3DataVideoService.List" } },
      ],
    });
  });

  it("charges a configuration fault like any call, and leaves the feed alone", async () => {
    const before = ((await emu.control.get("/quota")).body as { usedToday: number }).usedToday;
    await addFault({ kind: "youtubeSignupRequired", endpoint: "*" });
    expect((await channelsCall()).status).toBe(401);
    expect(((await emu.control.get("/quota")).body as { usedToday: number }).usedToday).toBe(before + 1);
    expect((await fetch(`${emu.emulator.url}/feeds/videos.xml?channel_id=${DEMO_CHANNEL_ID}`)).status).toBe(200);
  });

  it("rejects malformed fault specs", async () => {
    expect((await emu.control.post("/faults", { kind: "apiKeyInvalid", layout: "ancient" })).status).toBe(400);
    expect((await emu.control.post("/faults", { kind: "apiKeyInvalid", endpoint: "llm" })).status).toBe(400);
    expect((await emu.control.post("/faults", { kind: "meteor" })).status).toBe(400);
    expect((await emu.control.post("/faults", { kind: "5xx", rate: 2 })).status).toBe(400);
    expect((await emu.control.post("/faults", { kind: "5xx", status: 502 })).status).toBe(400);
  });
});
