/**
 * Account deletion end to end on real Postgres and pg-boss: closing through the tRPC procedure, then the
 * account.purge job run as the worker runs it. The check of "nothing of the user is left" walks every
 * table with a "userId" column found in the catalog (a table added later is covered without editing this
 * file), plus what is keyed by the user without one; another user's rows are counted before and after.
 */
import { randomUUID } from "node:crypto";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "~/env";
import { encryptSecret } from "~/lib/crypto/secret-box";
import { analyzeProjectJob } from "~/lib/jobs/analyze-project.job";
import { dataExportBuildJob } from "~/lib/jobs/data-export-build.job";
import { enqueue } from "~/lib/jobs/enqueue";
import { importVideosJob } from "~/lib/jobs/import-videos.job";
import { consumeRateLimit, IMPORT_RATE_LIMIT } from "~/lib/rate-limit/limiters";
import { userQuotaScope } from "~/lib/quota/reserve-quota";
import { BOSS_SCHEMA, getSenderBoss } from "~/server/boss";
import { db, onQuery } from "~/server/db";
import { createCaller } from "~/trpc/routers/_app";
import { createTestUser } from "@test/test-user";
import { testBoss } from "@test/job-harness";
import { PURGE_CHUNK_ROWS, purgeAccount } from "./purge-account";

const logger = pino({ level: "silent" });

afterAll(async () => {
  await (await getSenderBoss()).stop({ graceful: false });
});

/** Every base table of the app's schema with a "userId" column, read from the catalog. */
async function tablesWithUserId(): Promise<string[]> {
  const rows = await db.$queryRaw<{ table: string }[]>`
    SELECT c.table_name AS "table" FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = current_schema() AND c.column_name = 'userId' AND t.table_type = 'BASE TABLE'`;
  return rows.map((row) => row.table).sort();
}

/** Rows of `userId` in every such table, plus the rows keyed by the user without a "userId" column. */
async function rowsOf(userId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesWithUserId()) {
    const [row] = await db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "${table}" WHERE "userId" = $1`,
      userId,
    );
    counts[table] = Number(row?.n ?? 0);
  }
  const [keyed] = await db.$queryRaw<
    { quota: bigint; limits: bigint; pings: bigint; verifications: bigint; users: bigint }[]
  >`
    SELECT (SELECT count(*) FROM "QuotaDay" WHERE "scope" = ${userQuotaScope(userId)}) AS quota,
           (SELECT count(*) FROM "RateLimit" WHERE "key" LIKE ${`%:${userId}`}) AS limits,
           (SELECT count(*) FROM "SystemPing" WHERE "requestedBy" = ${userId}) AS pings,
           (SELECT count(*) FROM "Verification" WHERE "value" = ${userId}) AS verifications,
           (SELECT count(*) FROM "User" WHERE "id" = ${userId}) AS users`;
  counts["QuotaDay(user scope)"] = Number(keyed?.quota);
  counts["RateLimit(user key)"] = Number(keyed?.limits);
  counts["SystemPing(requestedBy)"] = Number(keyed?.pings);
  counts["Verification(value)"] = Number(keyed?.verifications);
  counts.User = Number(keyed?.users);
  return counts;
}

async function jobState(name: string, id: string | null): Promise<string | undefined> {
  const [row] = await db.$queryRawUnsafe<{ state: string }[]>(
    `SELECT state::text AS state FROM ${BOSS_SCHEMA}.job WHERE name = $1 AND id = $2::uuid`,
    name,
    id,
  );
  return row?.state;
}

/** A user with one or more of everything a user can have, and queued jobs naming their rows. */
async function populatedUser(options: { sharedChannelId: string; projects?: number }) {
  const user = await createTestUser();
  const userId = user.id;
  const suffix = randomUUID().replaceAll("-", "");
  const handle = `del${suffix.slice(0, 12)}`;
  await db.user.update({ where: { id: userId }, data: { handle } });
  const [tool] = await db.tool.findMany({ take: 1, select: { id: true } });
  const [category] = await db.category.findMany({ take: 1, select: { id: true } });
  const ownChannel = await db.channel.create({
    data: { youtubeChannelId: `UC${suffix.slice(0, 21)}X`, title: "Only mine" },
  });
  const [sharedSource, ownSource] = await Promise.all([
    db.contentSource.create({ data: { userId, channelId: options.sharedChannelId } }),
    db.contentSource.create({ data: { userId, channelId: ownChannel.id } }),
  ]);
  const run = await db.importRun.create({ data: { userId, kind: "videos", total: 3, status: "running" } });
  const projectCount = options.projects ?? 3;
  await db.$executeRaw`
    INSERT INTO "Project" ("userId", "slug", "title", "youtubeVideoId", "externalUrl", "topics", "viewCount", "contentSourceId", "importRunId", "updatedAt")
    SELECT ${userId}, 'p-' || n, 'Project ' || n, substr(md5(${suffix} || n), 1, 11), 'https://www.youtube.com/watch?v=' || n,
           ARRAY['topic'], n * 10, CASE WHEN n % 2 = 0 THEN ${sharedSource.id}::uuid ELSE ${ownSource.id}::uuid END, ${run.id}::uuid, now()
      FROM generate_series(1, ${projectCount}::int) AS n`;
  await db.$executeRaw`
    INSERT INTO "ProjectTool" ("projectId", "toolId") SELECT "id", ${tool!.id}::uuid FROM "Project" WHERE "userId" = ${userId}`;
  await db.$executeRaw`
    INSERT INTO "ProjectCategory" ("projectId", "categoryId") SELECT "id", ${category!.id}::uuid FROM "Project" WHERE "userId" = ${userId}`;
  const project = await db.project.findFirstOrThrow({ where: { userId }, select: { id: true } });
  await db.notification.create({ data: { userId, kind: "import.done", payload: { runId: run.id } } });
  await db.apiToken.create({ data: { userId, name: "script", prefix: "shr_x", tokenHash: `hash-${suffix}` } });
  await db.session.create({
    data: { id: randomUUID(), userId, token: `token-${suffix}`, expiresAt: new Date(Date.now() + 86_400_000) },
  });
  await db.account.create({
    data: { id: randomUUID(), userId, accountId: userId, providerId: "credential", password: "scrypt:hash" },
  });
  await db.youTubeConnection.create({
    data: {
      userId,
      googleAccountId: `g-${suffix}`,
      youtubeChannelId: `UC${suffix.slice(0, 22)}`,
      channelTitle: "Mine",
      scopes: ["https://www.googleapis.com/auth/youtube.readonly"],
      accessTokenEnc: encryptSecret(`access-${suffix}`),
      refreshTokenEnc: encryptSecret(`refresh-${suffix}`),
      accessTokenExpiresAt: new Date(Date.now() + 3_600_000),
    },
  });
  await db.myVideosPage.create({
    data: { userId, pageKey: "24:", youtubeChannelId: "UCx", body: {}, videoIds: [], fetchedAt: new Date() },
  });
  const dataExport = await db.dataExport.create({
    data: {
      userId,
      status: "ready",
      readyAt: new Date(),
      expiresAt: new Date(Date.now() + 3_600_000),
      chunks: 1,
      bytes: 2,
    },
  });
  await db.dataExportChunk.create({ data: { exportId: dataExport.id, seq: 0, data: new Uint8Array([123, 125]) } });
  await db.quotaDay.createMany({
    data: [
      { day: new Date(), scope: userQuotaScope(userId), used: 5, limit: 100 },
      { day: new Date(Date.now() - 86_400_000), scope: userQuotaScope(userId), used: 7, limit: 100 },
    ],
  });
  await consumeRateLimit(IMPORT_RATE_LIMIT, userId);
  await db.systemPing.create({ data: { requestedBy: userId } });
  await db.verification.create({
    data: {
      id: randomUUID(),
      identifier: `reset-password:${suffix}`,
      value: userId,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });

  const boss = await testBoss();
  const jobs = {
    importVideos: await enqueue(boss, importVideosJob, { runId: run.id, batch: 0, videoIds: ["dQw4w9WgXcQ"] }),
    analyze: await enqueue(boss, analyzeProjectJob, { projectId: project.id }),
    export: await enqueue(boss, dataExportBuildJob, { exportId: dataExport.id }),
  };
  return { ...user, handle, ownChannelId: ownChannel.id, exportId: dataExport.id, jobs };
}

describe("account deletion", () => {
  it("closes at once, then leaves no row of the user in any table, another user's rows untouched and shared channels kept", async () => {
    const sharedChannel = await db.channel.create({
      data: { youtubeChannelId: `UC${randomUUID().replaceAll("-", "").slice(0, 21)}S`, title: "Followed by both" },
    });
    const victim = await populatedUser({ sharedChannelId: sharedChannel.id });
    const bystander = await populatedUser({ sharedChannelId: sharedChannel.id });
    const victimBefore = await rowsOf(victim.id);
    // The fixture really covers every table with a "userId": a new table would need a row here to be tested.
    expect(
      Object.entries(victimBefore)
        .filter(([, count]) => count === 0)
        .map(([table]) => table),
    ).toEqual([]);
    const bystanderBefore = await rowsOf(bystander.id);
    const caller = createCaller(victim.context);

    await expect(caller.account.delete({ confirmation: "someone-else@example.com" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await rowsOf(victim.id)).toEqual(victimBefore);

    // Closed: in one transaction, before any job has run.
    await expect(caller.account.delete({ confirmation: `  ${victim.handle.toUpperCase()} ` })).resolves.toEqual({
      deleted: true,
    });
    const closed = await db.user.findUniqueOrThrow({ where: { id: victim.id } });
    expect(closed).toMatchObject({
      handle: null,
      name: "Deleted account",
      email: `deleted-${victim.id}@deleted.invalid`,
      image: null,
    });
    expect(closed.deletedAt).toBeInstanceOf(Date);
    const afterClose = await rowsOf(victim.id);
    expect({ Session: afterClose.Session, Account: afterClose.Account, ApiToken: afterClose.ApiToken }).toEqual({
      Session: 0,
      Account: 0,
      ApiToken: 0,
    });
    expect(await db.contentSource.count({ where: { userId: victim.id, syncEnabled: true } })).toBe(0);
    await expect(createCaller(bystander.context).portfolio.byHandle({ handle: victim.handle })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // A second request finds nothing to delete.
    await expect(caller.account.delete({ confirmation: victim.handle })).rejects.toMatchObject({ code: "NOT_FOUND" });

    // The job: rows deleted, queued jobs cancelled, the user row kept until no cookie cache can still be accepted.
    const first = await purgeAccount({ userId: victim.id, boss: await testBoss(), logger });
    expect(first.outcome).toBe("rows_deleted_user_row_due");
    expect(await jobState(importVideosJob.name, victim.jobs.importVideos)).toBe("cancelled");
    expect(await jobState(analyzeProjectJob.name, victim.jobs.analyze)).toBe("cancelled");
    expect(await jobState(dataExportBuildJob.name, victim.jobs.export)).toBe("cancelled");
    expect(await jobState(importVideosJob.name, bystander.jobs.importVideos)).toBe("created");
    expect(await jobState(analyzeProjectJob.name, bystander.jobs.analyze)).toBe("created");
    expect(await jobState(dataExportBuildJob.name, bystander.jobs.export)).toBe("created");
    // The follow-up waits for the cookie cache age (+5 s) after closing.
    expect(first.userRowDue?.getTime()).toBe(
      closed.deletedAt!.getTime() + env.SESSION_COOKIE_CACHE_SECONDS * 1000 + 5_000,
    );
    const followUps = await db.$queryRawUnsafe<{ start_after: Date }[]>(
      `SELECT start_after FROM ${BOSS_SCHEMA}.job WHERE name = 'account.purge' AND state = 'created' AND data->>'userId' = $1 AND start_after > now()`,
      victim.id,
    );
    expect(followUps.map((job) => job.start_after.getTime())).toEqual([first.userRowDue?.getTime()]);
    const between = await rowsOf(victim.id);
    expect(Object.entries(between).filter(([table, count]) => table !== "User" && count > 0)).toEqual([]);
    expect(between.User).toBe(1);

    // Once the cookie cache age has passed, the follow-up deletes the user row.
    await db.user.update({ where: { id: victim.id }, data: { deletedAt: new Date(Date.now() - 10 * 60_000) } });
    expect((await purgeAccount({ userId: victim.id, boss: await testBoss(), logger })).outcome).toBe("purged");
    const after = await rowsOf(victim.id);
    expect(Object.entries(after).filter(([, count]) => count > 0)).toEqual([]);
    expect(await db.dataExportChunk.count({ where: { exportId: victim.exportId } })).toBe(0);
    expect((await purgeAccount({ userId: victim.id, boss: await testBoss(), logger })).outcome).toBe("gone");

    // Nothing of anyone else moved; the channels stay (shared rows), and the other follower still follows.
    expect(await rowsOf(bystander.id)).toEqual(bystanderBefore);
    expect(await db.channel.count({ where: { id: { in: [sharedChannel.id, victim.ownChannelId] } } })).toBe(2);
    expect(await db.contentSource.count({ where: { channelId: sharedChannel.id } })).toBe(1);
    expect(await db.channelSchedule.count({ where: { channelId: sharedChannel.id } })).toBe(1);
  });

  it("never purges an account that is not closed", async () => {
    const user = await populatedUser({
      sharedChannelId: (
        await db.channel.create({
          data: { youtubeChannelId: `UC${randomUUID().replaceAll("-", "").slice(0, 22)}`, title: "x" },
        })
      ).id,
    });
    const before = await rowsOf(user.id);
    expect((await purgeAccount({ userId: user.id, boss: await testBoss(), logger })).outcome).toBe("not_closed");
    expect(await rowsOf(user.id)).toEqual(before);
  });

  it("deletes a 5,000-project account in chunks: no statement removes more than PURGE_CHUNK_ROWS projects", async () => {
    const PROJECTS = 5_000;
    const channel = await db.channel.create({
      data: { youtubeChannelId: `UC${randomUUID().replaceAll("-", "").slice(0, 22)}`, title: "big" },
    });
    const user = await populatedUser({ sharedChannelId: channel.id, projects: PROJECTS });
    await createCaller(user.context).account.delete({ confirmation: user.session!.user.email });
    const projectDeletes: number[] = [];
    const stop = onQuery(({ query, durationMs }) => {
      if (/DELETE FROM "Project"/.test(query)) projectDeletes.push(durationMs);
    });
    const startedAt = performance.now();
    let result: Awaited<ReturnType<typeof purgeAccount>>;
    try {
      result = await purgeAccount({ userId: user.id, boss: await testBoss(), logger });
    } finally {
      stop();
    }
    const elapsedMs = Math.round(performance.now() - startedAt);
    expect(result.outcome).toBe("rows_deleted_user_row_due");
    expect(result.deleted.Project).toBe(PROJECTS);
    expect(projectDeletes.length).toBe(
      Math.ceil(PROJECTS / PURGE_CHUNK_ROWS) + (PROJECTS % PURGE_CHUNK_ROWS === 0 ? 1 : 0),
    );
    expect(await db.project.count({ where: { userId: user.id } })).toBe(0);
    console.log(
      `account.purge: ${JSON.stringify({ projects: PROJECTS, chunkRows: PURGE_CHUNK_ROWS, projectStatements: projectDeletes.length, longestProjectStatementMs: Math.max(...projectDeletes), elapsedMs })}`,
    );
  });
});
