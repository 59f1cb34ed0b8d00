import pino from "pino";
import { describe, expect, it } from "vitest";
import { db } from "~/server/db";
import { handleSystemPing } from "./system-ping";

const context = {
  jobId: "job",
  retryCount: 0,
  signal: new AbortController().signal,
  logger: pino({ level: "silent" }),
  boss: { send: async () => null, insert: async () => null, redrive: async () => 0 },
};

describe("handleSystemPing", () => {
  it("stamps a requested ping, and doing it twice is harmless", async () => {
    const ping = await db.systemPing.create({ data: { requestedBy: "test" } });
    await handleSystemPing({ pingId: ping.id }, context);
    const first = await db.systemPing.findUniqueOrThrow({ where: { id: ping.id } });
    await handleSystemPing({ pingId: ping.id }, context);
    const second = await db.systemPing.findUniqueOrThrow({ where: { id: ping.id } });
    expect(first.handledAt).not.toBeNull();
    expect(first.handledBy).not.toBeNull();
    // Harmless: still one row, the request it answers untouched, only the handling stamped again.
    expect(await db.systemPing.count({ where: { id: ping.id } })).toBe(1);
    expect(second).toMatchObject({ requestedBy: "test", requestedAt: ping.requestedAt, handledBy: first.handledBy });
    expect(second.handledAt).not.toBeNull();
  });

  it("records a heartbeat when no ping was requested", async () => {
    const result = (await handleSystemPing({}, context)) as { pingId: string };
    expect(await db.systemPing.findUnique({ where: { id: result.pingId } })).toMatchObject({ requestedBy: "schedule" });
  });
});
