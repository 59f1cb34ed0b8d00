import pino from "pino";
import { describe, expect, it } from "vitest";
import { AppError } from "~/lib/errors";
import type { YouTubeClient } from "~/lib/youtube/client";
import { FAILURE_BACKOFF_BASE_MS } from "./check-schedule";
import type { ClaimedChannel } from "./check-plan";
import { runCheck, type CheckClients } from "./run-check";

const silent = pino({ level: "silent" });
const at = new Date("2026-12-06T12:00:00Z");

const claimed: ClaimedChannel = {
  channelId: "0193a000-0000-7000-8000-000000000001",
  youtubeChannelId: "UCaaaaaaaaaaaaaaaaaaaaaQ",
  uploadsPlaylistId: null,
  status: "active",
  feedEtag: '"v1"',
  feedLastModified: null,
  recentVideoIds: ["old00000001"],
  lastVideoPublishedAt: new Date("2026-11-01T00:00:00Z"),
  leaseExpiresAt: null,
  pushUnhealthySince: null,
  lastPushAt: null,
  tier: "normal",
  failures: 0,
  lastCheckedAt: new Date("2026-12-06T11:00:00Z"),
  earliestFollowAt: new Date("2026-10-01T00:00:00Z"),
};

/** Clients whose calls are the given functions; any call not given fails the test. */
function clients(
  calls: Partial<Record<"getFeed" | "listUploadsPage" | "getChannels", () => Promise<unknown>>>,
  log: string[] = [],
): CheckClients {
  const client = new Proxy({} as YouTubeClient, {
    get: (_target, name: string) => () => {
      log.push(name);
      const call = calls[name as keyof typeof calls];
      if (!call) throw new Error(`unexpected call ${name}`);
      return call();
    },
  });
  return {
    feeds: client,
    counting: (onUnitsSpent) =>
      new Proxy(client, {
        get:
          (target, name) =>
          (...args: unknown[]) => {
            onUnitsSpent(1);
            return (Reflect.get(target, name) as (...rest: unknown[]) => unknown)(...args);
          },
      }),
  };
}

describe("runCheck", () => {
  it("backs off an error it cannot classify instead of throwing (no dead-letter loop)", async () => {
    const write = await runCheck({
      channel: claimed,
      clients: clients({
        getFeed: () => Promise.reject(new TypeError("cannot read properties of undefined")),
        listUploadsPage: () => Promise.reject(new TypeError("boom")),
      }),
      logger: silent,
      now: () => at,
    });
    expect(write).toMatchObject({
      outcome: "failed",
      failures: 1,
      method: "playlist",
      error: "Unexpected error: boom",
    });
    expect(write.nextCheckAt!.getTime()).toBeGreaterThan(at.getTime());
    expect(write.nextCheckAt!.getTime()).toBeLessThanOrEqual(at.getTime() + FAILURE_BACKOFF_BASE_MS);
  });

  it("spends no unit while the feed host is down (breaker open): backs off until the breaker's retry time", async () => {
    const retryAt = new Date(at.getTime() + 30_000);
    const log: string[] = [];
    const write = await runCheck({
      channel: claimed,
      clients: clients(
        {
          getFeed: () =>
            Promise.reject(new AppError("UPSTREAM_UNAVAILABLE", "YouTube feeds are unavailable", { retryAt })),
        },
        log,
      ),
      logger: silent,
      now: () => at,
    });
    expect(log).toEqual(["getFeed"]);
    expect(write).toMatchObject({ outcome: "failed", method: "feed", unitsSpent: 0 });
    expect(write.nextCheckAt!.getTime()).toBeGreaterThan(retryAt.getTime());
  });

  it("reads one playlist page (1 unit) when this channel's feed is missing", async () => {
    const write = await runCheck({
      channel: claimed,
      clients: clients({
        getFeed: () => Promise.resolve({ status: "not_found" }),
        listUploadsPage: () =>
          Promise.resolve({
            items: [
              { videoId: "new00000001", publishedAt: new Date("2026-12-06T10:00:00Z") },
              { videoId: "old00000001", publishedAt: null },
            ],
            nextPageToken: null,
          }),
      }),
      logger: silent,
      now: () => at,
    });
    expect(write).toMatchObject({
      outcome: "new_videos",
      method: "playlist",
      unitsSpent: 1,
      detected: [{ videoId: "new00000001", reason: "new" }],
    });
  });

  it("confirms a run of 'not found' with channels.list before calling the channel gone", async () => {
    const notFound = () => Promise.reject(new AppError("NOT_FOUND", "no such playlist"));
    const lone = await runCheck({
      channel: claimed,
      clients: clients({ getFeed: () => Promise.resolve({ status: "not_found" }), listUploadsPage: notFound }),
      logger: silent,
      now: () => at,
    });
    expect(lone).toMatchObject({ outcome: "failed", failures: 1 });
    const third = await runCheck({
      channel: { ...claimed, failures: 2 },
      clients: clients({
        getFeed: () => Promise.resolve({ status: "not_found" }),
        listUploadsPage: notFound,
        getChannels: () => Promise.resolve([]),
      }),
      logger: silent,
      now: () => at,
    });
    expect(third).toMatchObject({ outcome: "not_found", unitsSpent: 2, channel: { status: "terminated" } });
  });

  it("parks a channel nobody follows without calling Google", async () => {
    const log: string[] = [];
    expect(
      await runCheck({ channel: { ...claimed, earliestFollowAt: null }, clients: clients({}, log), logger: silent }),
    ).toMatchObject({ parked: true, nextCheckAt: null });
    expect(log).toEqual([]);
  });
});
