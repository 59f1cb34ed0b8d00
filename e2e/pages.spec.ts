// Every page of the product, as a creator with real data sees it and as a visitor does: axe in the light
// and the dark theme (zero serious or critical violations), nothing scrolling sideways at 375 px, and a
// screenshot at desktop and phone width into .data/test-results/screenshots. Also: the first data comes
// in the server's HTML (no loading flash), and the My Videos page's JavaScript stays within its budget.
import { gzipSync } from "node:zlib";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { VIDEO_TITLES, setUpCreator } from "./fixtures/creator";
import { captureScreens, expectAccessible } from "./fixtures/page-checks";
import { publicPages, signedInPages } from "./fixtures/site-pages";

/** Issue 8 (docs/design.md#ui): the My Videos page's JavaScript, gzipped. */
const MY_VIDEOS_JS_BUDGET_BYTES = 250 * 1024;

/** Opens a page, waits until its main heading shows and nothing is loading, then checks and photographs it. */
async function checkPage(page: Page, path: string, name: string, expectedStatus = 200): Promise<void> {
  const response = await page.goto(path);
  expect.soft(response?.status(), `${path}: status`).toBe(expectedStatus);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
  await expectAccessible(page, path);
  await captureScreens(page, name);
}

async function anonymousPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test("every page: zero serious or critical axe violations in both themes, fits 375 px, screenshots at two widths", async ({
  page,
  browser,
}) => {
  test.setTimeout(420_000);
  const creator = await setUpCreator(page);

  for (const { path, name } of signedInPages(creator)) await test.step(path, () => checkPage(page, path, name));

  const visitor = await anonymousPage(browser);
  for (const { path, name, status } of publicPages(creator))
    await test.step(path, () => checkPage(visitor, path, name, status));
  await visitor.context().close();
});

test("pages come with their first data in the server's HTML: no loading flash", async ({ page }) => {
  test.setTimeout(120_000);
  const creator = await setUpCreator(page);
  // The page's own request carries the session cookie, as a navigation would; no script runs on this HTML.
  for (const path of ["/dashboard", "/projects", `/projects/${creator.projectId}`, `/u/${creator.handle}`]) {
    const html = await (await page.request.get(path)).text();
    expect.soft(html, `${path}: server HTML`).toContain(creator.projectTitle);
  }
  const myVideos = await (await page.request.get("/videos")).text();
  for (const title of VIDEO_TITLES) expect.soft(myVideos, "/videos: server HTML").toContain(title);
});

test(`the My Videos page loads under ${MY_VIDEOS_JS_BUDGET_BYTES / 1024} KB of gzipped JavaScript`, async ({
  page,
}) => {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Try the demo" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);

  // The browser keeps 250 resource timing entries by default; the page's polling can fill that before its
  // last chunk loads, and later entries are dropped. Room for every request of the visit:
  await page.addInitScript(() => performance.setResourceTimingBufferSize(100_000));
  // A full load, as a visitor arriving from a link: every chunk the page needs, none from the dashboard's cache.
  const devtools = await page.context().newCDPSession(page);
  await devtools.send("Network.setCacheDisabled", { cacheDisabled: true });
  await page.goto("/videos");
  await expect(page.getByRole("checkbox").first()).toBeVisible();
  // "load" waits for every script the HTML names; polling requests would keep "networkidle" from ever coming.
  await page.waitForLoadState("load");
  // What the page fetched, from the browser's own resource timing (response events can reach the test
  // after "load", so a listener may miss the last chunk); each is read again and measured, and one that
  // cannot be read fails the test rather than dropping out of the sum.
  const fetched = await page.evaluate(() =>
    performance
      .getEntriesByType("resource")
      .map((entry) => entry.name)
      .filter((url) => new URL(url).pathname.endsWith(".js")),
  );
  // Scripts the document names are counted too: a chunk inserted as the page hydrates belongs to its cost
  // even if its timing entry is not in yet.
  const named = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLScriptElement>("script[src]:not([nomodule])")].map((script) => script.src),
  );
  expect(fetched.length).toBeGreaterThan(0);
  const scripts = new Map<string, number>();
  for (const url of new Set([...fetched, ...named])) {
    const response = await page.request.get(url);
    expect(response.status(), `${url} readable`).toBe(200);
    scripts.set(url, gzipSync(await response.body(), { level: 9 }).length);
  }
  // (A `nomodule` script is the legacy browsers' polyfill, which a modern browser never downloads.)
  expect(named.length).toBeGreaterThan(0);
  const totalBytes = [...scripts.values()].reduce((sum, bytes) => sum + bytes, 0);
  console.log(
    `My Videos JavaScript: ${scripts.size} files, ${(totalBytes / 1024).toFixed(1)} KB gzipped (budget ${MY_VIDEOS_JS_BUDGET_BYTES / 1024} KB)`,
  );
  expect(scripts.size).toBeGreaterThan(0);
  expect(totalBytes).toBeLessThan(MY_VIDEOS_JS_BUDGET_BYTES);
});
