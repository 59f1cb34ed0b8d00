/**
 * Body caps and admission control measured against a real web process (test/web-routes-process.ts:
 * the App Router's route modules behind node:http, bodies streamed as Next streams them), started with
 * WEB_MAX_IN_FLIGHT=2. A 60 MB body is refused with 413 (or 401 when signed out): the process's resident
 * memory (VmRSS, measured from a collected heap) rises by no more than a few MB, and once the garbage is
 * collected again it holds nothing more than before; past the in-flight cap, 503 + Retry-After comes at once.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { request as httpRequest, type ClientRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAccessToken } from "~/lib/access-tokens/create-access-token";
import { createTestUser } from "@test/test-user";
import { testDatabaseUrl } from "@test/test-db-url";

const SIXTY_MB = 60 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x61);
/**
 * One chunk past the default tRPC body cap (WEB_MAX_BODY_BYTES, 1 MiB): a chunked sender stops there and
 * waits for the answer. The server can refuse by then, and has read all that was sent, so it closes the
 * socket cleanly after its 413; a client still writing would meet a reset (EPIPE) before it read the answer.
 * A server that does not refuse gets the rest of the 60 MB after the wait.
 */
const PAUSE_CHUNKED_AFTER_BYTES = 1024 * 1024 + CHUNK.length;
/** What "a few MB" means here: far below one body, above the noise of a GC cycle. */
const MAX_RSS_RISE_KB = 5 * 1024;
/** What the process may still hold after a full collection: nothing of the body (noise of a few hundred KiB). */
const MAX_HELD_RISE_KB = 1024;

let web: ChildProcess | undefined;
let port = 0;
let token = "";

type HeldMemory = { heapUsedKb: number; arrayBuffersKb: number };

/** The JS heap and array buffers the web process holds after a full collection (test/web-routes-process.ts). */
async function heldMemory(): Promise<HeldMemory> {
  return JSON.parse((await get("/__test/memory")).body) as HeldMemory;
}

async function rssKb(): Promise<number> {
  const status = await readFile(`/proc/${web!.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
}

type Answer = { status: number; retryAfter: string | null; ms: number; body: string };

/**
 * POSTs `totalBytes` (streamed in 64 KiB chunks, with or without Content-Length) and resolves with the
 * answer as soon as it comes, stopping the upload: the server may close the socket on the unread rest.
 */
function postBody(
  path: string,
  options: { totalBytes: number; declareLength: boolean; bearer?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (options.declareLength) headers["content-length"] = String(options.totalBytes);
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    let answered = false;
    const req = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers }, (res) => {
      answered = true;
      let body = "";
      res.on("data", (chunk) => (body += String(chunk)));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          retryAfter: res.headers["retry-after"] ?? null,
          ms: performance.now() - startedAt,
          body,
        }),
      );
      res.on("error", reject);
      req.destroy();
    });
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    let sent = 0;
    let paused = false;
    const pump = () => {
      while (!answered && sent < options.totalBytes) {
        // Chunked: once well past the cap, wait a moment for the answer before sending more, or the
        // socket the server closes after its 413 may fail our next write (EPIPE) before the answer is read.
        if (!options.declareLength && !paused && sent >= PAUSE_CHUNKED_AFTER_BYTES) {
          paused = true;
          return void setTimeout(pump, 500);
        }
        sent += CHUNK.length;
        if (!req.write(CHUNK)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    // With a declared length the answer needs no body at all; a client that waits briefly for it (as
    // with Expect: 100-continue) reads the 413 instead of an EPIPE from the socket the server closed.
    if (options.declareLength) {
      req.write(CHUNK);
      sent = CHUNK.length;
      setTimeout(pump, 500);
    } else pump();
  });
}

/** Opens a POST and sends a few bytes of its body without finishing it, so it stays in flight. */
function holdOpen(path: string): ClientRequest {
  const req = httpRequest({
    host: "127.0.0.1",
    port,
    path,
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
  });
  req.on("error", () => undefined);
  req.write('{"0":');
  return req;
}

function get(path: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    httpRequest({ host: "127.0.0.1", port, path }, (res) => {
      const ms = performance.now() - startedAt;
      let body = "";
      res.on("data", (chunk) => (body += String(chunk)));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] ?? null, ms, body }),
      );
    })
      .on("error", reject)
      .end();
  });
}

beforeAll(async () => {
  const user = await createTestUser();
  token = (await createAccessToken({ userId: user.id, name: "limits" })).token;
  web = spawn(process.execPath, ["--expose-gc", "--import", "tsx", "test/web-routes-process.ts"], {
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(), WEB_MAX_IN_FLIGHT: "2", LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  web.stdout?.on("data", (chunk) => (output += String(chunk)));
  web.stderr?.on("data", (chunk) => (output += String(chunk)));
  const deadline = Date.now() + 60_000;
  while (!/web ready \d+/.test(output)) {
    if (Date.now() > deadline || web.exitCode !== null) throw new Error(`the web process did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  port = Number(/web ready (\d+)/.exec(output)?.[1]);
  // Warm the route (modules, Prisma's engine, the pool, and each path a case takes: the body cap, a public
  // procedure, a protected one refused signed out) so the memory measured is the request's, not code compiled
  // on a path's first use.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await postBody("/api/trpc/imports.importVideos", {
      totalBytes: 2 * 1024 * 1024,
      declareLength: false,
      bearer: token,
    });
    expect((await get("/api/trpc/system.health")).status).toBe(200);
    expect((await postBody("/api/trpc/imports.importVideos", { totalBytes: 1024, declareLength: true })).status).toBe(
      401,
    );
  }
}, 120_000);

afterAll(() => {
  web?.kill("SIGKILL");
});

describe("request body caps in a web process", () => {
  it.each([
    { how: "declared by Content-Length", declareLength: true, bearer: true, status: 413 },
    { how: "chunked, with no length", declareLength: false, bearer: true, status: 413 },
    { how: "sent signed out to a procedure that needs a session", declareLength: true, bearer: false, status: 401 },
  ])(
    "a 60 MB body $how is refused ($status) without the process's memory rising",
    async ({ declareLength, bearer, status }) => {
      const heldBefore = await heldMemory();
      const before = await rssKb();
      const answer = await postBody("/api/trpc/imports.importVideos", {
        totalBytes: SIXTY_MB,
        declareLength,
        ...(bearer ? { bearer: token } : {}),
      });
      const after = await rssKb();
      const heldAfter = await heldMemory();
      const heldRiseKb =
        heldAfter.heapUsedKb + heldAfter.arrayBuffersKb - heldBefore.heapUsedKb - heldBefore.arrayBuffersKb;
      console.log(
        `[limits] 60 MB body ${declareLength ? "with" : "without"} Content-Length, ${bearer ? "signed in" : "signed out"}: HTTP ${answer.status} in ${answer.ms.toFixed(0)} ms, VmRSS ${before} → ${after} kB, held after GC ${heldRiseKb >= 0 ? "+" : ""}${heldRiseKb} kB`,
      );
      expect(answer.status).toBe(status);
      expect(answer.ms).toBeLessThan(declareLength ? 500 : 2_000);
      expect(after - before).toBeLessThan(MAX_RSS_RISE_KB);
      expect(heldRiseKb).toBeLessThan(MAX_HELD_RISE_KB);
    },
  );
});

describe("admission control in a web process", () => {
  it("past WEB_MAX_IN_FLIGHT answers 503 with Retry-After at once, and admits again when a slot frees", async () => {
    const held = [holdOpen("/api/trpc/imports.importVideos"), holdOpen("/api/trpc/imports.importVideos")];
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const refusals: Answer[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) refusals.push(await get("/api/trpc/system.health"));
      const times = refusals.map((answer) => answer.ms).sort((a, b) => a - b);
      console.log(`[limits] 503 past the cap: ${times.map((ms) => ms.toFixed(1)).join(", ")} ms`);
      for (const answer of refusals) {
        expect(answer.status).toBe(503);
        expect(answer.retryAfter).toBe("1");
      }
      // The median, because this machine's other processes can stall any single request.
      expect(times[2]).toBeLessThan(50);
    } finally {
      for (const req of held) req.destroy();
    }
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (status !== 200 && Date.now() < deadline) status = (await get("/api/trpc/system.health")).status;
    expect(status).toBe(200);
  });
});
