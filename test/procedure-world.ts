// Test support for the hostile-input suites: every tRPC procedure read from the router itself (so a new one
// cannot be missed), a small world of users and owned rows to aim them at, and a digest of a user's rows to
// prove a refused call wrote nothing.
import { randomUUID } from "node:crypto";
import { db } from "~/server/db";
import { createCaller, appRouter } from "~/trpc/routers/_app";
import { createTestUser } from "./test-user";

export type ProcedureEntry = {
  path: string;
  type: "query" | "mutation" | "subscription";
  /** The input parsers (zod schemas) in the order the procedure applies them. */
  inputs: unknown[];
  call: (caller: unknown, input: unknown) => Promise<unknown>;
};

/** Every procedure of appRouter, by dotted path, with a way to call it on any caller. */
export function routerProcedures(): ProcedureEntry[] {
  // At run time `_def.procedures` is flat, keyed by dotted path; its declared type is the nested record.
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: ProcedureEntry["type"]; inputs: unknown[] } }
  >;
  return Object.entries(procedures).map(([path, procedure]) => ({
    path,
    type: procedure._def.type,
    inputs: procedure._def.inputs,
    call: (caller, input) => {
      const target = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
      return (target as (input: unknown) => Promise<unknown>)(input);
    },
  }));
}

export type TestActor = Awaited<ReturnType<typeof createTestUser>> & { caller: ReturnType<typeof createCaller> };

async function actor(role: "user" | "admin" = "user"): Promise<TestActor> {
  const user = await createTestUser({ role });
  return { ...user, caller: createCaller(user.context) };
}

/** An owner with one of each owned thing, plus another user and an admin (who owns nothing of theirs). */
export async function createProcedureWorld() {
  const [owner, other, admin] = await Promise.all([actor(), actor(), actor("admin")]);
  const suffix = randomUUID().replaceAll("-", "");
  const videoId = `${suffix.slice(0, 10)}A`;
  const project = await db.project.create({
    data: {
      userId: owner.id,
      slug: `p-${suffix}`,
      title: "Owner's private project",
      youtubeVideoId: videoId,
      externalUrl: `https://www.youtube.com/watch?v=${videoId}`,
    },
  });
  const channel = await db.channel.create({
    data: { youtubeChannelId: `UC${suffix.slice(0, 21)}A`, title: "Owner's channel" },
  });
  const source = await db.contentSource.create({ data: { userId: owner.id, channelId: channel.id } });
  const run = await db.importRun.create({ data: { userId: owner.id, kind: "videos", total: 1 } });
  const notification = await db.notification.create({ data: { userId: owner.id, kind: "youtube.reconnect_required" } });
  const token = await owner.caller.accessTokens.create({ name: "owner's script" });
  const handle = `owner${suffix.slice(0, 10)}`;
  await owner.caller.account.setHandle({ handle });
  const ping = await admin.caller.system.ping();
  return {
    owner,
    other,
    admin,
    ids: {
      projectId: project.id,
      sourceId: source.id,
      runId: run.id,
      notificationId: notification.id,
      tokenId: token.id,
      handle,
      pingId: ping.pingId,
    },
    /** Strings that must never appear in what another user or an admin gets back through the user API. */
    secrets: [
      owner.id,
      owner.session!.user.email,
      project.id,
      source.id,
      run.id,
      notification.id,
      token.id,
      token.token,
    ],
  };
}

export type ProcedureWorld = Awaited<ReturnType<typeof createProcedureWorld>>;

/** A digest of every row a user owns, so "nothing was written" is one comparison. */
export async function userDigest(userId: string): Promise<string> {
  const [row] = await db.$queryRaw<{ digest: string }[]>`
    SELECT concat_ws('|',
      (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM "User" t WHERE t.id = ${userId}),
      (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM "Project" t WHERE t."userId" = ${userId}),
      (SELECT md5(coalesce(string_agg(pt::text, ',' ORDER BY pt::text), '')) FROM "ProjectTool" pt JOIN "Project" p ON p.id = pt."projectId" WHERE p."userId" = ${userId}),
      (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM "ContentSource" t WHERE t."userId" = ${userId}),
      (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM "ImportRun" t WHERE t."userId" = ${userId}),
      (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM "Notification" t WHERE t."userId" = ${userId}),
      (SELECT md5(coalesce(string_agg((t.id, t.name, t."revokedAt")::text, ',' ORDER BY t.id), '')) FROM "ApiToken" t WHERE t."userId" = ${userId}),
      (SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t.id), '')) FROM "YouTubeConnection" t WHERE t."userId" = ${userId})
    ) AS digest`;
  return row!.digest;
}

/** Jobs ever queued (pg-boss keeps completed ones), so "nothing was enqueued" is one comparison. */
export async function queuedJobCount(): Promise<number> {
  const [row] = await db.$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM pgboss.job`;
  return Number(row!.count);
}
