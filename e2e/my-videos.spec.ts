// My Videos is answered from the page Showreel stored in PostgreSQL: coming back to it, by a link or a
// reload, asks YouTube nothing; "Updated … ago" moves on by a timer in the page, not by requests; Refresh
// revalidates at YouTube once; once the stored page is older than its max age, a new public upload joins it
// from the channel's feed, for no unit. The emulator counts the units charged for this test's own channel.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { connectYouTube, signUp } from "./fixtures/accounts";
import { sql } from "./fixtures/database";
import { createGoogleAccount, emulator } from "./fixtures/emulator";

/** Units the emulator charged for calls naming this channel: here, My Videos's playlistItems.list calls. */
async function unitsFor(channelId: string): Promise<number> {
  return (
    (await emulator<{ unitsByChannel: Record<string, number> }>("GET", "/counters/units-by-channel")).unitsByChannel[
      channelId
    ] ?? 0
  );
}

/** Every youtube.myVideos request the page sends, with whether it asked for a refresh. */
function recordMyVideosRequests(page: Page): { refresh: boolean }[] {
  const seen: { refresh: boolean }[] = [];
  page.on("request", (request) => {
    if (request.url().includes("/api/trpc/") && request.url().includes("youtube.myVideos")) {
      seen.push({ refresh: decodeURIComponent(request.url()).includes('"refresh":true') });
    }
  });
  return seen;
}

test("My Videos: a revisit asks YouTube nothing, Updated … ago ticks without requests, Refresh revalidates once", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const suffix = randomUUID().slice(0, 6);
  const google = await createGoogleAccount(`Stored Pages ${suffix}`);
  for (const title of ["Rig walkthrough", "Shader notes", "Lighting pass"]) {
    await emulator("POST", `/channels/${google.channelId}/videos`, {
      kind: "video",
      privacy: "public",
      title: `${title} ${suffix}`,
    });
  }
  // The page's timers run on a clock the test can move; requests and the server keep real time.
  await page.clock.install();
  await signUp(page, google.name);
  await connectYouTube(page, google);

  const requests = recordMyVideosRequests(page);
  const uploads = page.getByRole("list", { name: "Your uploads" }).getByRole("listitem");
  const updated = page.getByRole("status").filter({ hasText: /^Updated / });
  const refresh = page.getByRole("button", { name: "Refresh the list from YouTube" });

  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "My Videos" }).click();
  await expect(uploads).toHaveCount(3);
  await expect(updated).toHaveText("Updated just now");
  const afterFirstView = await unitsFor(google.channelId);
  expect(afterFirstView).toBeGreaterThanOrEqual(1);

  await test.step("away and back, by a link and by a reload: served from the stored page, no call at YouTube", async () => {
    await emulator("POST", `/channels/${google.channelId}/videos`, {
      kind: "video",
      privacy: "public",
      title: `Published meanwhile ${suffix}`,
    });
    await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Dashboard" }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "My Videos" }).click();
    await expect(uploads).toHaveCount(3);
    await page.reload();
    await expect(uploads).toHaveCount(3);
    await expect(updated).toBeVisible();
    expect(await unitsFor(google.channelId)).toBe(afterFirstView);
  });

  await test.step("Refresh revalidates at YouTube once and shows what changed", async () => {
    await refresh.click();
    await expect(uploads).toHaveCount(4);
    await expect(uploads.filter({ hasText: `Published meanwhile ${suffix}` })).toHaveCount(1);
    await expect(updated).toHaveText("Updated just now");
    await expect(refresh).not.toHaveAttribute("aria-disabled", "true");
    // playlistItems.list once (videos.list, also charged, names no channel).
    expect(await unitsFor(google.channelId)).toBe(afterFirstView + 1);
    expect(requests.filter((request) => request.refresh)).toHaveLength(1);
  });

  await test.step("Updated … ago moves on with the page's clock, without a request", async () => {
    const before = requests.length;
    await page.clock.fastForward("03:00");
    await expect(updated).toHaveText("Updated 3 minutes ago");
    expect(requests.length).toBe(before);
    expect(await unitsFor(google.channelId)).toBe(afterFirstView + 1);
  });

  await test.step("older than its max age, the page takes a new public upload from the channel's feed, for no unit", async () => {
    await emulator("POST", `/channels/${google.channelId}/videos`, {
      kind: "video",
      privacy: "public",
      title: `Published later ${suffix}`,
      durationSeconds: 754,
    });
    const units = await unitsFor(google.channelId);
    await sql(
      `UPDATE "MyVideosPage" p SET "fetchedAt" = now() - interval '1 hour'
         FROM "YouTubeConnection" c WHERE c."userId" = p."userId" AND c."youtubeChannelId" = $1`,
      [google.channelId],
    );
    await page.reload();
    await expect(uploads).toHaveCount(5);
    await expect(uploads.first()).toContainText(`Published later ${suffix}`);
    // The feed gives no duration: it shows once the page is next read from the Data API.
    await expect(uploads.first()).not.toContainText("12:34");
    expect(await unitsFor(google.channelId)).toBe(units);
  });
});
