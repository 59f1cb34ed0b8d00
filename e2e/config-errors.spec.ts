// Google refusing Showreel's own API key, in both layouts Google sends, end to end: the creator is told it is a
// configuration problem an administrator knows about, never that their input was bad. The faults hit every
// Data API call, so the test is @exclusive: it runs alone, after the rest, and clears them when done.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signUp } from "./fixtures/accounts";
import { sql } from "./fixtures/database";
import { emulator } from "./fixtures/emulator";

const CONFIG_TEXT = "Showreel cannot reach YouTube because of a configuration problem; an administrator has been told.";

test(
  "a bad API key, in either layout: a video import and a channel import wait with the configuration message, and /ops names the reason",
  { tag: "@exclusive" },
  async ({ page }) => {
    const handle = `e2ecfg${randomUUID().slice(0, 6)}`;
    const channel = await emulator<{ id: string }>("POST", "/channels", {
      title: "E2E Config Channel",
      handle: `@${handle}`,
    });
    const videoIds: string[] = [];
    for (let index = 0; index < 2; index += 1) {
      videoIds.push(
        (
          await emulator<{ id: string }>("POST", `/channels/${channel.id}/videos`, {
            kind: "video",
            privacy: "public",
            title: `Config ${index}`,
          })
        ).id,
      );
    }

    const email = await signUp(page, "E2E Config");

    try {
      // Current layout: `badRequest` in errors[], API_KEY_INVALID in details[]. The worker's videos.list is refused.
      await emulator("POST", "/faults", { kind: "apiKeyInvalid", layout: "current", endpoint: "*" });
      await page.goto("/import");
      const links = page.getByRole("region", { name: "Paste video links" });
      await links.getByRole("textbox", { name: "Links or ids, one per line" }).fill(videoIds.join("\n"));
      await links.getByRole("button", { name: "Import 2 videos" }).click();
      await expect(links.getByRole("status").filter({ hasText: CONFIG_TEXT })).toBeVisible({ timeout: 20_000 });
      await expect(page.getByText("YouTube rejected the request as invalid.")).toHaveCount(0);

      // Legacy layout: `keyInvalid` in errors[] only. The worker's first channels.list is refused.
      await emulator("DELETE", "/faults");
      await emulator("POST", "/faults", { kind: "apiKeyInvalid", layout: "legacy", endpoint: "*" });
      const channelCard = page.getByRole("region", { name: "Import a whole channel" });
      await channelCard
        .getByRole("textbox", { name: "Channel", exact: true })
        .fill(`https://www.youtube.com/@${handle}`);
      await channelCard.getByRole("button", { name: "Import channel" }).click();
      await expect(channelCard.getByRole("status").filter({ hasText: CONFIG_TEXT })).toBeVisible({ timeout: 20_000 });
      await expect(channelCard.getByText("YouTube rejected the request as invalid.")).toHaveCount(0);

      // The operator's line on /ops names each reason and the call it came on.
      await sql(`UPDATE "User" SET role = 'admin' WHERE email = $1`, [email]);
      await page.goto("/ops");
      const problems = page.getByRole("alert", { name: "YouTube configuration problems" });
      await expect(
        problems.getByRole("listitem").filter({ hasText: "API_KEY_INVALID on videos.list (HTTP 400)" }),
      ).toBeVisible();
      await expect(
        problems.getByRole("listitem").filter({ hasText: "keyInvalid on channels.list (HTTP 400)" }),
      ).toBeVisible();
    } finally {
      await emulator("DELETE", "/faults");
    }
  },
);
