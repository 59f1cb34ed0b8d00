import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./fixtures/accounts";
import { sql } from "./fixtures/database";
import { emulator } from "./fixtures/emulator";

/** Videos of a channel of the test's own, so specs running in parallel never import the same ones. */
async function createVideos(count: number): Promise<string[]> {
  const channel = await emulator<{ id: string }>("POST", "/channels", {
    title: `E2E Dashboard ${randomUUID().slice(0, 6)}`,
  });
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const video = await emulator<{ id: string }>("POST", `/channels/${channel.id}/videos`, {
      kind: "video",
      privacy: "public",
      title: `Dashboard clip ${index}`,
    });
    ids.push(video.id);
  }
  return ids;
}

/**
 * Pastes the links and waits until the import has started (the card clears its field when the server accepts
 * it): a test that navigates away at once could abort the request in flight, leaving no import to watch.
 */
async function pasteLinks(page: Page, videoIds: string[]) {
  await page.goto("/import");
  const field = page.getByLabel("Links or ids, one per line");
  await field.fill(videoIds.map((id) => `https://youtu.be/${id}`).join("\n"));
  await page
    .getByRole("button", { name: videoIds.length === 1 ? "Import 1 video" : `Import ${videoIds.length} videos` })
    .click();
  await expect(field).toHaveValue("", { timeout: 15_000 });
}

const section = (page: Page, name: string) => page.getByRole("region", { name });

test("Try the demo lands on the dashboard: the connected channel, quota figures, and a connection check", async ({
  page,
}) => {
  test.setTimeout(60_000);
  // The page's timers run on a clock the test can stop and move, so the toast's 5 s never race the test.
  await page.clock.install();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Try the demo" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByText("Welcome back, Demo Creator.")).toBeVisible();

  const connection = section(page, "YouTube connection");
  await expect(connection.getByText("Demo Creator", { exact: true })).toBeVisible();
  await expect(connection.getByText("Connected")).toBeVisible();

  const quota = section(page, "Today's YouTube quota");
  await expect(quota.getByText(/of 10,000 units/)).toBeVisible();
  await expect(quota.getByText(/of 2,000 units/)).toBeVisible();
  await expect(quota.getByRole("progressbar", { name: "YouTube units used today by everyone" })).toHaveAttribute(
    "aria-valuemax",
    "10000",
  );
  // Rendered in the browser's zone once hydrated; the server's text says "midnight Pacific time".
  await expect(quota.getByText(/^Resets (at|tomorrow at) \d{1,2}:\d{2}/)).toBeVisible();

  // The check calls YouTube (1 unit of the demo's share) and answers in a toast; the meter follows.
  const ownUnits = quota.getByRole("progressbar", { name: "YouTube units you used today" });
  const unitsBefore = Number(await ownUnits.getAttribute("aria-valuenow"));
  await connection.getByRole("button", { name: "Check connection" }).click();
  const toast = page.getByRole("region", { name: "Messages" }).getByRole("status");
  await expect(toast).toContainText("YouTube connection works");
  // A success toast stays 5 s, but not while the pointer rests on it; once the pointer leaves it goes by itself.
  // The clock stops as soon as the toast shows, so however slow the machine, the hover comes first.
  // pauseAt jumps forward to a moment ahead of the page's clock: 1 s, well inside the toast's 5 s.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1_000));
  await toast.hover();
  await page.clock.fastForward(6_000);
  await expect(toast).toBeVisible();
  await page.mouse.move(0, 0);
  await page.clock.fastForward(6_000);
  await expect(toast).toHaveCount(0);
  await page.clock.resume();
  await expect.poll(async () => Number(await ownUnits.getAttribute("aria-valuenow"))).toBeGreaterThan(unitsBefore);
});

test("a new account: sign-up goes to settings; the dashboard asks to connect, then follows an import to its projects", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const email = await signUp(page, "E2E Dashboard User");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Dashboard" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await expect(section(page, "YouTube connection").getByRole("link", { name: "Connect YouTube" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "No projects yet" })).toBeVisible();
  await expect(section(page, "Imports in progress")).toContainText("Nothing is importing right now.");
  await expect(section(page, "Notifications")).toContainText("You're all caught up.");
  await expect(section(page, "Followed channels").getByRole("link", { name: "Follow a channel" })).toBeVisible();
  const quickActions = page.getByRole("navigation", { name: "Quick actions" });
  await expect(quickActions.getByRole("link", { name: "Paste links" })).toHaveAttribute("href", "/import");

  // A run the worker is part-way through shows its live progress, and leaves with a toast when it ends.
  const [user] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  const [run] = await sql<{ id: string }>(
    `INSERT INTO "ImportRun" ("userId", kind, status, total, imported, label, "startedAt", "updatedAt")
     VALUES ($1, 'videos', 'running', 4, 1, 'Four clips', now(), now()) RETURNING id`,
    [user!.id],
  );
  await page.reload();
  const imports = section(page, "Imports in progress");
  await expect(imports.getByRole("heading", { name: "Four clips" })).toBeVisible();
  await expect(imports.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute(
    "aria-valuetext",
    "1 of 4 videos",
  );
  await sql(`UPDATE "ImportRun" SET status = 'done', imported = 4, "finishedAt" = now() WHERE id = $1`, [run!.id]);
  await expect(page.getByRole("region", { name: "Messages" }).getByRole("status")).toContainText(
    "Four clips: import finished",
  );
  await page.getByRole("button", { name: "Dismiss: Four clips: import finished" }).click();
  await expect(page.getByRole("region", { name: "Messages" })).toHaveCount(0);
  await expect(imports).toContainText("Nothing is importing right now.");

  // A real import: the projects appear under Recent projects and the user's own units are counted.
  const videoIds = await createVideos(2);
  await pasteLinks(page, videoIds);
  const pasted = page.getByRole("region", { name: "Paste video links" });
  await expect(pasted.getByRole("status").filter({ hasText: /^Done$/ })).toBeVisible({ timeout: 20_000 });
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Dashboard" }).click();
  const recent = page.getByRole("list", { name: "Recent projects" });
  await expect(recent.getByRole("heading", { level: 3 })).toHaveCount(2);
  await expect(recent.getByRole("link", { name: "Dashboard clip 1" })).toBeVisible();
  await expect(page.getByRole("link", { name: /See all 2 projects/ })).toHaveAttribute("href", "/projects");
  await expect(
    section(page, "Today's YouTube quota").getByRole("progressbar", { name: "YouTube units you used today" }),
  ).toHaveAttribute("aria-valuenow", /^[1-9]\d*$/);
});

test("signed out, the dashboard offers to sign in and come back", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Sign in to continue" })).toBeVisible();
  await expect(page.locator("main").getByRole("link", { name: "Sign in", exact: true })).toHaveAttribute(
    "href",
    "/sign-in?next=%2Fdashboard",
  );
});

test(
  "when YouTube says the day's quota is spent, the dashboard says work is paused and when it resumes",
  { tag: "@exclusive" },
  async ({ page }) => {
    test.setTimeout(60_000);
    const [videoId] = await createVideos(1);
    await signUp(page, "E2E Quota Watcher");
    await emulator("POST", "/quota", { exhaust: true });
    try {
      await pasteLinks(page, [videoId!]);
      await page.goto("/dashboard");
      const quota = section(page, "Today's YouTube quota");
      // The worker hears quotaExceeded from YouTube and marks the day; the page reads it on load.
      await expect(async () => {
        await page.reload();
        await expect(quota.getByText(/^Exhausted — resumes (at|tomorrow at|on) /)).toBeVisible({ timeout: 1000 });
      }).toPass({ timeout: 30_000 });
      await expect(section(page, "Imports in progress")).toContainText(
        /Paused: YouTube's daily quota is used up — resumes/,
      );
    } finally {
      // Give the rest of the run (and a rerun) a fresh day: the emulator's budget and the app's mark.
      await emulator("POST", "/quota", { resetUsage: true });
      await sql(`UPDATE "QuotaDay" SET "exhaustedUntil" = NULL WHERE scope = 'project'`);
    }
  },
);
