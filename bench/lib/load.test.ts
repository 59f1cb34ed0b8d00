import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieJar } from "./cookie-jar";
import { countSseRecords, runLoad } from "./load";

describe("counting a live stream's server-sent events", () => {
  it("counts data messages, apart from pings and tRPC's control records, and keeps an unfinished record for the next chunk", () => {
    const chunk =
      'event: connected\ndata: {"reconnectAfterInactivityMs":8000}\n\nid: 1\ndata: {"kind":"import"}\n\nevent: ping\ndata: \n\ndata: {"kind":"notif';
    const first = countSseRecords(chunk);
    expect(first).toEqual({ events: 1, pings: 1, rest: 'data: {"kind":"notif' });
    const second = countSseRecords(`${first.rest}ication"}\r\n\r\n: comment only\n\n`);
    expect(second).toEqual({ events: 1, pings: 0, rest: "" });
  });
});

describe("the load generator's open tabs", () => {
  let server: Server;
  let origin = "";
  const cookiesSeen: string[] = [];
  beforeAll(async () => {
    // A stream that sends its connected record, then one event and one ping every 100 ms until the client leaves.
    server = createServer((req, res) => {
      if (req.url === "/set") {
        res.writeHead(200, { "set-cookie": "cache=signed; Path=/; Max-Age=300" });
        res.end("{}");
        return;
      }
      if (req.url === "/seen") cookiesSeen.push(req.headers.cookie ?? "");
      if (req.url === "/busy") {
        res.writeHead(503, { "retry-after": "1" });
        res.end();
        return;
      }
      if (req.url === "/stream") {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write("event: connected\ndata: {}\n\n");
        const timer = setInterval(() => res.write('data: {"n":1}\n\nevent: ping\ndata: \n\n'), 100);
        res.on("close", () => clearInterval(timer));
        return;
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("holds one stream per user for the run, counts its events, polls once per interval, and counts streams as requests", async () => {
    const users = 5;
    const result = await runLoad({
      origin,
      users,
      durationMs: 1_500,
      thinkMs: { min: 200, max: 300 },
      timeoutMs: 5_000,
      requestFor: () => ({ endpoint: "page", method: "GET", path: "/page", headers: {} }),
      classify: (status) => (status === 200 ? "ok" : "error"),
      tab: {
        stream: () => ({
          endpoint: "stream",
          method: "GET",
          path: "/stream",
          headers: { accept: "text/event-stream" },
        }),
        poll: { everyMs: 1_500, requestFor: () => ({ endpoint: "poll", method: "GET", path: "/poll", headers: {} }) },
      },
    });
    expect(result.errors).toBe(0);
    expect(result.streams).not.toBeNull();
    const streams = result.streams!;
    expect(streams.opened).toBe(users);
    expect(streams.maxOpen).toBe(users);
    // Each stream is open for at least 1.5 s − 0.3 s of stagger: ≥ 10 events at one per 100 ms, and as many pings.
    expect(streams.events).toBeGreaterThanOrEqual(users * 10);
    expect(streams.pings).toBeGreaterThanOrEqual(users * 10);
    expect(result.byEndpoint.poll?.ok).toBe(users);
    const page = result.byEndpoint.page!.requests;
    expect(result.requests).toBe(page + users + users);
  });

  it("counts a stream the server refuses as an error", async () => {
    const result = await runLoad({
      origin,
      users: 1,
      durationMs: 500,
      thinkMs: { min: 100, max: 100 },
      timeoutMs: 5_000,
      requestFor: () => ({ endpoint: "page", method: "GET", path: "/page", headers: {} }),
      classify: () => "ok",
      tab: { stream: () => ({ endpoint: "stream", method: "GET", path: "/not-a-stream", headers: {} }), poll: null },
    });
    expect(result.streams?.opened).toBe(0);
    expect(result.streams?.errors).toBeGreaterThanOrEqual(1);
    expect(result.errors).toBe(result.streams!.errors);
    expect(result.errorSamples[0]).toContain("application/json");
  });

  it("counts 503s (refused for load) apart from errors, for requests and streams, and leaves them out of latency", async () => {
    const result = await runLoad({
      origin,
      users: 2,
      durationMs: 600,
      thinkMs: { min: 100, max: 100 },
      timeoutMs: 5_000,
      requestFor: (_user, sequence) => ({
        endpoint: "page",
        method: "GET",
        path: sequence === 0 ? "/page" : "/busy",
        headers: {},
      }),
      classify: (status) => (status === 200 ? "ok" : status === 503 ? "busy" : "error"),
      tab: { stream: () => ({ endpoint: "stream", method: "GET", path: "/busy", headers: {} }), poll: null },
    });
    expect(result.errors).toBe(0);
    expect(result.streams?.busy).toBe(2);
    expect(result.byEndpoint.page?.ok).toBe(2);
    expect(result.byEndpoint.page?.busy).toBeGreaterThanOrEqual(2);
    expect(result.busy).toBe(result.byEndpoint.page!.busy + 2);
    expect(result.latency.count).toBe(2);
    expect(result.requests).toBe(result.byEndpoint.page!.requests + 2);
  });

  it("keeps each user's cookies from one run to the next and sends them back over the request's own", async () => {
    const jars = [new CookieJar(), new CookieJar()];
    const run = (path: string) =>
      runLoad({
        origin,
        users: 2,
        durationMs: 400,
        thinkMs: { min: 100, max: 100 },
        timeoutMs: 5_000,
        requestFor: (user) => ({ endpoint: "page", method: "GET", path, headers: { cookie: `token=user${user}` } }),
        classify: () => "ok",
        cookieJars: jars,
      });
    await run("/set");
    await run("/seen");
    expect([...new Set(cookiesSeen)].sort()).toEqual(["token=user0; cache=signed", "token=user1; cache=signed"]);
  });

  it("spreads requests and streams over several processes' origins, each getting its share", async () => {
    const hits = [0, 0];
    const streams = [0, 0];
    const second = createServer((req, res) => {
      if (req.url === "/stream") {
        streams[1]! += 1;
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write("event: connected\ndata: {}\n\n");
        return;
      }
      hits[1]! += 1;
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
    await new Promise<void>((resolve) => second.listen(0, "127.0.0.1", resolve));
    const address = second.address();
    const secondOrigin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    // The first server counts too, through the paths only this test asks of it.
    const counting = (req: { url?: string }) => {
      if (req.url === "/spread") hits[0]! += 1;
      if (req.url === "/stream") streams[0]! += 1;
    };
    server.on("request", counting);
    try {
      const users = 6;
      const result = await runLoad({
        origin: [origin, secondOrigin],
        users,
        durationMs: 1_000,
        thinkMs: { min: 50, max: 100 },
        timeoutMs: 5_000,
        requestFor: () => ({ endpoint: "page", method: "GET", path: "/spread", headers: {} }),
        classify: (status) => (status === 200 ? "ok" : "error"),
        tab: {
          stream: () => ({ endpoint: "stream", method: "GET", path: "/stream", headers: {} }),
          poll: null,
        },
      });
      expect(result.errors).toBe(0);
      expect(result.streams?.opened).toBe(users);
      expect(streams[0]! + streams[1]!).toBe(users);
      expect(Math.min(...streams)).toBeGreaterThanOrEqual(users / 2 - 1);
      const pages = result.byEndpoint.page!.requests;
      expect(hits[0]! + hits[1]!).toBe(pages);
      expect(Math.min(...hits)).toBeGreaterThanOrEqual(pages / 3);
    } finally {
      server.off("request", counting);
      second.closeAllConnections();
      await new Promise<void>((resolve) => second.close(() => resolve()));
    }
  });

  it("refuses an origin off loopback, whether alone or among several", async () => {
    const run = (origin: string | string[]) =>
      runLoad({
        origin,
        users: 1,
        durationMs: 100,
        thinkMs: { min: 50, max: 50 },
        timeoutMs: 1_000,
        requestFor: () => ({ endpoint: "page", method: "GET", path: "/", headers: {} }),
        classify: () => "ok",
      });
    await expect(run("http://10.0.0.1:80")).rejects.toThrow("loopback only");
    await expect(run([origin, "http://10.0.0.1:80"])).rejects.toThrow("loopback only");
  });
});
