/**
 * Child process: the reviewed system's three endpoints the API-load benchmark calls, reproduced as a
 * benchmark fixture — never used by the app (docs/design.md#the-baseline):
 * - GET  /api/v1/integrations/youtube/my-videos/ — channels.list(mine) for the uploads playlist, one
 *   playlistItems page, videos.list, then EVERY watch URL of the user's projects loaded to flag the page;
 * - GET  /api/v1/integrations/content-sources/youtube/ — the user's sources, unpaginated;
 * - POST /api/v1/integrations/youtube/import/ — 10 per hour per user (over it: 403, as django-ratelimit
 *   answers), then one task queued per video.
 * Requests are served by WORKERS workers at a time, as a pre-fork Django deployment serves them (one request
 * per worker process; the rest wait in the listen queue) — which also keeps the baseline from exhausting
 * the shared Postgres server's connection slots. Each request opens its own database connection
 * (Django's default CONN_MAX_AGE=0) and finds its session by the cookie's token; YouTube calls go through fetch's pool with the user's token (the
 * reviewed client pooled HTTP). Prints "baseline api ready <url>". One route is the harness's, not the reviewed
 * system's: POST RESET_IMPORT_LIMITS_PATH (bench/baseline/harness.ts) forgets the hour's imports.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import pg from "pg";
import { readDriverInput } from "../lib/driver";
import { RESET_IMPORT_LIMITS_PATH } from "./harness";

const IMPORTS_PER_HOUR = 10;
/** Requests in progress at once: a typical gunicorn deployment's sync workers (2 × cores + 1, for 8 cores). */
export const WORKERS = 17;
let busy = 0;
const waiting: (() => void)[] = [];

async function withWorker<T>(work: () => Promise<T>): Promise<T> {
  if (busy >= WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  busy += 1;
  try {
    return await work();
  } finally {
    busy -= 1;
    waiting.shift()?.();
  }
}
const input = readDriverInput<{ databaseUrl: string; apiBaseUrl: string; accessToken: string }>();
const importsByUser = new Map<string, number>();

async function youtube<T>(path: string): Promise<T> {
  const response = await fetch(`${input.apiBaseUrl}/youtube/v3/${path}`, {
    headers: { authorization: `Bearer ${input.accessToken}` },
  });
  if (!response.ok) throw new Error(`YouTube ${path.split("?")[0]}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

async function myVideos(client: pg.Client, userId: string) {
  const channels = await youtube<{ items: { contentDetails: { relatedPlaylists: { uploads: string } } }[] }>(
    "channels?part=contentDetails&mine=true",
  );
  const uploads = channels.items[0]?.contentDetails.relatedPlaylists.uploads;
  if (!uploads) return { success: false, error: "No YouTube channel found" };
  const page = await youtube<{ items: { snippet: { resourceId: { videoId: string } } }[] }>(
    `playlistItems?part=snippet&playlistId=${uploads}&maxResults=50`,
  );
  const ids = page.items.map((item) => item.snippet.resourceId.videoId);
  const videos = await youtube<{ items: { id: string; snippet: { title: string; description: string } }[] }>(
    `videos?part=snippet,contentDetails,statistics&id=${ids.join(",")}`,
  );
  const { rows } = await client.query<{ externalUrl: string }>(
    `SELECT "externalUrl" FROM "Project" WHERE "userId" = $1 AND "externalUrl" LIKE '%youtube.com/watch?v=%'`,
    [userId],
  );
  const imported = new Set(rows.map((row) => row.externalUrl));
  return {
    success: true,
    videos: videos.items.map((video) => ({
      id: video.id,
      title: video.snippet.title,
      description: video.snippet.description.slice(0, 200),
      already_imported: imported.has(`https://youtube.com/watch?v=${video.id}`),
    })),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, body: string) {
  const token = /(?:^|;\s*)sessionid=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
  const client = new pg.Client({
    connectionString: input.databaseUrl,
    application_name: "showreel-bench-baseline-api",
  });
  await client.connect();
  try {
    const session = token
      ? (
          await client.query<{ userId: string }>(
            `SELECT "userId" FROM "Session" WHERE "token" = $1 AND "expiresAt" > now()`,
            [token],
          )
        ).rows[0]
      : undefined;
    if (!session) return send(res, 401, { detail: "Authentication credentials were not provided." });
    const url = req.url ?? "";
    if (req.method === "GET" && url.startsWith("/api/v1/integrations/youtube/my-videos/"))
      return send(res, 200, await myVideos(client, session.userId));
    if (req.method === "GET" && url.startsWith("/api/v1/integrations/content-sources/youtube/")) {
      const { rows } = await client.query(
        `SELECT s."id", c."youtubeChannelId" AS source_identifier, c."title" AS display_name, s."syncEnabled" AS sync_enabled, s."lastSyncedAt" AS last_synced_at, s."createdAt" AS created_at
           FROM "ContentSource" s JOIN "Channel" c ON c."id" = s."channelId" WHERE s."userId" = $1 ORDER BY s."createdAt" DESC`,
        [session.userId],
      );
      return send(res, 200, rows);
    }
    if (req.method === "POST" && url.startsWith("/api/v1/integrations/youtube/import/")) {
      const used = importsByUser.get(session.userId) ?? 0;
      if (used >= IMPORTS_PER_HOUR)
        return send(res, 403, { detail: "You do not have permission to perform this action." });
      importsByUser.set(session.userId, used + 1);
      const { video_url: videoUrl } = JSON.parse(body) as { video_url: string };
      const videoId = new URL(videoUrl).searchParams.get("v");
      if (!videoId) return send(res, 400, { error: "Invalid YouTube video URL" });
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO bench_baseline_task ("userId", "videoId") VALUES ($1, $2) RETURNING "id"`,
        [session.userId, videoId],
      );
      return send(res, 202, {
        success: true,
        task_id: rows[0]!.id,
        message: `Importing video ${videoId}`,
        video_id: videoId,
      });
    }
    return send(res, 404, { detail: "Not found." });
  } finally {
    await client.end();
  }
}

const setup = new pg.Client({ connectionString: input.databaseUrl });
await setup.connect();
await setup.query(
  `CREATE TABLE IF NOT EXISTS bench_baseline_task ("id" bigserial PRIMARY KEY, "userId" text NOT NULL, "videoId" text NOT NULL, "queuedAt" timestamptz NOT NULL DEFAULT now())`,
);
await setup.end();

const server = createServer((req, res) => {
  if (req.method === "POST" && req.url === RESET_IMPORT_LIMITS_PATH) {
    importsByUser.clear();
    res.writeHead(204).end();
    return;
  }
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
  req.on("end", () => {
    withWorker(() => handle(req, res, body)).catch((error: unknown) =>
      send(res, 500, { error: "Failed", message: String(error) }),
    );
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object")
    process.stdout.write(`baseline api ready http://127.0.0.1:${address.port}\n`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
