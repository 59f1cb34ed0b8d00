/**
 * Live updates in the browser: each signed-in tab holds one server-sent-events stream (live.events), fed by
 * Postgres LISTEN/NOTIFY from the rows the worker writes. Here the rows are written as the worker writes them
 * (one committed UPDATE per video), and the page must follow them over the stream without polling; with the
 * stream blocked it must still follow them by polling.
 */
import { expect, test, type Page, type Request } from "@playwright/test";
import superjson from "superjson";
import { trpcQuery, trpcSubscriptionPath } from "../test/trpc-request";
import { signUp } from "./fixtures/accounts";
import { sql } from "./fixtures/database";

type Call = { path: string; at: number };

/** Every tRPC procedure the page calls (a batch counts each of its procedures), with when it was asked. */
function recordTrpcCalls(page: Page): Call[] {
  const calls: Call[] = [];
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (!pathname.startsWith("/api/trpc/")) return;
    for (const path of decodeURIComponent(pathname.slice("/api/trpc/".length)).split(","))
      calls.push({ path, at: Date.now() });
  });
  return calls;
}

const isStream = (url: string) => new URL(url).pathname === "/api/trpc/live.events";

/**
 * The API benchmark's requests (test/trpc-request.ts) are the browser's: the same path and query string
 * for the same input, and the same tRPC headers. `procedure` is a subscription (live.events) or a query.
 */
function expectSentAsBenchmarkSends(request: Request, procedure: string): void {
  const url = new URL(request.url());
  const sent = `${url.pathname}${url.search}`;
  const raw = JSON.parse(url.searchParams.get("input") ?? "null") as Record<string, unknown> | null;
  if (procedure === "live.events") {
    expect(sent, "the stream's URL").toBe(trpcSubscriptionPath(procedure, superjson.deserialize(raw as never)));
    return;
  }
  const expected = trpcQuery(procedure, superjson.deserialize(raw?.["0"] as never));
  expect(sent, `${procedure}'s URL`).toBe(expected.path);
  const headers = request.headers();
  expect(headers["x-trpc-source"]).toBe(expected.headers["x-trpc-source"]);
  expect(headers["trpc-accept"], "asked for JSON lines").toBeUndefined();
}

async function signUpWithRun(page: Page, label: string): Promise<{ userId: string; runId: string }> {
  const email = await signUp(page, `E2E Live ${label}`);
  const [user] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  const [run] = await sql<{ id: string }>(
    `INSERT INTO "ImportRun" ("userId", kind, status, total, imported, label, "startedAt", "updatedAt")
     VALUES ($1, 'videos', 'running', 4, 0, $2, now(), now()) RETURNING id`,
    [user!.id, label],
  );
  return { userId: user!.id, runId: run!.id };
}

const progress = (page: Page) =>
  page.getByRole("region", { name: "Imports in progress" }).getByRole("progressbar", { name: "Import progress" });

test("import progress and a notification arrive over the stream, with no imports.get or notification polling", async ({
  page,
}) => {
  test.setTimeout(90_000);
  const { userId, runId } = await signUpWithRun(page, "Streamed clips");
  const calls = recordTrpcCalls(page);
  const streamOpened = page.waitForResponse((response) => isStream(response.url()));
  // When its stream opens, the page rereads once what was moving when it was rendered (the run).
  const caughtUp = page.waitForResponse((response) => response.url().includes("/api/trpc/imports.get"));
  await page.goto("/dashboard");
  const stream = await streamOpened;
  expect(stream.headers()["content-type"]).toContain("text/event-stream");
  expectSentAsBenchmarkSends(stream.request(), "live.events");
  const reread = await caughtUp;
  // Answered whole (httpBatchLink), not as JSON lines, and asked as the API benchmark asks.
  expect(reread.headers()["content-type"]).toMatch(/^application\/json/);
  expectSentAsBenchmarkSends(reread.request(), "imports.get");
  await expect(progress(page)).toHaveAttribute("aria-valuetext", "0 of 4 videos");
  const loadedAt = Date.now();

  const latenciesMs: number[] = [];
  for (let imported = 1; imported <= 3; imported += 1) {
    const writtenAt = Date.now();
    await sql(`UPDATE "ImportRun" SET imported = $2, "updatedAt" = now() WHERE id = $1`, [runId, imported]);
    await expect(progress(page)).toHaveAttribute("aria-valuetext", `${imported} of 4 videos`, { timeout: 5_000 });
    latenciesMs.push(Date.now() - writtenAt);
  }
  console.log(
    `[live] import progress on screen after the write (connect + UPDATE + NOTIFY + SSE + render): ${latenciesMs.join(", ")} ms`,
  );

  const notifiedAt = Date.now();
  await sql(`INSERT INTO "Notification" ("userId", kind, payload) VALUES ($1, 'analysis.fallback', '{"count": 1}')`, [
    userId,
  ]);
  await expect(page.getByRole("link", { name: "Notifications, 1 unread" })).toBeVisible({ timeout: 5_000 });
  console.log(`[live] notification badge after the insert: ${Date.now() - notifiedAt} ms`);

  const afterLoad = calls.filter((call) => call.at >= loadedAt);
  expect(
    afterLoad.filter((call) => call.path === "imports.get"),
    "imports.get read while the stream was open",
  ).toEqual([]);
  // The bell rereads its count once, because the stream said a notification arrived; never before that.
  const counts = afterLoad.filter((call) => call.path === "notifications.unreadCount");
  expect(
    counts.filter((call) => call.at < notifiedAt),
    "the bell polled",
  ).toEqual([]);
  expect(counts.length).toBeLessThanOrEqual(1);

  // The run ends: read once (the figures and the toast), and it leaves the list.
  await sql(
    `UPDATE "ImportRun" SET status = 'done', imported = 4, "finishedAt" = now(), "updatedAt" = now() WHERE id = $1`,
    [runId],
  );
  await expect(page.getByRole("region", { name: "Messages" }).getByRole("status")).toContainText(
    "Streamed clips: import finished",
  );
  expect(calls.filter((call) => call.at >= loadedAt && call.path === "imports.get").length).toBeLessThanOrEqual(1);
});

for (const [name, block] of [
  ["buffered by a proxy (nothing arrives)", () => {}],
  ["refused", (route: { abort: () => Promise<void> }) => void route.abort()],
] as const) {
  test(`with the stream ${name}, progress still arrives by polling`, async ({ page }) => {
    test.setTimeout(90_000);
    // The route answers nothing (a proxy that holds the whole response back) or fails the request.
    await page.route((url) => isStream(url.href), block);
    const { runId } = await signUpWithRun(page, `Polled clips ${name.split(" ")[0]}`);
    const calls = recordTrpcCalls(page);
    await page.goto("/dashboard");
    await expect(progress(page)).toHaveAttribute("aria-valuetext", "0 of 4 videos");

    await sql(`UPDATE "ImportRun" SET imported = 2, "updatedAt" = now() WHERE id = $1`, [runId]);
    // The page gives the stream 10 s, then reads an active run every 5 s.
    await expect(progress(page)).toHaveAttribute("aria-valuetext", "2 of 4 videos", { timeout: 30_000 });
    expect(calls.some((call) => call.path === "imports.get")).toBe(true);
  });
}

test("an idle signed-in dashboard makes at most one request in 5 minutes besides its stream @idle", async ({
  page,
}) => {
  test.setTimeout(8 * 60_000);
  await signUp(page, "E2E Idle Viewer");
  const requests: { url: string; at: number }[] = [];
  page.on("request", (request) => requests.push({ url: request.url(), at: Date.now() }));
  const streamOpened = page.waitForResponse((response) => isStream(response.url()));
  await page.goto("/dashboard");
  await streamOpened;
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  // Let the page settle (hydration, its first reads), then watch it sit for 5 real minutes.
  await page.waitForTimeout(5_000);
  const startedAt = Date.now();
  await page.waitForTimeout(5 * 60_000);
  const idle = requests.filter((request) => request.at >= startedAt);
  const besidesStream = idle.filter((request) => !isStream(request.url));
  const reopenedStreams = idle.filter((request) => isStream(request.url));
  console.log(
    `[live] idle dashboard, 5 min: ${besidesStream.length} request(s) besides the stream (${besidesStream.map((request) => new URL(request.url).pathname).join(", ") || "none"}); stream reopened ${reopenedStreams.length} time(s)`,
  );
  expect(besidesStream.length).toBeLessThanOrEqual(1);
  expect(reopenedStreams).toEqual([]);
});
