// The whole creator journey in one browser session, as issue 8 lists it: sign up → connect YouTube →
// My Videos → import a selection → progress → edit a project → follow a channel → the channel publishes →
// the project appears → the public portfolio shows the work → YouTube's quota runs out → the UI says when
// work resumes → disconnect. It spends the app-wide quota, so it is @exclusive: it runs alone, after the rest.
import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { connectYouTube, signUp } from "./fixtures/accounts";
import { sql } from "./fixtures/database";
import { createGoogleAccount, emulator } from "./fixtures/emulator";

const OWN_UPLOADS = [
  "Blender donut, start to finish",
  "Grading a short film in DaVinci Resolve",
  "Figma prototyping basics",
];

/** Reloads `path` until `text` shows: for work a worker finishes in the background. */
async function reloadUntilVisible(page: Page, path: string, text: string, timeout: number): Promise<void> {
  await expect(async () => {
    await page.goto(path);
    await expect(page.getByText(text).first()).toBeVisible({ timeout: 1_500 });
  }).toPass({ timeout, intervals: [500, 1_000] });
}

test(
  "sign up → connect → import from My Videos → edit → follow → a new upload arrives → portfolio → quota runs out → disconnect",
  { tag: "@exclusive" },
  async ({ page, browser }) => {
    test.setTimeout(240_000);
    const suffix = randomUUID().slice(0, 6);
    const google = await createGoogleAccount(`Journey Creator ${suffix}`);
    for (const title of OWN_UPLOADS) {
      await emulator("POST", `/channels/${google.channelId}/videos`, {
        kind: "video",
        privacy: "public",
        title: `${title} ${suffix}`,
      });
    }

    await test.step("sign up and connect YouTube", async () => {
      await signUp(page, google.name);
      await connectYouTube(page, google);
    });

    await test.step("My Videos: import two of three, and watch the progress reach the end", async () => {
      await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "My Videos" }).click();
      const selectable = page.getByRole("checkbox", { disabled: false });
      await expect(selectable).toHaveCount(OWN_UPLOADS.length);
      await selectable.nth(0).check();
      await selectable.nth(1).check();
      await page.getByRole("button", { name: "Import 2 selected" }).click();
      const tray = page.getByRole("region", { name: "Import selected videos" });
      await expect(tray.getByRole("status").filter({ hasText: /^Done$/ })).toBeVisible({ timeout: 30_000 });
      await expect(tray.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute(
        "aria-valuetext",
        "2 of 2 videos",
      );
    });

    const editedTitle = `My donut, final cut ${suffix}`;
    await test.step("edit a project and make it public", async () => {
      await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Projects" }).click();
      const projects = page.getByRole("list", { name: "Projects" });
      await expect(projects.getByRole("listitem").filter({ has: page.getByRole("heading") })).toHaveCount(2);
      await projects.getByRole("heading", { level: 3 }).getByRole("link").first().click();
      await page.getByRole("button", { name: "Edit title and description" }).click();
      await page.getByRole("textbox", { name: "Title" }).fill(editedTitle);
      await page.getByRole("button", { name: "Save changes" }).click();
      await expect(page.getByRole("heading", { level: 1, name: editedTitle })).toBeVisible();
      const onPortfolio = page.getByRole("region", { name: "On your portfolio" });
      await onPortfolio.getByRole("radio", { name: "Public" }).check();
      await expect(onPortfolio.getByText("Saved.")).toBeVisible();
    });

    const handle = `journey-${suffix}`;
    await test.step("choose a portfolio address", async () => {
      await page.goto("/settings");
      const portfolio = page.getByRole("region", { name: "Public portfolio" });
      await portfolio.getByLabel("Portfolio address").fill(handle);
      await portfolio.getByRole("button", { name: "Save address" }).click();
      await expect(portfolio.getByRole("status")).toHaveText(`Saved. Your portfolio is at /u/${handle}.`);
    });

    const followedTitle = `Journey Followed ${suffix}`;
    const pushedUpload = `Fresh upload ${suffix}`;
    await test.step("follow a channel; a link that is not a channel is refused with a reason", async () => {
      const channel = await emulator<{ id: string }>("POST", "/channels", {
        title: followedTitle,
        handle: `@journey${suffix}`,
      });
      await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Sources" }).click();
      const field = page.getByLabel("Channel URL, @handle or channel id");
      await field.fill("https://vimeo.com/76979871");
      await page.getByRole("button", { name: "Follow", exact: true }).click();
      await expect(field).toHaveAttribute("aria-invalid", "true");
      await expect(field).toBeFocused();

      await field.fill(`https://www.youtube.com/@journey${suffix}`);
      await page.getByRole("button", { name: "Follow", exact: true }).click();
      const row = page
        .getByRole("list", { name: "Followed channels" })
        .getByRole("listitem")
        .filter({ hasText: followedTitle });
      await expect(row).toBeVisible();
      // The worker subscribes at the emulator's hub, which checks our intent; then the channel publishes.
      await expect(row.getByText("Live updates")).toBeVisible({ timeout: 30_000 });
      await emulator("POST", `/channels/${channel.id}/videos`, {
        kind: "video",
        privacy: "public",
        title: pushedUpload,
      });
      // Recorded at once; sync.enrich batches ids for up to 30 s (SYNC_ENRICH_MAX_WAIT_SECONDS) and promises
      // a project within 60 s of detection.
      await reloadUntilVisible(page, "/projects", pushedUpload, 60_000);
    });

    await test.step("the public portfolio shows the public project, and nothing private", async () => {
      const visitor = await (await browser.newContext()).newPage();
      await visitor.goto(`/u/${handle}`);
      await expect(visitor.getByRole("heading", { level: 1, name: google.name })).toBeVisible();
      const cards = visitor
        .getByRole("list", { name: "Projects" })
        .getByRole("listitem")
        .filter({ has: visitor.getByRole("heading") });
      await expect(cards).toHaveCount(1);
      await expect(cards.getByRole("heading")).toHaveText(editedTitle);
      await expect(visitor.getByText(pushedUpload)).toHaveCount(0);
      await visitor.context().close();
    });

    await test.step("YouTube's daily quota runs out: My Videos still shows its stored page, and Refresh says when work resumes", async () => {
      await emulator("POST", "/quota", { exhaust: true });
      try {
        await page.goto("/videos");
        await expect(page.getByRole("list", { name: "Your uploads" }).getByRole("listitem")).toHaveCount(
          OWN_UPLOADS.length,
        );
        await page.getByRole("button", { name: "Refresh the list from YouTube" }).click();
        await expect(
          page.getByText(
            /Today's YouTube quota is used up\. Work resumes by itself (at|tomorrow at|on) .+, when it resets\./,
          ),
        ).toBeVisible({
          timeout: 15_000,
        });
      } finally {
        // The rest of the run (and a rerun) gets a fresh day: the emulator's budget and the app's own mark.
        await emulator("POST", "/quota", { resetUsage: true });
        await sql(`UPDATE "QuotaDay" SET "exhaustedUntil" = NULL WHERE scope = 'project'`);
      }
    });

    await test.step("disconnect YouTube: the projects stay", async () => {
      await page.goto("/settings");
      const card = page.getByRole("region", { name: "YouTube connection" });
      await card.getByRole("button", { name: "Disconnect" }).click();
      await page.getByRole("dialog").getByRole("button", { name: "Disconnect YouTube" }).click();
      await expect(page.getByText("YouTube disconnected")).toBeVisible();
      await page.goto("/projects");
      await expect(
        page
          .getByRole("list", { name: "Projects" })
          .getByRole("listitem")
          .filter({ has: page.getByRole("heading") }),
      ).toHaveCount(3);
    });
  },
);
