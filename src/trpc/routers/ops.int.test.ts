import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { getSenderBoss } from "~/server/boss";
import { createTestUser } from "@test/test-user";
import { createContextInner } from "../context";
import { createCaller } from "./_app";

afterAll(async () => {
  await (await getSenderBoss()).stop({ graceful: false });
});

describe("ops router", () => {
  it("is for admins only", async () => {
    await expect(createCaller(createContextInner({ session: null })).ops.overview()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const user = await createTestUser();
    await expect(createCaller(user.context).ops.overview()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      createCaller(user.context).ops.retryDeadLetter({ deadLetterQueue: "system.ping.dead-letter", id: randomUUID() }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("gives an admin the whole overview", async () => {
    const admin = await createTestUser({ role: "admin" });
    const overview = await createCaller(admin.context).ops.overview();
    expect(overview.queues.map((queue) => queue.name)).toContain("sync.enrich");
    expect(overview.queueHistory.map((queue) => queue.queue)).toContain("ops.sample");
    expect(overview.quota.limit).toBeGreaterThan(0);
    expect(overview.readAt).toBeInstanceOf(Date);
  });

  it("checks retryDeadLetter's input: a malformed name or id is BAD_REQUEST, a gone job is already retried", async () => {
    const caller = createCaller((await createTestUser({ role: "admin" })).context);
    await expect(
      caller.ops.retryDeadLetter({ deadLetterQueue: "pgboss.job; drop", id: randomUUID() }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      caller.ops.retryDeadLetter({ deadLetterQueue: "system.ping.dead-letter", id: "nope" }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      caller.ops.retryDeadLetter({ deadLetterQueue: "made.up-queue.dead-letter", id: randomUUID() }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "made.up-queue.dead-letter is not a dead-letter queue.",
    });
    await expect(
      caller.ops.retryDeadLetter({ deadLetterQueue: "system.ping.dead-letter", id: randomUUID() }),
    ).resolves.toEqual({
      status: "already_retried",
    });
  });
});
