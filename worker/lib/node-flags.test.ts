import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { WORKER_NODE_FLAGS } from "./node-flags";

describe("the worker's V8 flags", () => {
  it("are the ones `npm run start:worker` passes to node", () => {
    const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts["start:worker"]).toContain(`node ${WORKER_NODE_FLAGS.join(" ")} dist/worker/main.mjs`);
  });
});
