import { describe, expect, it } from "vitest";
import { isInFlux } from "./in-flux";

const key = (path: string) => [path.split("."), { input: {}, type: "query" }];

describe("isInFlux", () => {
  it("finds the reads a missed event could leave stuck, and nothing else", () => {
    expect(isInFlux(key("imports.get"), { status: "running" })).toBe(true);
    expect(isInFlux(key("imports.get"), { status: "waiting" })).toBe(true);
    expect(isInFlux(key("imports.get"), { status: "done" })).toBe(false);
    expect(isInFlux(key("imports.get"), undefined)).toBe(false);
    expect(isInFlux(key("projects.get"), { analysisStatus: "pending" })).toBe(true);
    expect(isInFlux(key("projects.get"), { analysisStatus: "ai" })).toBe(false);
    expect(isInFlux(key("projects.list"), { items: [{ analysisStatus: "ai" }, { analysisStatus: "pending" }] })).toBe(
      true,
    );
    expect(
      isInFlux(key("projects.list"), {
        pages: [{ items: [{ analysisStatus: "ai" }] }, { items: [{ analysisStatus: "pending" }] }],
      }),
    ).toBe(true);
    expect(isInFlux(key("projects.list"), { pages: [{ items: [{ analysisStatus: "fallback" }] }] })).toBe(false);
    expect(isInFlux(key("quota.today"), { status: "running" })).toBe(false);
    expect(isInFlux(["not-trpc"], { status: "running" })).toBe(false);
  });
});
