import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { createFinishWatch } from "./finish-watch";

const running = { status: "running" };
const done = { status: "done" };

describe("createFinishWatch", () => {
  it("reports a run seen active and then finished, or finished on its first read; never one already finished", () => {
    expect(createFinishWatch()(running, done)).toBe(true);
    expect(createFinishWatch()(undefined, { status: "failed" })).toBe(true);
    expect(createFinishWatch()(done, done)).toBe(false);
    expect(createFinishWatch()(running, { status: "waiting" })).toBe(false);
  });

  it("reports the end once, whatever later reads find", () => {
    const hasJustFinished = createFinishWatch();
    expect(hasJustFinished(running, done)).toBe(true);
    expect(hasJustFinished(running, done)).toBe(false);
    expect(hasJustFinished(undefined, { status: "partial" })).toBe(false);
  });

  it("reports once when an invalidation cancels a read that already found the run finished", async () => {
    // As on the dashboard: the run's read is in flight when a second invalidation (the stream reopening, a
    // second event) cancels it and reads again. The cancelled read still runs to its end, and its result
    // never reaches the cache, so the second read starts from the cached "running" too.
    const queryClient = new QueryClient();
    const queryKey = ["imports.get", "r1"];
    queryClient.setQueryData(queryKey, running);
    const hasJustFinished = createFinishWatch();
    const releases: (() => void)[] = [];
    let reports = 0;
    const observer = new QueryObserver(queryClient, {
      queryKey,
      staleTime: Number.POSITIVE_INFINITY,
      queryFn: async () => {
        const before = queryClient.getQueryData<{ status: string }>(queryKey);
        await new Promise<void>((resolve) => releases.push(resolve));
        if (hasJustFinished(before, done)) reports += 1;
        return done;
      },
    });
    const unsubscribe = observer.subscribe(() => {});
    void queryClient.invalidateQueries({ queryKey });
    await expect.poll(() => releases.length).toBe(1);
    const second = queryClient.invalidateQueries({ queryKey });
    await expect.poll(() => releases.length).toBe(2);
    for (const release of releases) release();
    await second;
    expect(queryClient.getQueryData(queryKey)).toEqual(done);
    expect(reports).toBe(1);
    unsubscribe();
  });
});
