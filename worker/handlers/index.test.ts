import { readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { JobContract } from "~/lib/jobs/define-job";
import { HANDLER_ENTRIES, HANDLERS, JOB_CONTRACTS, type HandlerMap } from "./index";

const JOBS_DIR = path.resolve(import.meta.dirname, "../../src/lib/jobs");

function isContract(value: unknown): value is JobContract {
  return typeof value === "object" && value !== null && "name" in value && "schema" in value && "deadLetter" in value;
}

/** Every contract exported by a src/lib/jobs/*.job.ts file, read from the files themselves. */
async function contractsOnDisk(): Promise<JobContract[]> {
  const files = (await readdir(JOBS_DIR)).filter((file) => file.endsWith(".job.ts"));
  const modules = await Promise.all(
    files.map((file) => import(/* @vite-ignore */ path.join(JOBS_DIR, file)) as Promise<Record<string, unknown>>),
  );
  return modules.flatMap((module) => Object.values(module).filter(isContract));
}

describe("the handler map", () => {
  it("has exactly one entry for every contract file, keyed by the job's name", async () => {
    const contracts = await contractsOnDisk();
    expect(contracts.length).toBeGreaterThanOrEqual(14);
    expect(HANDLER_ENTRIES.map((entry) => entry.job.name).sort()).toEqual(contracts.map((job) => job.name).sort());
    for (const contract of contracts) expect(HANDLERS[contract.name as keyof typeof HANDLERS].job).toBe(contract);
    for (const [name, entry] of Object.entries(HANDLERS)) expect(entry.job.name).toBe(name);
    expect(JOB_CONTRACTS).toEqual(HANDLER_ENTRIES.map((entry) => entry.job));
  });

  it("does not typecheck with a handler missing, one too many, or one filed under another job's name", () => {
    const { "system.ping": _missing, ...withoutPing } = HANDLERS;
    // @ts-expect-error — "system.ping" has no entry: the typecheck (npm run check) fails on this line if it does not.
    const incomplete: HandlerMap = withoutPing;
    // @ts-expect-error — the ops sampler's entry under system.ping's name.
    const mismatched: HandlerMap = { ...HANDLERS, "system.ping": HANDLERS["ops.sample"] };
    // @ts-expect-error — an entry for a job no contract file registered (JobRegistry in src/lib/jobs/registry.ts).
    const extra: HandlerMap = { ...HANDLERS, "test.unregistered": HANDLERS["ops.sample"] };
    expect(Object.keys(incomplete)).not.toContain("system.ping");
    expect(mismatched["system.ping"].job.name).toBe("ops.sample");
    expect(Object.keys(extra)).toContain("test.unregistered");
  });
});
