import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { createTRPCClient } from "@trpc/client";
import { createTRPCOptionsProxy } from "@trpc/tanstack-react-query";
import { describe, expect, it, vi } from "vitest";
import type { LiveImportRun } from "~/server/live/hub";
import type { AppRouter } from "~/trpc/routers/_app";
import { applyLiveEvent } from "./live-updates";

function setUp() {
  const queryClient = new QueryClient();
  // No links: any request would throw, so a test that passes made none.
  const trpc = createTRPCOptionsProxy<AppRouter>({ client: createTRPCClient<AppRouter>({ links: [] }), queryClient });
  const apply = (event: Parameters<typeof applyLiveEvent>[0]) =>
    applyLiveEvent(event, { queryClient, trpc: trpc as never });
  const invalidated = (queryKey: readonly unknown[]) => queryClient.getQueryState(queryKey)?.isInvalidated ?? null;
  return { queryClient, trpc, apply, invalidated };
}

const run = (over: Partial<LiveImportRun> = {}): LiveImportRun => ({
  id: "r1",
  kind: "videos",
  status: "running",
  total: 4,
  imported: 1,
  skipped: 0,
  failed: 0,
  skipReasons: {},
  unitsSpent: 1,
  resumeAt: null,
  waitReason: null,
  label: "Four clips",
  error: null,
  createdAt: new Date(0),
  startedAt: new Date(0),
  finishedAt: null,
  ...over,
});

describe("applyLiveEvent", () => {
  it("writes an active run's figures into the run a page shows, without a request", () => {
    const { queryClient, trpc, apply, invalidated } = setUp();
    const key = trpc.imports.get.queryKey({ runId: "r1" });
    queryClient.setQueryData(key, run({ imported: 0 }) as never);
    apply({ kind: "import", runId: "r1", run: run({ imported: 3 }) });
    expect(queryClient.getQueryData(key)).toMatchObject({ imported: 3 });
    expect(invalidated(key)).toBe(false);
  });

  it("rereads a run whose skip reasons it cannot read, rather than showing them", () => {
    const { queryClient, trpc, apply, invalidated } = setUp();
    const key = trpc.imports.get.queryKey({ runId: "r1" });
    queryClient.setQueryData(key, run({ imported: 0 }) as never);
    apply({ kind: "import", runId: "r1", run: run({ imported: 3, skipReasons: { unavailable: "two" } }) });
    expect(queryClient.getQueryData(key)).toMatchObject({ imported: 0 });
    expect(invalidated(key)).toBe(true);

    apply({ kind: "import", runId: "r1", run: run({ imported: 3, skipReasons: { unavailable: 2, retired: 1 } }) });
    expect(queryClient.getQueryData(key)).toMatchObject({ imported: 3, skipReasons: { unavailable: 2 } });
    expect(queryClient.getQueryData(key)).not.toHaveProperty("skipReasons.retired");
  });

  it("rereads a finished run and what its end changed; a run no page shows makes the run lists reread", () => {
    const { queryClient, trpc, apply, invalidated } = setUp();
    const key = trpc.imports.get.queryKey({ runId: "r1" });
    const quota = trpc.quota.today.queryKey();
    const summary = trpc.dashboard.summary.queryKey();
    for (const cached of [key, quota, summary]) queryClient.setQueryData(cached, {} as never);
    apply({ kind: "import", runId: "r1", run: run({ status: "done", imported: 4 }) });
    expect([invalidated(key), invalidated(quota), invalidated(summary)]).toEqual([true, true, true]);

    const fresh = setUp();
    fresh.queryClient.setQueryData(fresh.trpc.dashboard.summary.queryKey(), {} as never);
    fresh.apply({ kind: "import", runId: "r2", run: run({ id: "r2" }) });
    expect(fresh.invalidated(fresh.trpc.dashboard.summary.queryKey())).toBe(true);
    expect(fresh.queryClient.getQueryData(fresh.trpc.imports.get.queryKey({ runId: "r2" }))).toBeUndefined();
  });

  it("keeps an active run's newer figures when a reread that predates them answers after they arrive", async () => {
    const { queryClient, trpc, apply } = setUp();
    const key = trpc.imports.get.queryKey({ runId: "r1" });
    queryClient.setQueryData(key, run({ imported: 0 }) as never);
    let answerRead: () => void = () => {};
    const observer = new QueryObserver<LiveImportRun>(queryClient, {
      queryKey: key as unknown as readonly unknown[],
      staleTime: Number.POSITIVE_INFINITY,
      // The reread took its snapshot before the change; it answers late unless it is cancelled.
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        await new Promise<void>((resolve) => {
          answerRead = resolve;
          signal.addEventListener("abort", () => resolve());
        });
        return run({ imported: 0 });
      },
      retry: false,
    });
    const unsubscribe = observer.subscribe(() => {});
    void queryClient.invalidateQueries({ queryKey: key });
    await vi.waitFor(() => expect(queryClient.getQueryState(key)?.fetchStatus).toBe("fetching"));
    apply({ kind: "import", runId: "r1", run: run({ imported: 1 }) });
    answerRead();
    await vi.waitFor(() => expect(queryClient.getQueryState(key)?.fetchStatus).toBe("idle"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(queryClient.getQueryData(key)).toMatchObject({ imported: 1 });
    unsubscribe();
  });

  it("reads a run again when a change arrives while its first read is still in flight (that read may predate it)", async () => {
    const { queryClient, trpc, apply } = setUp();
    const key = trpc.imports.get.queryKey({ runId: "r1" });
    let reads = 0;
    const observer = new QueryObserver<LiveImportRun>(queryClient, {
      queryKey: key as unknown as readonly unknown[],
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        reads += 1;
        if (reads > 1) return run({ status: "done", imported: 4 });
        // The first read took its snapshot before the change and answers late.
        await new Promise((resolve) => signal.addEventListener("abort", resolve));
        return run({ imported: 0 });
      },
      retry: false,
    });
    const unsubscribe = observer.subscribe(() => {});
    await vi.waitFor(() => expect(reads).toBe(1));
    apply({ kind: "import", runId: "r1", run: run({ status: "done", imported: 4 }) });
    await vi.waitFor(() => expect(queryClient.getQueryData(key)).toMatchObject({ status: "done", imported: 4 }));
    expect(reads).toBe(2);
    unsubscribe();
  });

  it("invalidates only what each event affects, and everything on a resync", () => {
    const { queryClient, trpc, apply, invalidated } = setUp();
    const keys = {
      unread: trpc.notifications.unreadCount.queryKey(),
      project: trpc.projects.get.queryKey({ id: "p1" }),
      sources: trpc.sources.list.queryKey({}),
      quota: trpc.quota.today.queryKey(),
    };
    const reset = () => {
      for (const key of Object.values(keys)) queryClient.setQueryData(key, {} as never);
    };
    const state = () => Object.fromEntries(Object.entries(keys).map(([name, key]) => [name, invalidated(key)]));

    reset();
    apply({ kind: "notification" });
    expect(state()).toEqual({ unread: true, project: false, sources: false, quota: true });
    reset();
    apply({ kind: "project", projectId: "p1" });
    expect(state()).toEqual({ unread: false, project: true, sources: false, quota: false });
    reset();
    apply({ kind: "sources" });
    expect(state()).toEqual({ unread: false, project: false, sources: true, quota: false });
    reset();
    apply({ kind: "ping" });
    expect(state()).toEqual({ unread: false, project: false, sources: false, quota: false });
    apply({ kind: "resync" });
    expect(state()).toEqual({ unread: true, project: true, sources: true, quota: true });
  });
});
