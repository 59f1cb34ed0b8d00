import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./fixtures/accounts";
import { sql } from "./fixtures/database";
import { emulator } from "./fixtures/emulator";

const VIDEO_TITLE = "Donut render in Blender";

/** A fresh creator with one imported video (likes hidden by its creator); returns the project page's path. */
async function importOneVideo(page: Page): Promise<{ path: string; videoId: string }> {
  const channel = await emulator<{ id: string }>("POST", "/channels", {
    title: "Project Page Channel",
    handle: `@pp${randomUUID().slice(0, 8)}`,
  });
  const video = await emulator<{ id: string }>("POST", `/channels/${channel.id}/videos`, {
    kind: "video",
    privacy: "public",
    title: VIDEO_TITLE,
    description: "Modelled and rendered in Blender.",
    hideLikes: true,
  });
  await signUp(page, "Project Page Creator");

  await page.goto("/import");
  await page.getByRole("textbox", { name: "Links or ids, one per line" }).fill(video.id);
  await page.getByRole("button", { name: "Import 1 video" }).click();
  const form = page.getByRole("region", { name: "Paste video links" });
  await expect(form.getByRole("status").filter({ hasText: /^Done$/ })).toBeVisible({ timeout: 20_000 });

  // The card in the list links to the project's page.
  await page.goto("/projects");
  await page.getByRole("list", { name: "Projects" }).getByRole("link", { name: VIDEO_TITLE }).click();
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}$/);
  return { path: new URL(page.url()).pathname, videoId: video.id };
}

/**
 * The worker's projects.refresh runs every 5 minutes (cron at :00, :05… UTC, started within about a minute) and
 * would renew a project made stale on purpose: a check of stale data waits until it cannot straddle a run.
 */
async function clearOfRefreshRun(page: Page) {
  const RUN_MS = 5 * 60_000;
  const UNSAFE_AFTER_TICK_MS = 75_000;
  const into = Date.now() % RUN_MS;
  if (into < UNSAFE_AFTER_TICK_MS) await page.waitForTimeout(UNSAFE_AFTER_TICK_MS - into);
  else if (into > RUN_MS - 15_000) await page.waitForTimeout(RUN_MS - into + UNSAFE_AFTER_TICK_MS);
}

test("a creator manages a project on its page: player, edits, tags, visibility, re-analysis, availability, delete", async ({
  page,
  browser,
}) => {
  // Two sign-ups, an import, two AI passes and several reloads: about 95 s on a busy 2-core machine, plus up to
  // 90 s waiting to be clear of a refresh run.
  test.setTimeout(300_000);
  const { path, videoId } = await importOneVideo(page);
  const projectId = path.split("/").pop() ?? "";

  await expect(page.getByRole("heading", { level: 1, name: VIDEO_TITLE })).toBeVisible();
  // The thumbnail stands in for the player until Play is pressed: nothing loads from YouTube before that.
  await expect(page.locator("iframe")).toHaveCount(0);
  await page.getByRole("button", { name: `Play ${VIDEO_TITLE}` }).click();
  const player = page.locator("iframe");
  await expect(player).toHaveAttribute("src", `https://www.youtube-nocookie.com/embed/${videoId}?autoplay=1`);
  await expect(player).toHaveAttribute("title", `YouTube video player: ${VIDEO_TITLE}`);
  await expect(page.getByRole("link", { name: /View on YouTube/ })).toHaveAttribute(
    "href",
    `https://www.youtube.com/watch?v=${videoId}`,
  );
  // YouTube's figures under YouTube's names; the tags are Showreel's, and say so (docs/operations.md,
  // "YouTube API policy compliance").
  const facts = page.getByRole("region", { name: "From YouTube" });
  await expect(facts.getByRole("definition").filter({ hasText: "Hidden by the creator" })).toHaveCount(1);
  await expect(facts.getByRole("term")).toHaveText([
    "Published",
    "Length",
    "YouTube views",
    "YouTube likes",
    "YouTube comments",
  ]);
  // YouTube's numbers say how old they are, the exact time in a tooltip.
  const statsAge = facts.getByText(/^Stats updated (just now|\d+ (seconds?|minutes?) ago)$/);
  await expect(statsAge).toBeVisible();
  await expect(statsAge.locator("time")).toHaveAttribute("title", /\d/);
  const tags = page.getByRole("region", { name: "Showreel analysis" });
  await expect(tags.getByText("Showreel's own analysis, not data from YouTube", { exact: false })).toBeVisible();
  const analysis = page.getByRole("region", { name: "How Showreel tagged it" });
  await expect(analysis.getByText("AI tagged")).toBeVisible({ timeout: 20_000 });

  // Title: the form checks it before sending, then the new title is the page's heading, also after a reload.
  await page.getByRole("button", { name: "Edit title and description" }).click();
  const titleField = page.getByRole("textbox", { name: "Title" });
  await expect(titleField).toBeFocused();
  await titleField.fill("   ");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Give the project a title")).toBeVisible();
  await titleField.fill("My donut, final render");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My donut, final render" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit title and description" })).toBeFocused();

  // Tools: add one from the catalog with the keyboard, remove another with its chip's button.
  const tools = tags.getByRole("list", { name: "Tools" });
  await expect(tools.getByText("Blender", { exact: true })).toBeVisible();
  const addTool = page.getByRole("combobox", { name: "Add a tool" });
  await addTool.fill("figm");
  await expect(page.getByRole("option", { name: "Figma" })).toBeVisible();
  await addTool.press("ArrowDown");
  await addTool.press("Enter");
  await expect(tools.getByText("Figma", { exact: true })).toBeVisible();
  await tools.getByRole("button", { name: "Remove tool Blender" }).click();
  await expect(tools.getByText("Blender", { exact: true })).toHaveCount(0);

  // Visibility: public, saved.
  const portfolio = page.getByRole("region", { name: "On your portfolio" });
  await portfolio.getByRole("radio", { name: "Public" }).check();
  await expect(portfolio.getByText("Saved.")).toBeVisible();

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "My donut, final render" })).toBeVisible();
  await expect(tools.getByText("Figma", { exact: true })).toBeVisible();
  await expect(tools.getByText("Blender", { exact: true })).toHaveCount(0);
  await expect(portfolio.getByRole("radio", { name: "Public" })).toBeChecked();

  // Re-analyze: pending at once, then the AI's result (which replaces the hand-picked tools). The request is
  // held back 1.5 s so the pending state is there to see: the AI answers faster than a poll of the page.
  await page.route("**/api/trpc/projects.reanalyze**", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await analysis.getByRole("button", { name: /Re-analyze/ }).click();
  await expect(analysis.getByText("Analyzing…")).toBeVisible();
  await expect(analysis.getByText("AI tagged")).toBeVisible({ timeout: 20_000 });
  await expect(tools.getByText("Blender", { exact: true })).toBeVisible();

  // Someone else gets the site's 404 for this project, as for an unknown or malformed id.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signUp(other, "Someone Else");
  expect((await other.goto(path))?.status()).toBe(404);
  await expect(other.getByRole("heading", { level: 1, name: "We couldn't find that page" })).toBeVisible();
  await otherContext.close();
  expect((await page.goto(`/projects/${randomUUID()}`))?.status()).toBe(404);
  expect((await page.goto("/projects/not-a-project"))?.status()).toBe(404);

  // Numbers the refresh could not renew within 30 days are withheld: "Stats unavailable" on the card and the page.
  await page.goto("/projects");
  const card = page
    .getByRole("list", { name: "Projects" })
    .getByRole("listitem")
    .filter({ hasText: "My donut, final render" });
  await expect(card.getByText(/^Stats updated /)).toBeVisible();
  await clearOfRefreshRun(page);
  await sql(`UPDATE "Project" SET "youtubeDataAt" = now() - interval '31 days' WHERE id = $1`, [projectId]);
  await page.reload();
  await expect(card.getByText("Stats unavailable", { exact: true })).toBeVisible();
  await expect(card.getByText(/^Stats updated /)).toHaveCount(0);
  await page.goto(path);
  await expect(
    facts.getByText(/^Stats unavailable: Showreel shows YouTube's numbers only while they are under 30 days old/),
  ).toBeVisible();
  await expect(facts.getByRole("definition").filter({ hasText: "Unavailable" })).toHaveCount(3);
  await sql(`UPDATE "Project" SET "youtubeDataAt" = now() WHERE id = $1`, [projectId]);

  // A video YouTube marks made for kids plays with tracking off: no referrer, no sensors or share sheet.
  await sql(`UPDATE "Project" SET "madeForKids" = true WHERE id = $1`, [projectId]);
  await page.goto(path);
  await page.getByRole("button", { name: /^Play / }).click();
  await expect(page.locator("iframe")).toHaveAttribute("referrerpolicy", "no-referrer");
  await expect(page.locator("iframe")).toHaveAttribute("allow", "autoplay; encrypted-media; picture-in-picture");
  await expect(page.getByText("Made for kids: played in YouTube's privacy-enhanced mode")).toBeVisible();
  await sql(`UPDATE "Project" SET "madeForKids" = false WHERE id = $1`, [projectId]);

  // A sync found the video deleted, later private: the banner says so and the player is gone.
  await sql(`UPDATE "Project" SET availability = 'deleted' WHERE id = $1`, [projectId]);
  await page.goto(path);
  await expect(page.getByText("This video was deleted from YouTube")).toBeVisible();
  await expect(page.getByText("The project stays, hidden from your public portfolio.")).toBeVisible();
  await expect(page.locator("iframe")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Play / })).toHaveCount(0);
  await sql(`UPDATE "Project" SET availability = 'private' WHERE id = $1`, [projectId]);
  await page.reload();
  await expect(page.getByText("This video is now private on YouTube")).toBeVisible();

  // Delete: a confirmation first (Cancel keeps it), then the list says what went.
  await page.getByRole("button", { name: "Delete project" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete “My donut, final render”?" });
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Delete project" }).click();
  await dialog.getByRole("button", { name: "Delete project" }).click();
  await expect(page).toHaveURL(/\/projects\?deleted=/);
  await expect(page.getByRole("status").filter({ hasText: "Deleted “My donut, final render”" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No projects yet" })).toBeVisible();
  expect((await page.goto(path))?.status()).toBe(404);
});

test("signed out, a project page sends the visitor to sign in, with the way back in ?next=", async ({ page }) => {
  const response = await page.goto(`/projects/${randomUUID()}`);
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fprojects%2F/);
});
