import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob } from "~/lib/jobs/define-job";
import { JOB_CONTRACTS } from "~/lib/jobs/registry";
import { assertHandlersCoverContracts, handle } from "../lib/register-handlers";
import { HANDLER_ENTRIES, HANDLERS, type HandlerMap } from "./index";

const queue = { policy: "standard", deleteAfterSeconds: 60 } as const;
const work = { batchSize: 1, localConcurrency: 1, pollingIntervalSeconds: 1 };
const jobA = defineJob({ name: "test.a", schema: z.object({}), defaults: {}, queue });
const jobB = defineJob({ name: "test.b", schema: z.object({}), defaults: {}, queue });
const handler = async () => null;

describe("the handler map", () => {
  it("has exactly one handler for every contract in the registry", () => {
    expect(() => assertHandlersCoverContracts(JOB_CONTRACTS, HANDLER_ENTRIES)).not.toThrow();
    expect(HANDLER_ENTRIES.map((entry) => entry.job.name).sort()).toEqual(JOB_CONTRACTS.map((job) => job.name).sort());
    for (const [name, entry] of Object.entries(HANDLERS)) expect(entry.job.name).toBe(name);
  });

  it("does not typecheck with a handler missing or filed under another job's name", () => {
    const { "system.ping": _missing, ...withoutPing } = HANDLERS;
    // @ts-expect-error — "system.ping" has no entry: the typecheck (npm run check) fails on this line if it does not.
    const incomplete: HandlerMap = withoutPing;
    // @ts-expect-error — the ops sampler's entry under system.ping's name.
    const mismatched: HandlerMap = { ...HANDLERS, "system.ping": HANDLERS["ops.sample"] };
    expect(Object.keys(incomplete)).not.toContain("system.ping");
    expect(mismatched["system.ping"].job.name).toBe("ops.sample");
  });
});

describe("assertHandlersCoverContracts", () => {
  it("names a contract without a handler, one with two, and a handler without a contract", () => {
    const orphan = defineJob({ name: "test.orphan", schema: z.object({}), defaults: {}, queue });
    expect(() =>
      assertHandlersCoverContracts(
        [jobA, jobB],
        [handle(jobB, handler, work), handle(jobB, handler, work), handle(orphan, handler, work)],
      ),
    ).toThrow(/test\.a has 0 handlers[\s\S]*test\.b has 2 handlers[\s\S]*test\.orphan has a handler but no contract/);
  });
});
