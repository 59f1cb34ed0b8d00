import { describe, expect, it } from "vitest";
import { webNodeFlags } from "./next-app";

describe("webNodeFlags", () => {
  it("reads the flags between node and Next's bin in the start script", () => {
    expect(
      webNodeFlags(
        "node --max-semi-space-size=32 --stack-size=984 node_modules/next/dist/bin/next start --port ${PORT:-3000}",
        undefined,
      ),
    ).toEqual(["--max-semi-space-size=32", "--stack-size=984"]);
  });

  it("finds none when the script calls next directly or node without flags", () => {
    expect(webNodeFlags("next start --hostname 127.0.0.1", undefined)).toEqual([]);
    expect(webNodeFlags("node ./node_modules/next/dist/bin/next start", undefined)).toEqual([]);
  });

  it("takes BENCH_WEB_NODE_FLAGS instead when it is set, empty meaning none", () => {
    const script = "node --max-semi-space-size=32 node_modules/next/dist/bin/next start";
    expect(webNodeFlags(script, "--max-semi-space-size=64")).toEqual(["--max-semi-space-size=64"]);
    expect(webNodeFlags(script, "")).toEqual([]);
  });
});
