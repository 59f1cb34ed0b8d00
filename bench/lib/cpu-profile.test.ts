import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { callersOf, sourceMapOrigins, summarizeProfile, whereOf, type CpuProfile } from "./cpu-profile";

const ROOT = "/srv/app";
const frame = (functionName: string, url: string, lineNumber = 0, columnNumber = 0) => ({
  functionName,
  url,
  lineNumber,
  columnNumber,
});

describe("where a profiled function's code comes from", () => {
  it("names the package, the Node built-in or the project file", () => {
    expect(whereOf("file:///srv/app/node_modules/@trpc/server/dist/index.js", ROOT)).toBe("@trpc/server");
    expect(whereOf("/srv/app/node_modules/next/dist/compiled/next-server/x.js", ROOT)).toBe("next");
    expect(whereOf("node:_http_outgoing", ROOT)).toBe("node:_http_outgoing");
    expect(whereOf("file:///srv/app/src/trpc/context.ts", ROOT)).toBe("src/trpc/context.ts");
  });

  it("traces bundled code back through the bundle's source map, and keeps V8's own frames apart", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "showreel-profile-"));
    const bundle = path.join(dir, ".next/server/chunks/app.js");
    const chunks = path.dirname(bundle);
    // One mapping on line 1: column 0 comes from src/trpc/context.ts, named resolveSession (VLQ "AAAAA").
    const map = {
      version: 3,
      file: "app.js",
      sources: ["../../../src/trpc/context.ts"],
      names: ["resolveSession"],
      mappings: "AAAAA",
    };
    mkdirSync(chunks, { recursive: true });
    writeFileSync(bundle, "function a(){}\n");
    writeFileSync(`${bundle}.map`, JSON.stringify(map));
    const originOf = sourceMapOrigins(dir);
    expect(originOf(frame("a", `file://${bundle}`, 0, 0))).toEqual({
      where: "src/trpc/context.ts",
      name: "resolveSession",
    });
    expect(originOf(frame("(garbage collector)", ""))).toEqual({
      where: "(garbage collector)",
      name: "(garbage collector)",
    });
    expect(originOf(frame("writev", ""))).toEqual({ where: "(native) writev", name: "writev" });
  });
});

describe("a profile's self time", () => {
  it("adds each sample's time to its leaf function, as shares of the busy time, idle left out", () => {
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame("(root)", ""), children: [2, 3, 5] },
        { id: 2, callFrame: frame("(idle)", "") },
        {
          id: 3,
          callFrame: frame("resolveResponse", "file:///srv/app/node_modules/@trpc/server/dist/a.js"),
          children: [6],
        },
        { id: 5, callFrame: frame("submit", "file:///srv/app/node_modules/pg/lib/query.js"), children: [7] },
        { id: 6, callFrame: frame("end", "node:_http_outgoing"), children: [4] },
        { id: 7, callFrame: frame("uncork", "node:internal/streams/writable"), children: [8] },
        { id: 4, callFrame: frame("writev", "") },
        { id: 8, callFrame: frame("writev", "") },
      ],
      samples: [2, 3, 4, 3, 2, 8, 8],
      timeDeltas: [1_000, 3_000, 1_000, 3_000, 5_000, 500, 1_500],
    };
    const summary = summarizeProfile(profile, sourceMapOrigins(ROOT));
    expect(summary.busyMs).toBe(9);
    expect(summary.idleMs).toBe(6);
    expect(summary.byWhere).toEqual([
      { key: "@trpc/server", share: 6 / 9 },
      { key: "(native) writev", share: 3 / 9 },
    ]);
    expect(summary.byFunction[0]).toEqual({ key: "resolveResponse (@trpc/server)", share: 6 / 9 });
    // writev's time split by the first caller past Node's own stream and HTTP code.
    expect(callersOf(profile, sourceMapOrigins(ROOT), "writev")).toEqual([
      { key: "submit (pg)", share: 2 / 9 },
      { key: "resolveResponse (@trpc/server)", share: 1 / 9 },
    ]);
  });
});
