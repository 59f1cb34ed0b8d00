/**
 * The hook end to end: the app's real YouTube breaker (default-client.ts) opened by outages writes its
 * new state to BreakerState, under this process's hostname:pid, without the caller waiting on it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { youtubeBreakers } from "~/lib/youtube/default-client";
import { YouTubeApiError } from "~/lib/youtube/errors";
import { BREAKER_VOLUME_THRESHOLD } from "~/lib/upstream/circuit-breaker";
import { db } from "~/server/db";
import { BREAKER_INSTANCE } from "./record-breaker-transition";

afterAll(() => {
  youtubeBreakers().dataApi.shutdown();
});

describe("the YouTube breaker's state-change hook", () => {
  it("persists an open breaker for /ops", async () => {
    const breaker = youtubeBreakers().dataApi;
    const outage = () => Promise.reject(new YouTubeApiError({ kind: "server", status: 503, message: "server error" }));
    for (let call = 0; call < BREAKER_VOLUME_THRESHOLD + 1; call += 1) await breaker.run(outage).catch(() => undefined);
    expect(breaker.state()).toBe("open");

    const deadline = Date.now() + 5000;
    let row = null;
    while (Date.now() < deadline && row?.state !== "open") {
      row = await db.breakerState.findUnique({
        where: { upstream_instance: { upstream: "youtube_data_api", instance: BREAKER_INSTANCE } },
        select: { state: true, changedAt: true },
      });
      if (row?.state !== "open") await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(row?.state).toBe("open");
    expect(Date.now() - row!.changedAt.getTime()).toBeLessThan(10_000);
  });
});
