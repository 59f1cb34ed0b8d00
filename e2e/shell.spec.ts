import { expect, test } from "@playwright/test";
import { signUpOverApi } from "./fixtures/accounts";
import { sql } from "./fixtures/database";
import { trpcClient } from "./fixtures/trpc";

test("the landing page loads and reports healthy systems", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveTitle(/Showreel/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("navigation").first()).toBeVisible();
  await expect(page.getByTestId("system-status")).toContainText("All systems normal");
});

test("/api/live answers without the database, /api/health and /api/ready with it checked", async ({ request }) => {
  const live = await request.get("/api/live");
  expect(live.status()).toBe(200);
  expect(await live.json()).toEqual({ status: "ok" });
  expect(live.headers()["cache-control"]).toBe("no-store");
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok", checks: { database: { ok: true } } });
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({
    status: "ok",
    checks: { database: { ok: true }, jobQueue: { ok: true } },
  });
});

test("an unknown page gets the not-found page with a 404", async ({ page }) => {
  const response = await page.goto("/this-page-does-not-exist");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("link", { name: /home/i }).first()).toBeVisible();
});

test("web and worker are separate processes that meet only in the database", async ({ request, baseURL }) => {
  const workerPort = process.env.E2E_WORKER_METRICS_PORT;
  expect(workerPort, "the worker printed its metrics port with `worker ready`").toBeTruthy();
  const workerReady = await request.get(`http://127.0.0.1:${workerPort}/ready`);
  expect(workerReady.status()).toBe(200);

  const { email, cookie } = await signUpOverApi(request, baseURL!, "E2E Admin");

  const trpc = trpcClient(baseURL!, cookie);
  await expect(trpc.system.ping.mutate()).rejects.toThrow(/Only administrators/);
  await sql(`UPDATE "User" SET role = 'admin' WHERE email = $1`, [email]);

  const { pingId } = await trpc.system.ping.mutate();
  await expect
    .poll(async () => (await trpc.system.pingStatus.query({ pingId })).handledBy, { timeout: 15_000 })
    .toMatch(/:\d+$/);
});
