import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signUp } from "./fixtures/accounts";
import { emulator } from "./fixtures/emulator";

test("demo: My Videos → select 3 → import → progress reaches 100 % → projects show with their badges", async ({
  page,
}) => {
  // The AI pass runs after the import: on a busy 2-core machine the whole journey needs more than 30 s.
  test.setTimeout(60_000);
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Try the demo" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  await page.goto("/videos");
  const selectable = page.getByRole("checkbox", { disabled: false });
  await expect(selectable.first()).toBeVisible();
  for (let index = 0; index < 3; index += 1) await selectable.nth(index).check();
  await page.getByRole("button", { name: "Import 3 selected" }).click();
  const tray = page.getByRole("region", { name: "Import selected videos" });
  await expect(tray.getByRole("status").filter({ hasText: /^Done$/ })).toBeVisible({ timeout: 20_000 });
  await expect(tray.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute(
    "aria-valuetext",
    "3 of 3 videos",
  );

  await page.goto("/projects");
  await expect(
    page
      .getByRole("list", { name: "Projects" })
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading") }),
  ).toHaveCount(3);
  // Tagged by the matcher at once, then by the AI (the emulator's) once its job has run.
  await expect(page.getByText("AI tagged")).toHaveCount(3, { timeout: 20_000 });
});

test("import a channel by URL: the progress bar moves to done and the projects appear", async ({ page }) => {
  const handle = `e2e${randomUUID().slice(0, 8)}`;
  const channel = await emulator<{ id: string }>("POST", "/channels", { title: "E2E Channel", handle: `@${handle}` });
  for (let index = 0; index < 12; index += 1) {
    await emulator("POST", `/channels/${channel.id}/videos`, {
      kind: "video",
      privacy: "public",
      title: `Blender session ${index}`,
    });
  }

  const email = `e2e-${randomUUID()}@test.showreel.local`;
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("E2E Channel Importer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/settings/);

  await page.goto("/import");
  await page.getByRole("textbox", { name: "Channel", exact: true }).fill(`https://www.youtube.com/@${handle}`);
  await page.getByRole("button", { name: "Import channel" }).click();
  const form = page.getByRole("region", { name: "Import a whole channel" });
  await expect(form.getByRole("status").filter({ hasText: /^Done$/ })).toBeVisible({ timeout: 20_000 });
  await expect(form.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute(
    "aria-valuetext",
    "12 of 12 videos",
  );

  await page.goto("/projects");
  await expect(
    page
      .getByRole("list", { name: "Projects" })
      .getByRole("listitem")
      .filter({ has: page.getByRole("heading") }),
  ).toHaveCount(12);
});

test("import a channel that never published: done with 0 videos and a message that says why, whichever way Google answers", async ({
  page,
}) => {
  await signUp(page, "E2E Empty Channel Importer");

  for (const emptyUploads of ["playlistNotFound", "emptyList"]) {
    const handle = `e2e${randomUUID().slice(0, 8)}`;
    await emulator("POST", "/channels", { title: "E2E Empty Channel", handle: `@${handle}`, emptyUploads });
    await page.goto("/import");
    await page.getByRole("textbox", { name: "Channel", exact: true }).fill(`https://www.youtube.com/@${handle}`);
    await page.getByRole("button", { name: "Import channel" }).click();
    const form = page.getByRole("region", { name: "Import a whole channel" });
    await expect(
      form
        .getByRole("status")
        .filter({ hasText: "Done: this channel has no videos on YouTube yet, so there was nothing to import." }),
    ).toBeVisible({
      timeout: 20_000,
    });
    await expect(form.getByRole("alert")).toHaveCount(0);
  }
});
