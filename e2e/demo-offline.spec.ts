// Demo mode works offline: the pages with thumbnails and avatars load every image from the emulator,
// which stands in for Google's image hosts, and no request leaves for any other host.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { setUpCreator } from "./fixtures/creator";

const appOrigin = () => new URL(test.info().project.use.baseURL ?? "").origin;
const emulatorOrigin = () => new URL(process.env.E2E_EMULATOR_URL ?? "").origin;

type Traffic = { offHost: string[]; failed: string[]; imagesLoaded: string[] };

/** Every request the context's pages make: where it went, which failed, which images arrived. */
function watchTraffic(context: BrowserContext): Traffic {
  const traffic: Traffic = { offHost: [], failed: [], imagesLoaded: [] };
  const allowed = new Set([appOrigin(), emulatorOrigin()]);
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol !== "data:" && url.protocol !== "blob:" && !allowed.has(url.origin))
      traffic.offHost.push(`${request.resourceType()} ${request.url()}`);
  });
  context.on("requestfailed", (request) => {
    // Navigating on cancels requests still in flight (prefetches, polls): only a failed image is a broken card.
    if (request.resourceType() === "image")
      traffic.failed.push(`${request.url()}: ${request.failure()?.errorText ?? "failed"}`);
  });
  context.on("response", (response) => {
    if (response.request().resourceType() === "image" && response.ok()) traffic.imagesLoaded.push(response.url());
  });
  return traffic;
}

/** Opens a page and waits until its heading shows and nothing is loading. */
async function openPage(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
}

/**
 * Opens a page and scrolls through its images, so lazy thumbnails load, then checks that it shows
 * emulator-served images and that each of them decoded (a broken one is swapped for the placeholder).
 */
async function expectImagesShown(page: Page, path: string): Promise<void> {
  await openPage(page, path);
  const images = page.locator(`img[src^="${emulatorOrigin()}/thumbnails/"]`);
  await expect(images.first(), `${path}: an image from the emulator`).toBeVisible();
  for (const image of await images.all()) {
    await image.scrollIntoViewIfNeeded();
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth > 0), {
        message: `${path}: ${await image.getAttribute("src")}`,
      })
      .toBe(true);
  }
  await expect(
    page.locator(`img[src^="http"]:not([src^="${emulatorOrigin()}/"])`),
    `${path}: images from elsewhere`,
  ).toHaveCount(0);
}

test("demo mode offline: dashboard, My Videos, project and portfolio show their images, all from the emulator", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const traffic = watchTraffic(page.context());
  const creator = await setUpCreator(page);
  // The dashboard shows no pictures of its own; what it loads still counts in the traffic checks below.
  await test.step("/dashboard", () => openPage(page, "/dashboard"));
  for (const path of ["/videos", "/projects", `/projects/${creator.projectId}`]) {
    await test.step(path, () => expectImagesShown(page, path));
  }

  const visitorContext = await browser.newContext();
  const visitorTraffic = watchTraffic(visitorContext);
  const visitor = await visitorContext.newPage();
  await test.step(`/u/${creator.handle}`, () => expectImagesShown(visitor, `/u/${creator.handle}`));
  await visitorContext.close();

  for (const seen of [traffic, visitorTraffic]) {
    expect(seen.offHost, "requests to a host other than the app and the emulator").toEqual([]);
    expect(seen.failed, "image requests that failed").toEqual([]);
    expect(seen.imagesLoaded.filter((url) => url.startsWith(`${emulatorOrigin()}/thumbnails/`)).length).toBeGreaterThan(
      0,
    );
  }
});

test("demo mode offline: the demo account's uploads, live and upcoming ones included, show their thumbnails", async ({
  page,
}) => {
  const traffic = watchTraffic(page.context());
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Try the demo" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expectImagesShown(page, "/videos");
  expect(
    traffic.imagesLoaded.some((url) => /\/thumbnails\/vi\/[\w-]{11}\/\w+_live\.svg$/.test(url)),
    "a live or upcoming thumbnail",
  ).toBe(true);
  expect(traffic.offHost).toEqual([]);
  expect(traffic.failed).toEqual([]);
});
