/**
 * The web tier's session cookie cache and admission retries, in Chromium against `next start`: signing
 * out refuses the browser's cookies at once; a call the server refused as busy (503 + Retry-After, as
 * admission control answers) is retried by the page after Retry-After and never shown as an error.
 */
import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./fixtures/accounts";

const sessionCookieNames = async (page: Page) =>
  (await page.context().cookies()).map((cookie) => cookie.name).filter((name) => name.includes("session"));

test("signing up sets the session cache cookie, and signing out refuses the browser at once", async ({ page }) => {
  test.setTimeout(90_000);
  await signUp(page, "Cache Cookie");
  expect(await sessionCookieNames(page)).toEqual(
    expect.arrayContaining(["better-auth.session_token", "better-auth.session_data"]),
  );
  expect((await page.request.get("/api/trpc/notifications.unreadCount")).status()).toBe(200);

  await page.locator("#main").getByRole("button", { name: "Sign out" }).click();
  await expect(page).not.toHaveURL(/\/settings/, { timeout: 30_000 });
  expect(await sessionCookieNames(page)).toEqual([]);
  expect((await page.request.get("/api/trpc/notifications.unreadCount")).status()).toBe(401);
});

test("a call refused as busy is retried after Retry-After, with no error on the page", async ({ page }) => {
  test.setTimeout(90_000);
  await signUp(page, "Busy Server");
  const refused: string[] = [];
  const passed: string[] = [];
  // The first create and the first list read after it are answered as a full web process answers them.
  await page.route("**/api/trpc/**", async (route) => {
    const path = new URL(route.request().url()).pathname;
    const kind = path.includes("accessTokens.create") ? "create" : path.includes("accessTokens.list") ? "list" : null;
    if (kind && !refused.includes(kind) && (kind === "create" || refused.includes("create"))) {
      refused.push(kind);
      return route.fulfill({
        status: 503,
        headers: { "retry-after": "1", "content-type": "application/json" },
        body: JSON.stringify({
          error: { message: "The server is busy; try again in a moment.", code: "SERVICE_UNAVAILABLE" },
        }),
      });
    }
    if (kind) passed.push(kind);
    return route.continue();
  });

  const tokens = page.locator("section[aria-labelledby='access-tokens-title']");
  await tokens.getByLabel("New token name").fill("retried script");
  await tokens.getByRole("button", { name: "Create token" }).click();
  await expect(tokens.getByText("Token “retried script” created")).toBeVisible({ timeout: 20_000 });
  await expect(tokens.locator("li").getByText("retried script", { exact: true })).toBeVisible({ timeout: 20_000 });

  expect(refused).toEqual(["create", "list"]);
  expect(passed).toEqual(expect.arrayContaining(["create", "list"]));
  await expect(page.getByText("We couldn't load your tokens")).toHaveCount(0);
  await expect(tokens.getByRole("alert").filter({ hasText: /\S/ })).toHaveCount(0);
});
