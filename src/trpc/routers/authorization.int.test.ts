/**
 * The authorization matrix: every procedure of appRouter (read from the router, not listed by hand) ×
 * anonymous, another user, the owner and an admin, each with its expected outcome. A procedure added to the
 * router without a row here fails the first test until someone decides who may call it.
 *
 * Besides the tRPC code, every call by someone other than the owner must leave the owner's rows exactly as
 * they were (a digest of them), and its answer must not contain the owner's ids, e-mail or token.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getSenderBoss } from "~/server/boss";
import { testEmulatorControl } from "@test/emulator-control";
import { createProcedureWorld, routerProcedures, userDigest, type ProcedureWorld } from "@test/procedure-world";
import { createContextInner } from "../context";
import { createCaller } from "./_app";

type Actor = "anonymous" | "other" | "owner" | "admin";
/** "ok" = answered; otherwise the tRPC code it must fail with. */
type Outcome = "ok" | TRPCError["code"];

/**
 * - public: anyone.
 * - self: any signed-in user, acting on their own account only.
 * - owned: addresses one of the owner's rows by id; anyone else gets NOT_FOUND (we never say it exists).
 * - admin: administrators only.
 */
type Access = "public" | "self" | "owned" | "admin";

type Row = {
  access: Access;
  input?: (world: ProcedureWorld) => unknown;
  /** What a signed-in caller gets when the call is allowed but the account lacks a prerequisite. */
  allowed?: Outcome;
  /** For bulk "these ids" calls: others are answered, and ids that are not theirs are skipped (the digest proves it). */
  othersGet?: Outcome;
};

let followableChannelId = "";

const MATRIX: Record<string, Row> = {
  "system.health": { access: "public" },
  "system.features": { access: "public" },
  "system.ping": { access: "admin" },
  "system.pingStatus": { access: "admin", input: (world) => ({ pingId: world.ids.pingId }) },
  "youtube.connection": { access: "self" },
  // Nobody in the world has connected YouTube: allowed, and answered with the typed "not connected" errors.
  "youtube.checkConnection": { access: "self", allowed: "NOT_FOUND" },
  "youtube.myVideos": { access: "self", input: () => ({}), allowed: "PRECONDITION_FAILED" },
  "youtube.disconnect": { access: "self" },
  "notifications.list": { access: "self", input: () => ({}) },
  "notifications.unreadCount": { access: "self" },
  "notifications.markRead": {
    access: "owned",
    input: (world) => ({ ids: [world.ids.notificationId] }),
    othersGet: "ok",
  },
  "accessTokens.list": { access: "self" },
  "accessTokens.create": { access: "self", input: () => ({ name: "matrix" }) },
  "accessTokens.revoke": { access: "owned", input: (world) => ({ id: world.ids.tokenId }) },
  "imports.importVideos": { access: "self", input: () => ({ videos: ["dQw4w9WgXcQ"] }) },
  "imports.importChannel": { access: "self", input: () => ({ channel: followableChannelId, maxVideos: 1 }) },
  "imports.list": { access: "self", input: () => ({}) },
  "imports.get": { access: "owned", input: (world) => ({ runId: world.ids.runId }) },
  "projects.list": { access: "self", input: () => ({}) },
  "projects.get": { access: "owned", input: (world) => ({ id: world.ids.projectId }) },
  "projects.catalog": { access: "self" },
  "projects.update": {
    access: "owned",
    input: (world) => ({ id: world.ids.projectId, data: { title: "Taken over" } }),
  },
  "projects.reanalyze": { access: "owned", input: (world) => ({ id: world.ids.projectId }) },
  "projects.delete": { access: "owned", input: (world) => ({ id: world.ids.projectId }) },
  "sources.list": { access: "self", input: () => ({}) },
  "sources.add": { access: "self", input: () => ({ channel: followableChannelId }) },
  "sources.update": { access: "owned", input: (world) => ({ sourceId: world.ids.sourceId, syncEnabled: false }) },
  "sources.remove": { access: "owned", input: (world) => ({ sourceId: world.ids.sourceId }) },
  "sources.syncNow": { access: "owned", input: (world) => ({ sourceId: world.ids.sourceId }) },
  "ops.overview": { access: "admin" },
  // An id that was never dead-lettered answers already_retried: nothing moves, whoever asks.
  "ops.retryDeadLetter": {
    access: "admin",
    input: () => ({ deadLetterQueue: "system.ping.dead-letter", id: "01a23a00-0000-7000-8000-000000000000" }),
  },
  "quota.today": { access: "self" },
  "dashboard.summary": { access: "self" },
  "account.get": { access: "self" },
  "account.setHandle": {
    access: "self",
    input: () => ({ handle: `h${crypto.randomUUID().slice(0, 12).replace("-", "")}` }),
  },
  // Words that name nobody's account: refused for every caller, so the matrix deletes no one.
  "account.delete": { access: "self", input: () => ({ confirmation: "not my account" }), allowed: "BAD_REQUEST" },
  "account.requestExport": { access: "self" },
  "account.exportStatus": { access: "self" },
  "portfolio.byHandle": { access: "public", input: (world) => ({ handle: world.ids.handle }) },
  // Answers the caller's own stream (not consumed here: src/trpc/routers/live.int.test.ts reads one).
  "live.events": { access: "self", input: () => ({}) },
};

function expectedOutcome(row: Row, actor: Actor): Outcome {
  const allowed = row.allowed ?? "ok";
  if (row.access === "public") return allowed;
  if (actor === "anonymous") return "UNAUTHORIZED";
  if (row.access === "admin") return actor === "admin" ? allowed : "FORBIDDEN";
  if (row.access === "owned" && actor !== "owner") return row.othersGet ?? "NOT_FOUND";
  return allowed;
}

async function outcomeOf(run: () => Promise<unknown>): Promise<{ outcome: Outcome; result: unknown }> {
  try {
    return { outcome: "ok", result: await run() };
  } catch (error) {
    if (error instanceof TRPCError) return { outcome: error.code, result: error.message };
    throw error;
  }
}

const procedures = routerProcedures();
const ACTORS: Actor[] = ["anonymous", "other", "admin", "owner"];
const table: string[] = [];

beforeAll(async () => {
  const control = testEmulatorControl();
  const channel = await control<{ id: string }>("POST", "/channels", {
    title: "Matrix channel",
    handle: `@matrix${crypto.randomUUID().slice(0, 8)}`,
  });
  followableChannelId = channel.id;
});

afterAll(async () => {
  await (await getSenderBoss()).stop({ graceful: false });
  console.log(
    `[hostile] authorization matrix (${procedures.length} procedures × ${ACTORS.length} callers):\n${table.join("\n")}`,
  );
});

describe("authorization matrix", () => {
  it("classifies every procedure of the router, and nothing that is not one", () => {
    const paths = procedures.map((procedure) => procedure.path).sort();
    expect(
      paths.filter((path) => !(path in MATRIX)),
      "procedures nobody classified",
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((path) => !paths.includes(path)),
      "rows for procedures that no longer exist",
    ).toEqual([]);
  });

  it.each(procedures.map((procedure) => [procedure.path, procedure] as const))("%s", async (path, procedure) => {
    const row = MATRIX[path];
    if (!row) throw new Error(`${path} is not classified in MATRIX`);
    const world = await createProcedureWorld();
    const callers: Record<Actor, unknown> = {
      anonymous: createCaller(createContextInner({ session: null })),
      other: world.other.caller,
      admin: world.admin.caller,
      owner: world.owner.caller,
    };
    const seen: string[] = [];
    // The owner goes last: their call may delete what the others were refused.
    for (const actor of ACTORS) {
      const ownerBefore = await userDigest(world.owner.id);
      const { outcome, result } = await outcomeOf(() => procedure.call(callers[actor], row.input?.(world)));
      seen.push(`${actor}=${outcome}`);
      expect(outcome, `${path} as ${actor}`).toBe(expectedOutcome(row, actor));
      if (actor !== "owner") {
        expect(await userDigest(world.owner.id), `${path} as ${actor} changed the owner's rows`).toBe(ownerBefore);
        const answer =
          JSON.stringify(result, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)) ??
          "";
        for (const secret of world.secrets)
          expect(answer, `${path} as ${actor} leaked an owner value`).not.toContain(secret);
      }
    }
    table.push(`| ${path} | ${row.access} | ${seen.join(", ")} |`);
  });
});
