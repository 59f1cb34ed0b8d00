import { randomUUID } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./fixtures/accounts";
import { emulator } from "./fixtures/emulator";
import { expectAccessible } from "./fixtures/page-checks";
import { trpcClient } from "./fixtures/trpc";

async function cookieHeader(page: Page): Promise<string> {
  return (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

test("a creator picks a handle and shows public projects; visitors filter them and play one", async ({
  page,
  baseURL,
  browser,
}) => {
  // Import, tagging (matcher then AI) and two browser contexts: more than the default 30 s on a busy machine.
  test.setTimeout(120_000);
  const suffix = randomUUID().slice(0, 6);
  const name = `Portfolio Maker ${suffix}`;
  await signUp(page, name);

  // Settings offer a handle made from the name; nothing is saved until the creator confirms.
  const portfolio = page.getByRole("region", { name: "Public portfolio" });
  const field = portfolio.getByLabel("Portfolio address");
  await expect(field).toHaveValue(`portfolio-maker-${suffix}`);
  await expect(portfolio.getByRole("link", { name: "View your portfolio" })).toHaveCount(0);

  const save = portfolio.getByRole("button", { name: "Save address" });
  await field.fill("Settings");
  await save.click();
  await expect(portfolio.getByText("That address is reserved. Pick another.")).toBeVisible();
  await expect(field).toBeFocused();
  // The seeded demo creator owns "demo": the server refuses it, in any case.
  await field.fill("DEMO");
  await save.click();
  await expect(portfolio.getByText("The address /u/demo is already taken. Try another.")).toBeVisible();
  await expectAccessible(page, "settings with a handle error");

  const handle = `maker-${suffix}`;
  await field.fill(handle.toUpperCase());
  await save.click();
  await expect(portfolio.getByRole("status")).toHaveText(`Saved. Your portfolio is at /u/${handle}.`);
  await expect(field).toHaveValue(handle);
  await expect(portfolio.getByRole("link", { name: "View your portfolio" })).toHaveAttribute("href", `/u/${handle}`);

  // Before anything is public the owner sees the empty portfolio, with the way to fill it.
  await portfolio.getByRole("link", { name: "View your portfolio" }).click();
  await expect(page).toHaveURL(new RegExp(`/u/${handle}$`));
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No public projects yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Choose projects to show" })).toHaveAttribute("href", "/projects");

  // Three videos become projects (private by default); two are made public.
  const channel = await emulator<{ id: string }>("POST", "/channels", {
    title: `Maker ${suffix}`,
    handle: `@maker${suffix}`,
  });
  const upload = (title: string) =>
    emulator<{ id: string }>("POST", `/channels/${channel.id}/videos`, {
      kind: "video",
      privacy: "public",
      title,
      description: "",
    });
  const donut = await upload(`Blender donut ${suffix}`);
  const prototype = await upload(`Figma prototype ${suffix}`);
  const draft = await upload(`Secret Blender draft ${suffix}`);
  const api = trpcClient(baseURL!, await cookieHeader(page));
  await api.imports.importVideos.mutate({ videos: [donut.id, prototype.id, draft.id] });
  // Wait for the AI pass too, so the tags the page shows are final.
  await expect
    .poll(
      async () => {
        const { items } = await api.projects.list.query({ limit: 10 });
        return items.filter((item) => item.analysisStatus !== "pending").length;
      },
      { timeout: 40_000 },
    )
    .toBe(3);
  const { items } = await api.projects.list.query({ limit: 10 });
  for (const project of items.filter((item) => !item.title.startsWith("Secret"))) {
    await api.projects.update.mutate({ id: project.id, data: { visibility: "public" } });
  }

  // A visitor (no session, no JavaScript) gets the whole first page from the server.
  const visitorContext = await browser.newContext({ javaScriptEnabled: false });
  const visitor = await visitorContext.newPage();
  await visitor.goto(`/u/${handle}`);
  await expect(visitor.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(visitor.getByText("2 public projects")).toBeVisible();
  const visitorCards = visitor
    .getByRole("list", { name: "Projects" })
    .getByRole("listitem")
    .filter({ has: visitor.getByRole("heading") });
  await expect(visitorCards).toHaveCount(2);
  await expect(visitor.getByText(`Secret Blender draft ${suffix}`)).toHaveCount(0);
  // The private draft is tagged Blender too, but only public projects are counted.
  await visitor
    .getByRole("navigation", { name: "Filter projects" })
    .getByRole("link", { name: "Blender (1 project)" })
    .click();
  await expect(visitor).toHaveURL(new RegExp(`/u/${handle}\\?tool=blender$`));
  await expect(visitorCards).toHaveCount(1);
  await expect(visitorCards.getByRole("heading")).toHaveText(`Blender donut ${suffix}`);
  await visitorContext.close();

  // With JavaScript: the chips filter, a card plays its video in a dialog, Escape closes it.
  await page.goto(`/u/${handle.toUpperCase()}`);
  await expect(page).toHaveURL(new RegExp(`/u/${handle}$`));
  const cards = page
    .getByRole("list", { name: "Projects" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading") });
  await expect(cards).toHaveCount(2);
  await expect(page.getByText(`Secret Blender draft ${suffix}`)).toHaveCount(0);
  await page
    .getByRole("navigation", { name: "Filter projects" })
    .getByRole("link", { name: /^Blender/ })
    .click();
  await expect(page).toHaveURL(/\?tool=blender$/);
  await expect(cards).toHaveCount(1);
  await expect(page.getByText(`Figma prototype ${suffix}`)).toHaveCount(0);

  const play = page.getByRole("button", { name: `Play “Blender donut ${suffix}”` });
  await play.click();
  const dialog = page.getByRole("dialog", { name: `Blender donut ${suffix}` });
  await expect(dialog).toBeVisible();
  const player = dialog.locator("iframe");
  await expect(player).toHaveAttribute("src", new RegExp(`^https://www\\.youtube-nocookie\\.com/embed/${donut.id}`));
  await expect(player).toHaveAttribute("title", `Blender donut ${suffix} — YouTube video player`);
  await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
  await expectAccessible(page, "portfolio with the player open");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(play).toBeFocused();

  // Link previews: Open Graph and Twitter tags name the creator and show the newest thumbnail.
  await page.goto(`/u/${handle}`);
  const ogTitle = new RegExp(`^${escapeRegExp(name)} \\(@${handle}\\)`);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", ogTitle);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute("content", "profile");
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", `${baseURL}/u/${handle}`);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", /.+/);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
});

test("an unknown handle is the site's 404 page, with status 404", async ({ page }) => {
  const response = await page.goto("/u/nobody-here");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "We couldn't find that page" })).toBeVisible();
});

test("the seeded demo creator's portfolio is public, signed out", async ({ page }) => {
  const response = await page.goto("/u/demo");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Demo Creator" })).toBeVisible();
  await expect(page.getByText("@demo")).toBeVisible();
});
