import { expect, test } from "@playwright/test";
import { signUp } from "./fixtures/accounts";
import { sql } from "./fixtures/database";
import { E2E_METRICS_TOKEN } from "./fixtures/metrics";

test("/api/metrics answers Prometheus with the token or an admin session, and no one else", async ({
  page,
  request,
}) => {
  const anonymous = await request.get("/api/metrics");
  expect(anonymous.status()).toBe(401);
  expect(anonymous.headers()["www-authenticate"]).toContain("Bearer");
  expect(
    (await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}x` } })).status(),
  ).toBe(401);

  const scraped = await request.get("/api/metrics", { headers: { authorization: `Bearer ${E2E_METRICS_TOKEN}` } });
  expect(scraped.status()).toBe(200);
  expect(scraped.headers()["content-type"]).toContain("text/plain");
  const body = await scraped.text();
  // Shared state read from Postgres at scrape time: the worker's queues and today's budget.
  expect(body).toMatch(/^job_queue_depth\{queue="sync\.enrich",state="ready"\} \d+$/m);
  expect(body).toMatch(/^youtube_quota_units_limit\{scope="project"\} 10000$/m);
  expect(body).toMatch(/^sync_lag_seconds \d+/m);
  expect(body).toContain("# TYPE trpc_request_duration_seconds histogram");
  expect(body).toContain("process_resident_memory_bytes");

  // A signed-in user is no admin: refused; the same browser session once an admin: allowed.
  const email = await signUp(page, "E2E Metrics Reader");
  expect((await page.request.get("/api/metrics")).status()).toBe(401);
  await sql(`UPDATE "User" SET role = 'admin' WHERE email = $1`, [email]);
  const asAdmin = await page.request.get("/api/metrics");
  expect(asAdmin.status()).toBe(200);
  expect(await asAdmin.text()).toContain("youtube_api_requests_total");
});

test("/api/health and /api/ready answer 200 while the database and pg-boss are up", async ({ request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok" });
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ status: "ok" });
});
