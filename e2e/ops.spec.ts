import { expect, test } from "@playwright/test";
import { signUp } from "./fixtures/accounts";
import { sql } from "./fixtures/database";
import { expectAccessible } from "./fixtures/page-checks";

test("an admin sees live queue counts on /ops; anyone else gets the not-found page", async ({ page }) => {
  const email = await signUp(page, "E2E Operator");
  const hidden = await page.goto("/ops");
  expect(hidden?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).not.toHaveText("Operations");

  await sql(`UPDATE "User" SET role = 'admin' WHERE email = $1`, [email]);
  const shown = await page.goto("/ops");
  expect(shown?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Operations" })).toBeVisible();
  const queues = page.getByRole("table", { name: "Jobs per queue by state" });
  // The worker's queues, as pg-boss counts them, are in the first HTML.
  await expect(queues.getByRole("rowheader", { name: "sync.check-channel", exact: true })).toBeVisible();
  await expect(queues.getByRole("rowheader", { name: "youtube.import-videos", exact: true })).toBeVisible();
  await expect(page.getByText("Sync lag")).toBeVisible();

  // The admin's account menu links here.
  await page.getByRole("button", { name: /account/i }).click();
  await expect(page.getByRole("menuitem", { name: "Operations" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expectAccessible(page, "/ops");
});
