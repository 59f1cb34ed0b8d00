import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defineJob } from "~/lib/jobs/define-job";
import { JOB_CONTRACTS } from "~/lib/jobs/registry";
import { assertHandlersCoverContracts, HANDLERS, type HandlerEntry } from "./index";

const jobA = defineJob({ name: "test.a", schema: z.object({}), defaults: {} });
const jobB = defineJob({ name: "test.b", schema: z.object({}), defaults: {} });
const handler = (async () => null) as HandlerEntry["handler"];

describe("assertHandlersCoverContracts", () => {
  it("accepts the real registry: every contract has exactly one handler", () => {
    expect(() => assertHandlersCoverContracts(JOB_CONTRACTS, HANDLERS)).not.toThrow();
    expect(HANDLERS.map((entry) => entry.job.name).sort()).toEqual(JOB_CONTRACTS.map((job) => job.name).sort());
  });

  it("names a contract without a handler, one with two, and a handler without a contract", () => {
    const orphan = defineJob({ name: "test.orphan", schema: z.object({}), defaults: {} });
    expect(() =>
      assertHandlersCoverContracts(
        [jobA, jobB],
        [
          { job: jobB, handler },
          { job: jobB, handler },
          { job: orphan, handler },
        ],
      ),
    ).toThrow(/test\.a has 0 handlers[\s\S]*test\.b has 2 handlers[\s\S]*test\.orphan has a handler but no contract/);
  });
});
