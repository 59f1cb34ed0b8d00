/**
 * The baseline's primitives really are the reviewed design's: a connection per query, a quota check and
 * increment that two racers can both pass, and a YouTube client that opens a TCP connection per call,
 * pays search.list's 100 units, and turns every failure into one generic error with no breaker.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { siblingDatabaseUrl } from "@test/test-db-url";
import { dropDatabase, ensureDatabase } from "../../scripts/db/ensure-database";
import { startEmulator, type BenchEmulator } from "../lib/emulator";
import { createBaselineDb, createBaselineSchema, type BaselineDb } from "./db";
import { hasQuotaLeft, incrementQuota, readQuotaUsed } from "./quota";
import { BaselineIntegrationError, createBaselineYouTubeClient } from "./youtube-client";

let db: BaselineDb;
let emulator: BenchEmulator;
const url = siblingDatabaseUrl(`baseline_primitives_${process.pid}`);

beforeAll(async () => {
  await ensureDatabase(url);
  db = createBaselineDb(url);
  await createBaselineSchema(db);
  emulator = await startEmulator({
    seed: "baseline-primitives",
    worldSize: 20,
    dailyQuota: 1_000_000,
    inProcess: true,
  });
});

afterAll(async () => {
  await emulator?.close();
  await dropDatabase(url);
});

const control = <T>(method: string, route: string, body?: unknown) => emulator.control<T>(method, route, body);

describe("baseline db", () => {
  it("opens a new connection (a new backend) for every query", async () => {
    const before = db.connectionsOpened();
    const pids = new Set<number>();
    for (let index = 0; index < 3; index += 1) {
      const rows = await db.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
      pids.add(rows[0]!.pid);
    }
    expect(db.connectionsOpened() - before).toBe(3);
    expect(pids.size).toBeGreaterThanOrEqual(2);
  });
});

describe("baseline quota", () => {
  it("lets two racers both pass the check for the last units, then counts both", async () => {
    const key = `race-${Date.now()}`;
    await incrementQuota(db, { key, units: 9_999 });
    const [first, second] = await Promise.all([
      hasQuotaLeft(db, { key, limit: 10_000, units: 1 }),
      hasQuotaLeft(db, { key, limit: 10_000, units: 1 }),
    ]);
    expect([first, second]).toEqual([true, true]);
    await Promise.all([incrementQuota(db, { key, units: 1 }), incrementQuota(db, { key, units: 1 })]);
    expect(await readQuotaUsed(db, key)).toBe(10_001);
    expect(await hasQuotaLeft(db, { key, limit: 10_000, units: 1 })).toBe(false);
  });
});

describe("baseline YouTube client", () => {
  it("lists a channel through search.list (100 units) and fetches each video (1 unit), one TCP connection per call", async () => {
    const { channels } = await control<{ channels: { id: string; profile: string }[] }>(
      "GET",
      "/world/channels?offset=0&limit=20",
    );
    const channel = channels.find((candidate) => candidate.profile !== "terminated")!;
    await control("POST", "/counters/reset");
    const client = createBaselineYouTubeClient({ baseUrl: emulator.url, apiKey: "bench" });

    const listing = await client.getChannelVideos({ channelId: channel.id, maxResults: 3 });
    expect(listing.videoIds.length).toBeGreaterThan(0);
    const video = await client.getVideoInfo(listing.videoIds[0]!);
    expect(video.channelId).toBe(channel.id);

    const counters = await control<{
      unitsCharged: number;
      tcpConnectionsOpened: number;
      requests: { byEndpoint: Record<string, number> };
    }>("GET", "/counters");
    expect(counters.requests.byEndpoint).toMatchObject({ "search.list": 1, "videos.list": 1 });
    expect(counters.unitsCharged).toBe(101);
    expect(counters.tcpConnectionsOpened).toBe(2);
    expect(client.connectionsOpened()).toBe(2);
  });

  it("turns a 503 into a generic integration error every time, with no breaker in the way", async () => {
    await control("POST", "/faults", { kind: "5xx", endpoint: "videos", status: 503 });
    const client = createBaselineYouTubeClient({ baseUrl: emulator.url, apiKey: "bench" });
    await control("POST", "/counters/reset");
    for (let attempt = 0; attempt < 12; attempt += 1) {
      await expect(client.getVideoInfo("dQw4w9WgXcQ")).rejects.toMatchObject({
        name: "BaselineIntegrationError",
        status: 503,
      });
    }
    const counters = await control<{ requests: { byEndpoint: Record<string, number> } }>("GET", "/counters");
    expect(counters.requests.byEndpoint["videos.list"]).toBe(12);
    await control("DELETE", "/faults");
    expect(new BaselineIntegrationError("x", { status: 403, reason: "quotaExceeded" }).reason).toBe("quotaExceeded");
  });
});
