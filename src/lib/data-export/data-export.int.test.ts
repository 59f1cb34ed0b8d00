/**
 * "Export my data" on real Postgres: requested through tRPC, written by the data-export.build handler as
 * the worker runs it, downloaded through the route handler (GET /api/data-export) with a personal access
 * token: the file's contents, once only, by its owner only, and expiry with pruning.
 */
import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { GET as downloadGet } from "~/app/api/data-export/route";
import { env } from "~/env";
import { createAccessToken } from "~/lib/access-tokens/create-access-token";
import { encryptSecret } from "~/lib/crypto/secret-box";
import { getSenderBoss } from "~/server/boss";
import { db } from "~/server/db";
import { createCaller } from "~/trpc/routers/_app";
import { createTestUser } from "@test/test-user";
import { buildDataExport, DATA_EXPORT_FORMAT } from "./build-data-export";
import { DATA_EXPORT_CHUNK_BYTES, DATA_EXPORT_ROW_RETENTION_DAYS } from "./limits";
import { pruneDataExports } from "./prune-data-exports";

const logger = pino({ level: "silent" });

afterAll(async () => {
  await (await getSenderBoss()).stop({ graceful: false });
});

async function exporter() {
  const user = await createTestUser();
  const { token } = await createAccessToken({ userId: user.id, name: "export test" });
  return { ...user, caller: createCaller(user.context), token };
}

function download(exportId: string, token?: string) {
  const headers = new Headers(token ? { authorization: `Bearer ${token}` } : {});
  return downloadGet(new Request(new URL(`/api/data-export?id=${exportId}`, env.APP_URL), { headers }));
}

/** Projects with a tool, a category, topics and stats, created `count` at a time in SQL. */
async function addProjects(userId: string, count: number) {
  const suffix = randomUUID().replaceAll("-", "");
  const tool = await db.tool.findFirstOrThrow({ select: { id: true, name: true } });
  const category = await db.category.findFirstOrThrow({ select: { id: true, name: true } });
  await db.$executeRaw`
    INSERT INTO "Project" ("userId", "slug", "title", "youtubeVideoId", "externalUrl", "topics", "viewCount", "likeCount", "visibility", "createdAt", "updatedAt")
    SELECT ${userId}, 'p-' || n, 'Project ' || n, substr(md5(${suffix} || n), 1, 11), 'https://www.youtube.com/watch?v=' || n,
           ARRAY['lighting', 'topic ' || n], n * 100, n, 'public', now() - n * interval '1 second', now()
      FROM generate_series(1, ${count}::int) AS n`;
  await db.$executeRaw`INSERT INTO "ProjectTool" ("projectId", "toolId") SELECT "id", ${tool.id}::uuid FROM "Project" WHERE "userId" = ${userId}`;
  await db.$executeRaw`INSERT INTO "ProjectCategory" ("projectId", "categoryId") SELECT "id", ${category.id}::uuid FROM "Project" WHERE "userId" = ${userId}`;
  return { tool, category };
}

type ExportFile = {
  format: string;
  version: number;
  account: { email: string; handle: string | null };
  youtubeConnection: Record<string, unknown> | null;
  sources: { channel: { title: string } }[];
  projects: {
    title: string;
    topics: string[];
    stats: { viewCount: number | null; likeCount: number | null };
    tools: { name: string }[];
    categories: { name: string }[];
  }[];
  imports: { id: string; total: number }[];
  notifications: { kind: string }[];
};

describe("export my data", () => {
  it("writes projects with tools, categories, topics and stats, sources, imports and notifications — and no secret", async () => {
    const user = await exporter();
    const { tool, category } = await addProjects(user.id, 3);
    const suffix = randomUUID().replaceAll("-", "");
    const channel = await db.channel.create({
      data: {
        youtubeChannelId: `UC${suffix.slice(0, 22)}`,
        title: "Followed channel",
        hubSecret: `hub-secret-${suffix}`,
      },
    });
    await db.contentSource.create({ data: { userId: user.id, channelId: channel.id } });
    const run = await db.importRun.create({
      data: { userId: user.id, kind: "videos", total: 3, imported: 3, status: "done" },
    });
    await db.notification.create({ data: { userId: user.id, kind: "import.done", payload: { runId: run.id } } });
    const refreshToken = `refresh-${suffix}`;
    const sealed = encryptSecret(refreshToken);
    await db.youTubeConnection.create({
      data: {
        userId: user.id,
        googleAccountId: "g",
        youtubeChannelId: `UC${suffix.slice(0, 22)}`,
        channelTitle: "Mine",
        scopes: [],
        refreshTokenEnc: sealed,
      },
    });

    const requested = await user.caller.account.requestExport();
    expect(await user.caller.account.exportStatus()).toMatchObject({ id: requested.id, state: "preparing" });
    await expect(user.caller.account.requestExport()).rejects.toMatchObject({ code: "CONFLICT" });

    const built = await buildDataExport({ exportId: requested.id, logger });
    expect(built).toMatchObject({ outcome: "ready", projects: 3, sources: 1, imports: 1, notifications: 1 });
    const status = await user.caller.account.exportStatus();
    expect(status).toMatchObject({ state: "ready", projectsTotal: 3, projectsDone: 3 });
    expect(status!.expiresAt!.getTime() - status!.readyAt!.getTime()).toBe(24 * 3_600_000);

    const response = await download(requested.id, user.token);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="showreel-export-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const text = await response.text();
    expect(Number(response.headers.get("content-length"))).toBe(Buffer.byteLength(text));
    for (const secret of [refreshToken, sealed, `hub-secret-${suffix}`, user.token]) expect(text).not.toContain(secret);
    const file = JSON.parse(text) as ExportFile;
    expect(file).toMatchObject({
      format: DATA_EXPORT_FORMAT,
      version: 1,
      account: { email: `${user.id}@test.showreel.local` },
    });
    expect(file.youtubeConnection).toMatchObject({ channelTitle: "Mine" });
    expect(Object.keys(file.youtubeConnection ?? {}).some((key) => /token/i.test(key))).toBe(false);
    expect(file.projects.map((project) => project.title)).toEqual(["Project 1", "Project 2", "Project 3"]);
    expect(file.projects[1]).toMatchObject({
      topics: ["lighting", "topic 2"],
      stats: { viewCount: 200, likeCount: 2 },
      tools: [{ name: tool.name }],
      categories: [{ name: category.name }],
    });
    expect(file.sources).toMatchObject([{ channel: { title: "Followed channel" } }]);
    expect(file.imports).toMatchObject([{ id: run.id, total: 3 }]);
    expect(file.notifications).toMatchObject([{ kind: "import.done" }]);

    // Once: the file is gone after the download, and a second request is told why.
    expect(await db.dataExportChunk.count({ where: { exportId: requested.id } })).toBe(0);
    const again = await download(requested.id, user.token);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain("already downloaded");
    expect(await user.caller.account.exportStatus()).toMatchObject({ state: "downloaded" });
  });

  it("is downloadable by its owner only, and once even when asked twice at the same time", async () => {
    const owner = await exporter();
    const stranger = await exporter();
    await addProjects(owner.id, 1);
    const requested = await owner.caller.account.requestExport();
    await buildDataExport({ exportId: requested.id, logger });

    expect((await download(requested.id)).status).toBe(401);
    expect((await download(requested.id, stranger.token)).status).toBe(404);
    expect((await download("not-a-uuid", owner.token)).status).toBe(404);
    // The refusals did not use up the owner's one download; two racing requests get it once between them.
    const raced = await Promise.all([download(requested.id, owner.token), download(requested.id, owner.token)]);
    expect(raced.map((response) => response.status).sort()).toEqual([200, 410]);
    await Promise.all(raced.map((response) => response.text()));
  });

  it("expires: refused after DATA_EXPORT_TTL_HOURS, its file pruned, and a new one can be asked for", async () => {
    const user = await exporter();
    await addProjects(user.id, 2);
    const requested = await user.caller.account.requestExport();
    await buildDataExport({ exportId: requested.id, logger });
    expect(await db.dataExportChunk.count({ where: { exportId: requested.id } })).toBeGreaterThan(0);
    await db.dataExport.update({ where: { id: requested.id }, data: { expiresAt: new Date(Date.now() - 1_000) } });

    const response = await download(requested.id, user.token);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain("expired");
    expect(await user.caller.account.exportStatus()).toMatchObject({ state: "expired" });
    const pruned = await pruneDataExports();
    expect(pruned.chunksDeleted).toBeGreaterThan(0);
    expect(await db.dataExportChunk.count({ where: { exportId: requested.id } })).toBe(0);

    const next = await user.caller.account.requestExport();
    expect(next.id).not.toBe(requested.id);
    expect(await user.caller.account.exportStatus()).toMatchObject({ id: next.id, state: "preparing" });

    // The rows themselves go after DATA_EXPORT_ROW_RETENTION_DAYS.
    await db.dataExport.update({
      where: { id: requested.id },
      data: { createdAt: new Date(Date.now() - (DATA_EXPORT_ROW_RETENTION_DAYS + 1) * 86_400_000) },
    });
    expect((await pruneDataExports()).exportsDeleted).toBeGreaterThanOrEqual(1);
    expect(await db.dataExport.count({ where: { id: { in: [requested.id, next.id] } } })).toBe(1);
  });

  it("writes a large account in fixed-size chunks that stream back as one valid file", async () => {
    const PROJECTS = 2_000;
    const user = await exporter();
    await addProjects(user.id, PROJECTS);
    const requested = await user.caller.account.requestExport();
    const startedAt = performance.now();
    const built = await buildDataExport({ exportId: requested.id, logger });
    const elapsedMs = Math.round(performance.now() - startedAt);
    expect(built).toMatchObject({ outcome: "ready", projects: PROJECTS });
    if (built.outcome !== "ready") throw new Error("not ready");
    expect(built.chunks).toBe(Math.ceil(built.bytes / DATA_EXPORT_CHUNK_BYTES));
    const sizes = await db.dataExportChunk.findMany({
      where: { exportId: requested.id },
      select: { seq: true, data: true },
      orderBy: { seq: "asc" },
    });
    expect(sizes.slice(0, -1).every((chunk) => chunk.data.length === DATA_EXPORT_CHUNK_BYTES)).toBe(true);

    const file = JSON.parse(await (await download(requested.id, user.token)).text()) as ExportFile;
    expect(file.projects).toHaveLength(PROJECTS);
    expect(new Set(file.projects.map((project) => project.title)).size).toBe(PROJECTS);
    console.log(
      `data_export.build: ${JSON.stringify({ projects: PROJECTS, bytes: built.bytes, chunks: built.chunks, elapsedMs })}`,
    );
  });

  it("is rate limited per user", async () => {
    const user = await exporter();
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const result = await user.caller.account.requestExport().then(
        async (created) => {
          await buildDataExport({ exportId: created.id, logger });
          return "ok";
        },
        (error: { code: string }) => error.code,
      );
      outcomes.push(result);
    }
    expect(outcomes).toEqual(["ok", "ok", "ok", "ok", "ok", "TOO_MANY_REQUESTS"]);
  });
});
