import { Agent, request } from "undici";
import { describe, expect, it } from "vitest";
import { DEMO_CHANNEL_ID, DEMO_UPLOADS_PLAYLIST_ID, DEMO_VIDEO_IDS } from "./demo-world.ts";
import { useTestEmulator } from "./test-support.ts";

interface Counters {
  requests: { byEndpoint: Record<string, number>; total: number };
  unitsCharged: number;
  unitsChargedToday: number;
  tcpConnectionsOpened: number;
  concurrentConnections: number;
  maxConcurrentConnections: number;
}

const emu = useTestEmulator({ worldSize: 10 });

async function readCounters(): Promise<Counters> {
  return (await emu.control.get("/counters")).body as unknown as Counters;
}

const videosUrl = () => `${emu.emulator.url}/youtube/v3/videos?part=id&id=${DEMO_VIDEO_IDS.resolveGrading}&key=k`;

describe("counters", () => {
  it("counts one TCP connection for sequential requests over a keep-alive agent", async () => {
    // One connection per origin: with more, undici's pool may open a second socket when the next
    // request is dispatched in the same tick the previous body finished (a client effect, not ours).
    const agent = new Agent({ keepAliveTimeout: 10_000, connections: 1 });
    try {
      for (let call = 0; call < 2; call += 1) {
        const response = await request(videosUrl(), { dispatcher: agent });
        expect(response.statusCode).toBe(200);
        await response.body.text();
      }
      const counters = await readCounters();
      expect(counters.tcpConnectionsOpened).toBe(1);
      expect(counters.requests).toEqual({ byEndpoint: { "videos.list": 2 }, total: 2 });
      expect(counters.unitsCharged).toBe(2);
      expect(counters.concurrentConnections).toBe(1);
      expect(counters.maxConcurrentConnections).toBe(1);
    } finally {
      await agent.close();
    }
  });

  it("counts a new connection per request when the client sends connection: close", async () => {
    const agent = new Agent({ keepAliveTimeout: 10_000 });
    try {
      for (let call = 0; call < 2; call += 1) {
        const response = await request(videosUrl(), { dispatcher: agent, headers: { connection: "close" } });
        await response.body.text();
      }
      expect((await readCounters()).tcpConnectionsOpened).toBe(2);
    } finally {
      await agent.close();
    }
  });

  it("tracks concurrent connections and their maximum", async () => {
    const agent = new Agent({ keepAliveTimeout: 10_000, connections: 8 });
    try {
      await emu.control.post("/faults", { kind: "latency", latencyMs: 150 });
      const responses = await Promise.all(
        Array.from({ length: 4 }, () =>
          request(videosUrl(), { dispatcher: agent }).then((response) => response.body.text()),
        ),
      );
      expect(responses).toHaveLength(4);
      const counters = await readCounters();
      expect(counters.tcpConnectionsOpened).toBe(4);
      expect(counters.maxConcurrentConnections).toBe(4);
    } finally {
      await agent.close();
    }
    // Closed connections leave the gauge (the close event can trail the agent's close a little).
    await expect.poll(async () => (await readCounters()).concurrentConnections).toBe(0);
  });

  it("counts requests per endpoint, including feeds, and resets", async () => {
    await fetch(videosUrl()).then((response) => response.text());
    await fetch(`${emu.emulator.url}/youtube/v3/channels?part=id&id=${DEMO_CHANNEL_ID}&key=k`).then((response) =>
      response.text(),
    );
    await fetch(`${emu.emulator.url}/feeds/videos.xml?channel_id=${DEMO_CHANNEL_ID}`).then((response) =>
      response.text(),
    );
    const counters = await readCounters();
    expect(counters.requests).toEqual({ byEndpoint: { "videos.list": 1, "channels.list": 1, feed: 1 }, total: 3 });
    expect(counters.unitsCharged).toBe(2);

    const reset = (await emu.control.post("/counters/reset")).body as unknown as Counters;
    expect(reset).toMatchObject({ requests: { byEndpoint: {}, total: 0 }, unitsCharged: 0, tcpConnectionsOpened: 0 });
    // The quota day is not a counter: what was spent stays spent.
    expect(reset.unitsChargedToday).toBe(2);
  });

  it("attributes the units of calls that name one channel to it, and resets them", async () => {
    await emu.control.post("/counters/reset");
    const api = (query: string) =>
      fetch(`${emu.emulator.url}/youtube/v3/${query}&key=k`).then((response) => response.text());
    await api(`playlistItems?part=id&playlistId=${DEMO_UPLOADS_PLAYLIST_ID}`);
    await api(`channels?part=id&id=${DEMO_CHANNEL_ID}`);
    // Two channels, or only video ids: not attributed.
    await api(`channels?part=id&id=${DEMO_CHANNEL_ID},UCxxxxxxxxxxxxxxxxxxxxxx`);
    await api(`videos?part=id&id=${DEMO_VIDEO_IDS.resolveGrading}`);
    expect((await readCounters()).unitsCharged).toBe(4);
    const byChannel = async () =>
      (await emu.control.get("/counters/units-by-channel")).body as { unitsByChannel: Record<string, number> };
    expect(await byChannel()).toEqual({ unitsByChannel: { [DEMO_CHANNEL_ID]: 2 } });
    await emu.control.post("/counters/reset");
    expect(await byChannel()).toEqual({ unitsByChannel: {} });
  });
});
