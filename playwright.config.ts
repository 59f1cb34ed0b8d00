/**
 * End-to-end lane: the production build of the web app and the bundled worker, started as two separate
 * processes that share only the database, driven by Debian's Chromium. Run through `npm run e2e` (or
 * `npm test`), which builds the app and creates a fresh database first and passes it in E2E_DATABASE_URL.
 */
import { defineConfig, devices } from "@playwright/test";
import { E2E_METRICS_TOKEN } from "./e2e/fixtures/metrics";
import { DEMO_EMULATOR_ENV, e2eEmulatorUrl, emulatorEnv } from "./scripts/dev/emulator-env";

const databaseUrl = process.env.E2E_DATABASE_URL;
if (!databaseUrl) throw new Error("E2E_DATABASE_URL is unset: run the e2e lane through `npm run e2e`");

const port = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;
const emulatorURL = e2eEmulatorUrl();
// Specs drive the emulator's control API (revoke a grant, expire tokens) through this.
process.env.E2E_EMULATOR_URL = emulatorURL;
const serverEnv = {
  // Demo mode: Google and YouTube are the emulator, as with `npm run dev` and no credentials.
  ...emulatorEnv(emulatorURL),
  NODE_ENV: "production",
  DATABASE_URL: databaseUrl,
  APP_URL: baseURL,
  // The emulator's WebSub hub pushes to the app under test, as Google's would to a deployed one.
  PUBLIC_URL: baseURL,
  BETTER_AUTH_SECRET: process.env.E2E_AUTH_SECRET ?? "e2e-only-secret-0123456789abcdef0123456789",
  TOKEN_ENCRYPTION_KEY: process.env.E2E_TOKEN_ENCRYPTION_KEY ?? "ZTJlLW9ubHktdG9rZW4ta2V5LTAxMjM0NTY3ODlhYmM=",
  LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? "warn",
  NEXT_TELEMETRY_DISABLED: "1",
  METRICS_TOKEN: E2E_METRICS_TOKEN,
  // Shown on /privacy (e2e/legal.spec.ts).
  PRIVACY_CONTACT_EMAIL: "privacy@showreel.example",
  // Every test signs up from 127.0.0.1: on a fast machine the lane made more than the default 20 a minute.
  AUTH_EMAIL_ATTEMPTS_PER_MINUTE: "1000",
};

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  // Each test drives the web app, the worker, the emulator and Postgres on the same 2 shared cores.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: ".data/test-results/playwright",
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      // The machine has no outside network: without these Chromium keeps dialling Google's hosts.
      args: [
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { ...devices["Desktop Chrome"] }, grepInvert: /@exclusive|@idle/ },
    // Tests tagged @idle watch a page sit for minutes of real time (an idle tab's request budget): their own
    // project, so they run beside the rest instead of holding up a worker of the main one.
    { name: "idle", use: { ...devices["Desktop Chrome"] }, grep: /@idle/ },
    // Tests tagged @exclusive change what every other test relies on (they spend the day's app-wide YouTube
    // quota), so they run alone, one at a time, once the rest have passed; each restores the quota it spent.
    {
      name: "exclusive",
      use: { ...devices["Desktop Chrome"] },
      grep: /@exclusive/,
      dependencies: ["chromium"],
      workers: 1,
    },
  ],
  webServer: [
    {
      name: "emulator",
      command: "npm run emulator",
      env: { EMULATOR_PORT: new URL(emulatorURL).port, EMULATOR_SEED: "e2e", ...DEMO_EMULATOR_ENV },
      wait: { stdout: /emulator ready/ },
      reuseExistingServer: false,
      timeout: 30_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    },
    {
      name: "web",
      // Idle keep-alive sockets kept 65 s, not next start's 5 s: the specs' direct requests (page.request,
      // request) reuse a socket after pauses longer than 5 s, and one sent as the server closes it fails with
      // ECONNRESET, which says nothing about the app. In production nginx closes its idle upstream sockets
      // first (keepalive_timeout 4s in deploy/nginx-showreel.conf), so the race never reaches a user.
      command: "npm run start -- --keepAliveTimeout 65000",
      url: `${baseURL}/api/health`,
      env: { ...serverEnv, PORT: String(port) },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    },
    {
      name: "worker",
      command: "npm run start:worker",
      env: { ...serverEnv, WORKER_METRICS_PORT: "0", LOG_LEVEL: "info" },
      wait: { stdout: /"metricsPort":(?<e2e_worker_metrics_port>\d+)[^\n]*worker ready/ },
      reuseExistingServer: false,
      timeout: 60_000,
      gracefulShutdown: { signal: "SIGTERM", timeout: 35_000 },
    },
  ],
});
