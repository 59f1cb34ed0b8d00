import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { capacityBlock, writeCapacityBlock } from "./capacity-doc";

const cost = { workerMs: 0.25, postgresMs: 0.05, upstreamMs: 0.07, walBytes: 600 };
const input = (measured: number) => ({
  command: "npm run bench -- --full --only sync",
  when: "2026-12-06T09:00:00Z",
  machine: "2 CPUs",
  cores: 2,
  channels: 1_000_000,
  runs: [{ workers: 1, checksPerSecond: measured, cost, availableCores: 2 }],
});

describe("docs/capacity.md's measured block", () => {
  it("says whether the model explains the measured runs within 15 %", () => {
    // One worker: 1 / 0.25 ms = 4,000 checks/s predicted.
    expect(capacityBlock(input(3_700)).modelHolds).toBe(true);
    const off = capacityBlock(input(3_000));
    expect(off.modelHolds).toBe(false);
    expect(off.markdown).toContain("+33.3 %");
  });

  it("sizes 1M and 10M channels from the one-worker costs, without the emulator's share", () => {
    const { markdown } = capacityBlock(input(3_900));
    // 1M channels every 10 minutes: 1,667 checks/s × 0.25 ms / 0.6 = 0.69 worker cores; × 0.05 ms / 0.6 = 0.14 Postgres cores.
    expect(markdown).toMatch(/\| 1,000,000 \| 1,667 \| 0\.69 \| 1 \| 0\.14 \| 1\.0 \| yes \|/);
    expect(markdown).toMatch(/\| 10,000,000 \| 16,667 \| 6\.94 \| 7 \| 1\.39 \| 9\.5 \| yes \|/);
    expect(markdown).toContain("M followed channels** at this cadence");
  });

  it("replaces only the block between its markers", () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), "capacity-")), "capacity.md");
    writeFileSync(
      file,
      "# Capacity\n\nprose\n<!-- bench:capacity-sync:start -->\nold\n<!-- bench:capacity-sync:end -->\nmore prose\n",
    );
    writeCapacityBlock(file, "capacity-sync", "new figures");
    expect(readFileSync(file, "utf8")).toBe(
      "# Capacity\n\nprose\n<!-- bench:capacity-sync:start -->\nnew figures\n<!-- bench:capacity-sync:end -->\nmore prose\n",
    );
  });
});
