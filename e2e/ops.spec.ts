// The admin's /ops page against the real worker: charts with data from jobs the worker really ran, live
// updates while an import runs in another tab, a dead-letter job retried from the page (once, even on a
// double click), axe in both themes and the 375 px layout; anyone else gets the not-found page.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { PgBoss } from "pg-boss";
import { signUp } from "./fixtures/accounts";
import { sql } from "./fixtures/database";
import { emulator } from "./fixtures/emulator";
import { captureScreens, expectAccessible } from "./fixtures/page-checks";

const CHARTS = [
  "YouTube quota used today, with the projection to the reset",
  "Sync lag, last hour",
  "Queue depth, last hour",
  "Job run time p95, last hour",
];

/** A system.ping job whose payload its contract rejects: the worker sends it straight to the dead-letter queue. */
async function sendBadPing(marker: string): Promise<void> {
  const boss = new PgBoss({
    connectionString: process.env.E2E_DATABASE_URL,
    supervise: false,
    schedule: false,
    migrate: false,
    max: 1,
  });
  await boss.start();
  try {
    expect(await boss.send("system.ping", { pingId: marker })).not.toBeNull();
  } finally {
    await boss.stop({ graceful: false });
  }
}

/** Imports a fresh emulator channel of `videos` uploads through the import page, as its user would. */
async function importChannel(page: Page, videos: number): Promise<void> {
  const handle = `ops${randomUUID().slice(0, 8)}`;
  const channel = await emulator<{ id: string }>("POST", "/channels", { title: "Ops Channel", handle: `@${handle}` });
  for (let index = 0; index < videos; index += 1) {
    await emulator("POST", `/channels/${channel.id}/videos`, {
      kind: "video",
      privacy: "public",
      title: `Ops session ${index}`,
    });
  }
  await page.goto("/import");
  await page.getByRole("textbox", { name: "Channel", exact: true }).fill(`https://www.youtube.com/@${handle}`);
  await page.getByRole("button", { name: "Import channel" }).click();
  const form = page.getByRole("region", { name: "Import a whole channel" });
  await expect(form.getByRole("status").filter({ hasText: /^Done$/ })).toBeVisible({ timeout: 30_000 });
}

/** The "Completed" cell of a queue's row in the run-time table, as a number (0 while the row is absent). */
async function completedOn(page: Page, queue: string): Promise<number> {
  const row = page
    .getByRole("table", { name: "Job run times per queue, last hour" })
    .getByRole("row", { name: new RegExp(`^${queue.replace(".", "\\.")} `) });
  if ((await row.count()) === 0) return 0;
  return Number((await row.getByRole("cell").first().innerText()).replace(/\D/g, ""));
}

test("an admin sees live charts on /ops; anyone else gets the not-found page", async ({ page, context }) => {
  test.setTimeout(180_000);
  const email = await signUp(page, "E2E Operator");
  const hidden = await page.goto("/ops");
  expect(hidden?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Operations");

  await sql(`UPDATE "User" SET role = 'admin' WHERE email = $1`, [email]);
  const shown = await page.goto("/ops");
  expect(shown?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Operations" })).toBeVisible();
  // Every chart and the queue table are in the first HTML (preloaded on the server).
  for (const chart of CHARTS) await expect(page.getByRole("img", { name: chart })).toBeVisible();
  const queues = page.getByRole("table", { name: "Jobs per queue by state" });
  await expect(queues.getByRole("rowheader", { name: "sync.enrich", exact: true })).toBeVisible();
  await expect(queues.getByRole("rowheader", { name: "youtube.import-videos", exact: true })).toBeVisible();

  // Live: the page polls, so work done in another tab shows up here without a reload.
  const lastRead = page.getByText(/^Refreshed every/).locator("time");
  const readAt = await lastRead.getAttribute("datetime");
  const importsBefore = await completedOn(page, "youtube.import-channel-page");
  const quotaBefore = await page.getByRole("img", { name: CHARTS[0] }).getAttribute("aria-describedby");
  expect(quotaBefore).toBeTruthy();
  const quotaSummary = () => page.locator(`[id="${quotaBefore}"]`).textContent();
  const quotaTextBefore = await quotaSummary();
  const importer = await context.newPage();
  await importChannel(importer, 3);
  await importer.close();
  await expect
    .poll(() => completedOn(page, "youtube.import-channel-page"), { timeout: 30_000 })
    .toBeGreaterThan(importsBefore);
  await expect.poll(quotaSummary, { timeout: 30_000 }).not.toBe(quotaTextBefore);
  await expect(lastRead).not.toHaveAttribute("datetime", readAt ?? "");
  // The run-time chart now draws the channel-import queue, with its p95 in the legend.
  const durations = page.getByRole("region", { name: "Job durations" });
  await expect(
    durations.getByRole("listitem").filter({ hasText: /^youtube\.import-channel-page\s*p95/ }),
  ).toBeVisible();

  // The admin's account menu links here. The menu follows the role in the browser's session cache, which
  // is up to SESSION_COOKIE_CACHE_SECONDS old (authority itself is read fresh, as above): dropping the
  // cache cookie stands in for that time passing.
  await context.clearCookies({ name: /session_data$/ });
  await page.reload();
  await page.getByRole("button", { name: /account/i }).click();
  await expect(page.getByRole("menuitem", { name: "Operations" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expectAccessible(page, "/ops");
  await captureScreens(page, "ops");
});

test("a dead-letter job shows its payload and error, and Retry sends it back once", async ({ page }) => {
  test.setTimeout(120_000);
  const email = await signUp(page, "E2E Retrier");
  await sql(`UPDATE "User" SET role = 'admin' WHERE email = $1`, [email]);
  const marker = `bad-${randomUUID()}`;
  await sendBadPing(marker);
  const copies = async () =>
    (
      await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'system.ping' AND data->>'pingId' = $1`,
        [marker],
      )
    )[0]!.n;

  await page.goto("/ops");
  const deadLetters = page.getByRole("list", { name: "Dead-letter jobs" });
  const item = deadLetters.getByRole("listitem").filter({ hasText: marker });
  // The worker dead-letters it within a poll or two; the page picks it up on its next refresh.
  await expect(item).toBeVisible({ timeout: 30_000 });
  await expect(item).toContainText("system.ping");
  await expect(item).toContainText("invalid payload");
  await expect(item.locator("code")).toHaveText(`{"pingId":"${marker}"}`);
  expect(await copies()).toBe(1);

  // A double click: the server moves the job once, so exactly one copy goes back to system.ping.
  const retry = item.getByRole("button", { name: /^Retry system\.ping/ });
  const firstEntry = await retry.getAttribute("aria-label");
  await retry.dblclick();
  await expect(
    page.getByRole("region", { name: "Messages" }).getByRole("status").filter({ hasText: "Sent back to system.ping" }),
  ).toBeVisible();
  await expect.poll(copies, { timeout: 15_000 }).toBe(2);
  await expect(deadLetters.getByRole("button", { name: firstEntry ?? "" })).toHaveCount(0);
  // Still bad, so the worker dead-letters the copy again: one new entry (a new id), never two.
  await expect(item.getByRole("button", { name: /^Retry system\.ping/ })).not.toHaveAttribute(
    "aria-label",
    firstEntry ?? "",
    { timeout: 30_000 },
  );
  // Let the queue settle first: no copy of the ping may still be waiting or running when "never two" is read.
  const unsettled = async () =>
    (
      await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'system.ping' AND data->>'pingId' = $1 AND state IN ('created', 'retry', 'active')`,
        [marker],
      )
    )[0]!.n;
  await expect.poll(unsettled, { timeout: 30_000 }).toBe(0);
  await page.reload();
  await expect(deadLetters.getByRole("listitem").filter({ hasText: marker })).toHaveCount(1);
  expect(await copies()).toBe(2);
});
