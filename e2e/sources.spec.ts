import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { sql } from "./fixtures/database";
import { signUp } from "./fixtures/accounts";
import { emulator } from "./fixtures/emulator";

/** A channel of the test's own in the emulator, so specs running in parallel never share one. */
async function createChannel(title: string) {
  const handle = `e2efollow${randomUUID().slice(0, 8)}`;
  const channel = await emulator<{ id: string }>("POST", "/channels", { title, handle: `@${handle}` });
  return { id: channel.id, title, handle };
}

async function follow(page: Page, channelRef: string) {
  await page.getByLabel("Channel URL, @handle or channel id").fill(channelRef);
  await page.getByRole("button", { name: "Follow", exact: true }).click();
}

function sourceRow(page: Page, title: string) {
  return page.getByRole("list", { name: "Followed channels" }).getByRole("listitem").filter({ hasText: title });
}

test("follow a channel by id → pause and resume auto-sync → a video link is refused → unfollow", async ({ page }) => {
  test.setTimeout(60_000);
  const channel = await createChannel(`E2E Followed ${randomUUID().slice(0, 6)}`);
  await signUp(page, "E2E Follower");

  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Sources" }).click();
  await expect(page).toHaveURL(/\/sources$/);
  await expect(page.getByRole("heading", { name: "You're not following any channels yet" })).toBeVisible();

  await follow(page, channel.id);
  const row = sourceRow(page, channel.title);
  await expect(row).toBeVisible();
  await expect(page.getByLabel("Channel URL, @handle or channel id")).toHaveValue("");
  await expect(page.getByRole("status").filter({ hasText: `You're following ${channel.title}` })).toBeVisible();
  // The worker's sync engine claims the new follow within about a second, so either state is fine here.
  await expect(row.getByText(/^(First check soon|Up to date)$/)).toBeVisible();
  await expect(row.getByText(`@${channel.handle}`)).toBeVisible();
  await expect(row.getByText("No new uploads imported yet")).toBeVisible();
  const link = row.getByRole("link", { name: channel.title });
  await expect(link).toHaveAttribute("href", `https://www.youtube.com/@${channel.handle}`);
  await expect(link).toHaveAttribute("rel", /noopener/);

  const autoSync = row.getByRole("switch", { name: /^Auto-sync/ });
  await expect(autoSync).toHaveAttribute("aria-checked", "true");
  await autoSync.click();
  await expect(autoSync).toHaveAttribute("aria-checked", "false");
  await expect(row.getByText("Auto-sync off", { exact: true })).toBeVisible();
  await expect(row.getByText(/^Next check/)).toHaveCount(0);
  await expect(row.getByRole("button", { name: /^Sync now/ })).toHaveCount(0);
  // Keyboard: the switch toggles with Space, as switches do.
  await autoSync.focus();
  await page.keyboard.press("Space");
  await expect(autoSync).toHaveAttribute("aria-checked", "true");
  await expect(row.getByText(/^(First check soon|Up to date)$/)).toBeVisible();
  await expect(row.getByText(/^Next check/)).toBeVisible();

  await row.getByRole("button", { name: /^Sync now/ }).click();
  await expect(row.getByText(/^Check queued/)).toBeVisible();

  const field = page.getByLabel("Channel URL, @handle or channel id");
  await follow(page, "https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await expect(field).toHaveAccessibleDescription(/That's a video link/);
  await expect(field).toBeFocused();
  await expect(page.getByRole("list", { name: "Followed channels" }).getByRole("listitem")).toHaveCount(1);

  await row.getByRole("button", { name: /^Unfollow/ }).click();
  const dialog = page.getByRole("dialog", { name: `Unfollow ${channel.title}?` });
  await expect(dialog).toContainText("stay in your portfolio");
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Unfollow", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "You're not following any channels yet" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Followed channels" })).toBeFocused();
});

test("follow by @handle with recent uploads → their import runs → Sync now over the hourly limit counts down, then works", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const channel = await createChannel(`E2E Rate Limited ${randomUUID().slice(0, 6)}`);
  for (let index = 0; index < 3; index += 1) {
    await emulator("POST", `/channels/${channel.id}/videos`, {
      kind: "video",
      privacy: "public",
      title: `Houdini breakdown ${index}`,
    });
  }
  const email = await signUp(page, "E2E Eager Syncer");
  // The channel is typed and the choice made before the page's scripts run (a quick user on a slow phone):
  // both must still count once the page hydrates.
  let releaseScripts: () => void = () => {};
  const scriptsReleased = new Promise<void>((resolve) => (releaseScripts = resolve));
  await page.route("**/_next/static/chunks/**", (route) => scriptsReleased.then(() => route.continue()));
  // Not "load" or "domcontentloaded": both wait for the held scripts.
  await page.goto("/sources", { waitUntil: "commit" });
  const channelField = page.getByLabel("Channel URL, @handle or channel id");
  await channelField.fill(`@${channel.handle}`);
  const backfill = page.getByLabel("Also import recent uploads");
  await backfill.selectOption({ label: "The 10 newest" });
  releaseScripts();
  // Hydrated: React has taken the fields over (its fiber is on the element).
  for (const field of [channelField, backfill])
    await expect
      .poll(() => field.evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactFiber"))))
      .toBe(true);
  await page.getByRole("button", { name: "Follow", exact: true }).click();
  const row = sourceRow(page, channel.title);
  await expect(row).toBeVisible();
  const card = page.getByRole("region", { name: "Follow a channel" });
  await expect(card.getByRole("status").filter({ hasText: /^Done$/ })).toBeVisible({ timeout: 20_000 });
  await expect(card.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute(
    "aria-valuetext",
    "3 of 3 videos",
  );
  await expect(page.getByLabel("Also import recent uploads")).toHaveValue("0");

  // Twenty clicks through the UI would be slow: spend this user's 20 Sync now points for the next few
  // seconds directly in rate-limiter-flexible's table (key "<policy name>:<user id>").
  const [user] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  expect(user).toBeDefined();
  const waitMs = 12_000;
  await sql(
    `INSERT INTO "RateLimit" (key, points, expire) VALUES ($1, 20, $2)
       ON CONFLICT (key) DO UPDATE SET points = EXCLUDED.points, expire = EXCLUDED.expire`,
    [`sync-now:${user!.id}`, Date.now() + waitMs],
  );

  const syncNow = row.getByRole("button", { name: /^Sync now/ });
  await syncNow.click();
  await expect(row.getByText("You've asked for 20 syncs this hour")).toBeVisible();
  await expect(syncNow).toBeDisabled();
  // Visible figures plus a screen-reader clock time ("at 3:45 PM") in the same element.
  const countdown = row.getByText(/Try again in \d+:\d\d/);
  await expect(countdown).toBeVisible();
  // It ticks down each second.
  const first = await countdown.textContent();
  await expect.poll(() => countdown.textContent(), { timeout: 5_000 }).not.toBe(first);

  await expect(syncNow).toBeEnabled({ timeout: waitMs + 5_000 });
  await expect(countdown).toHaveCount(0);
  await expect(row.getByText("You've asked for 20 syncs this hour")).toHaveCount(0);
  await syncNow.click();
  await expect(row.getByText(/^Check queued/)).toBeVisible();
});

test("a followed channel's new upload arrives by WebSub push and becomes a project", async ({ page }) => {
  test.setTimeout(120_000);
  const channel = await createChannel(`E2E Pushed ${randomUUID().slice(0, 6)}`);
  await signUp(page, "E2E Push Follower");
  await page.goto("/sources");
  await follow(page, channel.id);
  const row = sourceRow(page, channel.title);
  // The worker subscribes the channel at the emulator's hub, which checks our intent at /api/websub/youtube.
  await expect(row.getByText("Live updates")).toBeVisible({ timeout: 30_000 });

  const title = `Pushed upload ${randomUUID().slice(0, 6)}`;
  await emulator("POST", `/channels/${channel.id}/videos`, { kind: "video", privacy: "public", title });
  // The push is recorded in a second or two; sync.enrich then waits up to SYNC_ENRICH_MAX_WAIT_SECONDS
  // (30 s by default) for other ids to share its videos.list unit. The product's promise is a project
  // within 60 s of detection: reload the projects page until it lists the upload.
  await expect
    .poll(
      async () => {
        await page.goto("/projects");
        return page
          .getByText(title)
          .first()
          .waitFor({ timeout: 3_000 })
          .then(
            () => true,
            () => false,
          );
      },
      { timeout: 60_000, intervals: [1_000] },
    )
    .toBe(true);
});
