import { afterAll, describe, expect, it } from "vitest";
import { getSenderBoss } from "~/server/boss";
import { db } from "~/server/db";
import { createTestUser } from "@test/test-user";
import { createContextInner } from "../context";
import { createCaller } from "./_app";

afterAll(async () => {
  await (await getSenderBoss()).stop({ graceful: false });
});

describe("system router", () => {
  it("health is public and checks the database", async () => {
    const caller = createCaller(createContextInner({ session: null }));
    const health = await caller.system.health();
    expect(health.status).toBe("ok");
    expect(health.checks.database?.ok).toBe(true);
  });

  it("ping needs a session, then the admin role", async () => {
    await expect(createCaller(createContextInner({ session: null })).system.ping()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const user = await createTestUser();
    await expect(createCaller(user.context).system.ping()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("an admin's ping writes the row and its job in one transaction", async () => {
    const admin = await createTestUser({ role: "admin" });
    const caller = createCaller(admin.context);
    const { pingId } = await caller.system.ping();
    const row = await caller.system.pingStatus({ pingId });
    expect(row).toMatchObject({ id: pingId, handledAt: null });
    const jobs = await db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'system.ping' AND data->>'pingId' = ${pingId}`;
    expect(jobs[0]?.n).toBe(1);
  });

  it("pingStatus validates its input and hides unknown ids behind NOT_FOUND", async () => {
    const admin = await createTestUser({ role: "admin" });
    const caller = createCaller(admin.context);
    await expect(caller.system.pingStatus({ pingId: "nope" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.system.pingStatus({ pingId: "0195f1d2-7a3b-7c4d-8e5f-0123456789ab" })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: "That ping does not exist.",
    });
  });
});
