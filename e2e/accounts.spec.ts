import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import { consentAs, signUp } from "./fixtures/accounts";
import { createGoogleAccount, emulator, oauthCounters } from "./fixtures/emulator";

const run = promisify(execFile);

test("sign up → connect YouTube → silent refresh → revoked grant → reconnect → disconnect", async ({ page }) => {
  // A long journey with two consent round trips: the default 30 s is tight on a busy 2-core machine.
  test.setTimeout(60_000);
  const google = await createGoogleAccount("E2E Creator");
  await signUp(page, "E2E Creator");

  await page.getByRole("link", { name: "Connect YouTube" }).click();
  await consentAs(page, google.email);
  await expect(page).toHaveURL(/\/settings\?youtube=connected/);
  await expect(page.getByText("YouTube connected: E2E Creator")).toBeVisible();
  const card = page.getByRole("region", { name: "YouTube connection" });
  await expect(card.getByText("E2E Creator", { exact: true })).toBeVisible();

  // Google invalidates the access token early: the next call renews it without the user noticing.
  await emulator("POST", "/oauth/expire-access-tokens", { email: google.email });
  const refreshesBefore = (await oauthCounters()).refreshToken;
  await card.getByRole("button", { name: "Check connection" }).click();
  await expect(card.getByText("YouTube answered: the connection works.")).toBeVisible();
  expect((await oauthCounters()).refreshToken).toBe(refreshesBefore + 1);

  // The user revokes Showreel at Google: the next call finds out, and the page asks for a reconnect.
  await emulator("POST", "/oauth/revoke", { email: google.email });
  await card.getByRole("button", { name: "Check connection" }).click();
  await expect(card.getByRole("alert").filter({ hasText: "YouTube access has expired or was revoked" })).toBeVisible();
  await card.getByRole("link", { name: "Reconnect YouTube" }).click();
  await consentAs(page, google.email);
  await expect(page).toHaveURL(/\/settings\?youtube=connected/);
  await expect(card.getByText("YouTube access has expired or was revoked")).toHaveCount(0);
  await card.getByRole("button", { name: "Check connection" }).click();
  await expect(card.getByText("YouTube answered: the connection works.")).toBeVisible();

  const revokesBefore = (await oauthCounters()).revoke;
  await card.getByRole("button", { name: "Disconnect" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("keeps all your projects");
  await dialog.getByRole("button", { name: "Disconnect YouTube" }).click();
  await expect(page.getByText("YouTube disconnected")).toBeVisible();
  await expect(page.getByRole("link", { name: "Connect YouTube" })).toBeVisible();
  expect((await oauthCounters()).revoke).toBe(revokesBefore + 1);
});

test("declining on Google's page connects nothing and says so", async ({ page }) => {
  await signUp(page, "E2E Decliner");
  await page.getByRole("link", { name: "Connect YouTube" }).click();
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page).toHaveURL(/youtube_error=access_denied/);
  await expect(page.getByText("You declined access on Google's page — nothing was connected.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Connect YouTube" })).toBeVisible();
});

test("Try the demo signs in as the seeded creator", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Try the demo" }).click();
  // The demo creator has YouTube connected, so signing in lands on the dashboard (new accounts: settings).
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.locator("main").getByText("Welcome back, Demo Creator.")).toBeVisible();
});

test("a personal access token drives the typed API from a script", async ({ page, baseURL }) => {
  await signUp(page, "E2E Scripter");
  await page.getByLabel("New token name").fill("e2e script");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = await page.getByLabel("New access token").inputValue();
  expect(token).toMatch(/^shr_/);

  const channel = await emulator<{ id: string }>("POST", "/channels", { title: "Scripted" });
  const video = await emulator<{ id: string }>("POST", `/channels/${channel.id}/videos`, {
    kind: "video",
    privacy: "public",
    title: "Imported by a script",
  });
  const tsx = path.resolve("node_modules/.bin/tsx");
  const scriptEnv = { ...process.env, SHOWREEL_URL: baseURL, SHOWREEL_TOKEN: token };
  const { stdout } = await run(tsx, ["examples/typed-client.ts", `https://youtu.be/${video.id}`], { env: scriptEnv });
  expect(JSON.parse(stdout.trim())).toEqual({
    status: "done",
    imported: 1,
    skipped: 0,
    latestProject: "Imported by a script",
  });

  await page.reload();
  await page
    .getByRole("button", { name: /Revoke/ })
    .first()
    .click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /Revoke/ })
    .click();
  await expect(page.getByText("No tokens yet")).toBeVisible();
  const revoked = await run(tsx, ["examples/typed-client.ts", video.id], { env: scriptEnv }).catch(
    (error: { stderr: string }) => error,
  );
  expect("stderr" in revoked && revoked.stderr).toMatch(/UNAUTHORIZED|Sign in/);
});

test("Continue with Google signs in through Google's consent page (the emulator in demo mode)", async ({ page }) => {
  const google = await createGoogleAccount("E2E Google User");
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Continue with Google" }).click();
  await consentAs(page, google.email);
  await expect(page).toHaveURL(/\/settings/);
  await expect(page.locator("main").getByText(google.email, { exact: true })).toBeVisible();
  // Signing in with Google grants no YouTube access: that is a separate, explicit step.
  await expect(page.getByRole("link", { name: "Connect YouTube" })).toBeVisible();
});
