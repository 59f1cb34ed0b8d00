/**
 * The first deployment, as docs/deploy.md describes it and deploy/ ships it, from this production build:
 * the environment file made from deploy/showreel.env.example, `showreel-migrate` on an empty database,
 * two `showreel-web@PORT` and two `showreel-worker@N`, each started with its unit's own command and
 * environment (see fixtures/systemd.ts), on ports of their own. A creator signs up on one web process and
 * imports videos through the API with a personal access token while one worker is stopped the way systemd
 * stops it; the import still finishes, and the other web process serves the same creator. Google is the
 * emulator, in-process on a free port; nothing here uses the lane's shared web, worker or emulator.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { createEmulatorServer } from "../emulator/server";
import { dropDatabase, ensureDatabase, withDatabase } from "../scripts/db/ensure-database";
import { emulatorEnv } from "../scripts/dev/emulator-env";
import { emulatorControl } from "@test/emulator-control";
import { freePort } from "@test/free-port";
import { signUpOverApi } from "./fixtures/accounts";
import {
  commandOf,
  commandsOf,
  killService,
  parseEnvironmentFile,
  readUnit,
  setting,
  startService,
  stopService,
  type Service,
  type Unit,
} from "./fixtures/systemd";

const ROOT = path.resolve(import.meta.dirname, "..");
const RUNS = 6;
const VIDEOS_PER_RUN = 5;
/** Slow videos.list replies, so a worker stopped mid-import has a batch in flight. */
const VIDEOS_LATENCY_MS = 4_000;
/** A service on the 2 shared cores: `next start` and a worker each take seconds to come up. */
const START_TIMEOUT_MS = 90_000;

test.describe.configure({ mode: "serial" });

const started: Service[] = [];
test.afterEach(() => {
  for (const service of started.splice(0)) killService(service);
});

const migrateUnit = () => readUnit("showreel-migrate.service");
const web = (port: number) => readUnit("showreel-web@.service", String(port));
const worker = (port: number) => readUnit("showreel-worker@.service", String(port));

/** The operator's environment file: the shipped template, with every blank and placeholder filled in. */
async function environmentFile(values: Record<string, string>): Promise<Record<string, string>> {
  const template = parseEnvironmentFile(await readFile(path.join(ROOT, "deploy/showreel.env.example"), "utf8"));
  const filled = { ...template, ...values };
  for (const [key, value] of Object.entries(filled)) {
    if (key in template && !(key in values))
      expect(value, `${key} needs no edit`).not.toMatch(/^$|CHANGE_ME|example\.com/);
  }
  return filled;
}

function start(unit: Unit, env: Record<string, string>, argv?: readonly string[]): Service {
  const service = startService(unit, env, argv);
  started.push(service);
  return service;
}

async function exitWithin(service: Service, timeoutMs: number): Promise<number | null> {
  const timeout = new Promise<"running">((resolve) => setTimeout(() => resolve("running"), timeoutMs).unref());
  const outcome = await Promise.race([service.exited, timeout]);
  if (outcome === "running")
    throw new Error(`${service.unit.name} still running after ${timeoutMs} ms\n${service.output().slice(-3000)}`);
  return outcome;
}

async function untilOk(url: string, service: Service): Promise<void> {
  await expect
    .poll(
      async () => {
        if (service.child.exitCode !== null)
          throw new Error(`${service.unit.name} exited ${service.child.exitCode}\n${service.output().slice(-3000)}`);
        return fetch(url).then(
          (response) => response.status,
          () => 0,
        );
      },
      { message: `${url} answers 200`, timeout: START_TIMEOUT_MS, intervals: [250, 500, 1_000] },
    )
    .toBe(200);
}

/** One sample from a Prometheus text exposition; 0 when the series has not been written yet. */
function sample(metrics: string, series: string): number {
  const line = metrics.split("\n").find((row) => row.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

type Trpc = {
  mutation: <T>(procedure: string, input: unknown) => Promise<T>;
  query: <T>(procedure: string, input: unknown) => Promise<T>;
};

/** tRPC over plain HTTP (superjson's `{ json }` envelope), as any script can call it. */
function trpc(api: APIRequestContext, headers: Record<string, string>): Trpc {
  const unwrap = async <T>(procedure: string, response: Awaited<ReturnType<APIRequestContext["get"]>>) => {
    expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
    return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
  };
  return {
    mutation: async (procedure, input) =>
      unwrap(procedure, await api.post(`/api/trpc/${procedure}`, { data: { json: input }, headers })),
    query: async (procedure, input) =>
      unwrap(
        procedure,
        await api.get(`/api/trpc/${procedure}`, { params: { input: JSON.stringify({ json: input }) }, headers }),
      ),
  };
}

test("the documented commands are the units' commands, and the units stop workers gently", async () => {
  const doc = await readFile(path.join(ROOT, "docs/deploy.md"), "utf8");
  const migrate = await migrateUnit();
  const template = parseEnvironmentFile(await readFile(path.join(ROOT, "deploy/showreel.env.example"), "utf8"));
  const webUnit = await web(3000);
  const workerUnit = await worker(9464);
  for (const unit of [migrate, webUnit, workerUnit]) {
    for (const command of commandsOf(unit)) {
      // `/usr/bin/env [VAR=value…] npm run <script>`: the npm script is what the doc tells an operator to run.
      const script = command.filter((part) => part !== "/usr/bin/env" && !part.includes("=")).join(" ");
      expect(script, unit.name).toMatch(/^npm run [\w:]+$/);
      expect(doc, `docs/deploy.md names ${unit.name}'s command`).toContain(`\`${script}\``);
    }
    expect(setting(unit, "Service.User"), unit.name).not.toBe("root");
    expect(setting(unit, "Service.EnvironmentFile"), unit.name).toBe("/etc/showreel/showreel.env");
  }
  // Each instance's port is its name, and the environment file leaves both ports to the units.
  expect(commandOf(webUnit)).toContain("PORT=3000");
  expect(commandOf(workerUnit)).toContain("WORKER_METRICS_PORT=9464");
  expect(template).not.toHaveProperty("PORT");
  expect(template).not.toHaveProperty("WORKER_METRICS_PORT");
  for (const unit of [webUnit, workerUnit]) {
    expect(setting(unit, "Service.Restart"), unit.name).toBe("on-failure");
    expect(setting(unit, "Service.KillSignal"), unit.name).toBe("SIGTERM");
    // npm runs the app under a shell that does not pass signals on: only a signal to every process reaches it.
    expect(setting(unit, "Service.KillMode"), unit.name).toBe("control-group");
  }
  // The worker finishes in-flight jobs for WORKER_SHUTDOWN_TIMEOUT_MS, then allows itself 5 s to close.
  const stopSeconds = Number(/^(\d+)s$/.exec(setting(workerUnit, "Service.TimeoutStopSec"))?.[1]);
  expect(stopSeconds * 1000).toBeGreaterThan(Number(template.WORKER_SHUTDOWN_TIMEOUT_MS) + 5_000);
});

test("without their secrets the built web, worker and migration refuse to start, naming them", async () => {
  test.setTimeout(180_000);
  const migrate = await migrateUnit();
  const webUnit = await web(await freePort());
  const env = await environmentFile({
    DATABASE_URL: withDatabase(process.env.E2E_DATABASE_URL!, "showreel_deploy_never_created"),
    BETTER_AUTH_SECRET: "",
    TOKEN_ENCRYPTION_KEY: "",
    APP_URL: "http://127.0.0.1:1",
    PUBLIC_URL: "http://127.0.0.1:1",
    YOUTUBE_API_KEY: "unused",
    GOOGLE_CLIENT_ID: "unused",
    GOOGLE_CLIENT_SECRET: "unused",
    METRICS_TOKEN: randomBytes(24).toString("hex"),
  });
  for (const [unit, argv] of [
    [migrate, commandsOf(migrate)[0]!],
    [webUnit, commandOf(webUnit)],
    [await worker(await freePort()), undefined],
  ] as const) {
    const service = start(unit, env, argv);
    const code = await exitWithin(service, START_TIMEOUT_MS);
    expect(code, `${unit.name}\n${service.output()}`).not.toBe(0);
    expect(service.output(), unit.name).toContain("BETTER_AUTH_SECRET: required in production");
    expect(service.output(), unit.name).toContain("TOKEN_ENCRYPTION_KEY: required in production");
  }
});

test("a first deployment: migrate, two web processes and two workers; an import survives one worker's SIGTERM", async () => {
  test.setTimeout(420_000);
  const emulator = await createEmulatorServer({ port: 0, seed: "deploy" });
  const control = emulatorControl(emulator.url);
  const databaseUrl = withDatabase(
    process.env.E2E_DATABASE_URL!,
    `showreel_deploy_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`,
  );
  try {
    // An empty database, as a provisioned PostgreSQL hands it over.
    await ensureDatabase(databaseUrl);
    // Two web processes, as on a 2-core host; APP_URL is the first's (the proxy's address in production).
    const [webPort, otherWebPort] = [await freePort(), await freePort()];
    const appUrl = `http://127.0.0.1:${webPort}`;
    const otherWebUrl = `http://127.0.0.1:${otherWebPort}`;
    const env = await environmentFile({
      DATABASE_URL: databaseUrl,
      BETTER_AUTH_SECRET: randomBytes(48).toString("base64"),
      TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      APP_URL: appUrl,
      PUBLIC_URL: appUrl,
      METRICS_TOKEN: randomBytes(24).toString("hex"),
      // Google is the emulator: its endpoints, and any key and client it is given.
      ...emulatorEnv(emulator.url),
      DEMO_MODE: "false",
      AI_BASE_URL: "",
      AI_API_KEY: "",
    });
    const migrate = await migrateUnit();

    // `systemctl start showreel-migrate`: its commands one after the other, each to succeed.
    const outputs: string[] = [];
    for (const argv of commandsOf(migrate)) {
      const step = start(migrate, env, argv);
      expect(await exitWithin(step, START_TIMEOUT_MS), step.output()).toBe(0);
      outputs.push(step.output());
    }
    expect(outputs.join("\n")).toMatch(/applied \d+ migration\(s\); 0 were already applied/);
    expect(outputs.join("\n")).toMatch(/seeded [1-9]\d* tools, [1-9]\d* categories \(production: no demo user\)/);

    const webService = start(await web(webPort), env);
    const otherWebService = start(await web(otherWebPort), env);
    const [portA, portB] = [await freePort(), await freePort()];
    const workerA = start(await worker(portA), env);
    const workerB = start(await worker(portB), env);
    await untilOk(`${appUrl}/api/health`, webService);
    await untilOk(`${appUrl}/api/ready`, webService);
    await untilOk(`${otherWebUrl}/api/ready`, otherWebService);
    await untilOk(`http://127.0.0.1:${portA}/ready`, workerA);
    await untilOk(`http://127.0.0.1:${portB}/ready`, workerB);

    // One connection per request: the web closes idle keep-alive sockets after 5 s, and a poll that reuses
    // one as it closes gets ECONNRESET (as nginx would without its shorter keepalive_timeout).
    const api = await playwrightRequest.newContext({ baseURL: appUrl, extraHTTPHeaders: { connection: "close" } });
    // A creator signs up and makes a personal access token (Settings → Personal access tokens does this).
    const { cookie } = await signUpOverApi(api, appUrl, "Deployer");
    const { token } = await trpc(api, { cookie, origin: appUrl }).mutation<{ token: string }>("accessTokens.create", {
      name: "deploy",
    });
    expect(token).toMatch(/^shr_/);
    // From here on the token alone: a script's view of the API.
    const showreel = trpc(api, { authorization: `Bearer ${token}` });

    const channel = await control<{ id: string }>("POST", "/channels", { title: "Deployed" });
    const titles: string[] = [];
    const videoIds: string[] = [];
    for (let index = 0; index < RUNS * VIDEOS_PER_RUN; index += 1) {
      titles.push(`Deployed upload ${index}`);
      const video = await control<{ id: string }>("POST", `/channels/${channel.id}/videos`, {
        kind: "video",
        privacy: "public",
        title: titles[index],
        publishedAt: new Date(Date.UTC(2025, 0, 1) + index * 60_000).toISOString(),
      });
      videoIds.push(video.id);
    }
    await control("POST", "/faults", { kind: "latency", endpoint: "videos", latencyMs: VIDEOS_LATENCY_MS });

    const runIds: string[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const videos = videoIds
        .slice(run * VIDEOS_PER_RUN, (run + 1) * VIDEOS_PER_RUN)
        .map((id) => `https://youtu.be/${id}`);
      runIds.push((await showreel.mutation<{ runId: string }>("imports.importVideos", { videos })).runId);
    }

    // Worker A has reserved quota for a videos.list call that has not come back: a batch is in flight there.
    const metricsOfA = () => fetch(`http://127.0.0.1:${portA}/metrics`).then((response) => response.text());
    await expect
      .poll(
        async () => {
          const metrics = await metricsOfA();
          return {
            reserved: sample(metrics, 'youtube_quota_units_reserved_total{purpose="interactive"}') > 0,
            finished: sample(metrics, 'job_duration_seconds_count{queue="youtube.import-videos",outcome="completed"}'),
          };
        },
        { message: "worker A has an import batch in flight", timeout: START_TIMEOUT_MS, intervals: [100] },
      )
      .toEqual({ reserved: true, finished: 0 });
    const runsAtStop = await Promise.all(
      runIds.map((runId) => showreel.query<{ status: string }>("imports.get", { runId })),
    );
    expect(runsAtStop.some((run) => run.status !== "done")).toBe(true);

    // `systemctl stop showreel-worker@A`: SIGTERM; the worker lets its in-flight batch finish and exits on
    // its graceful path (worker.stopped, then exit 0), not its backstop (worker.shutdown_timeout, exit 1).
    await stopService(workerA);
    expect(workerA.output()).toContain("worker.stopping");
    expect(workerA.output(), workerA.output().slice(-3000)).toContain("worker.stopped");
    expect(workerA.output()).not.toContain("worker.shutdown_timeout");
    // The batch it held when the signal came was finished there, after the signal.
    const afterSignal = workerA.output().slice(workerA.output().indexOf("worker.stopping"));
    const batchesFinishedWhileStopping = afterSignal
      .split("\n")
      .filter((line) => line.includes('"msg":"imports.batch_done"')).length;
    expect(batchesFinishedWhileStopping).toBeGreaterThan(0);

    // Worker B takes everything else; every run finishes, every video imported once.
    await expect
      .poll(
        async () =>
          (await Promise.all(runIds.map((runId) => showreel.query<{ status: string }>("imports.get", { runId })))).map(
            (run) => run.status,
          ),
        { message: "every import run done", timeout: 180_000, intervals: [1_000] },
      )
      .toEqual(runIds.map(() => "done"));
    for (const runId of runIds) {
      expect(await showreel.query("imports.get", { runId })).toMatchObject({
        status: "done",
        imported: VIDEOS_PER_RUN,
        skipped: 0,
        failed: 0,
      });
    }
    const { items } = await showreel.query<{ items: { title: string }[] }>("projects.list", { limit: 50 });
    expect(items.map((project) => project.title).sort()).toEqual([...titles].sort());
    // The other web process knows the creator too: the token and the session cookie made on the first
    // are checked against PostgreSQL, not against the memory of the process that made them.
    const otherApi = await playwrightRequest.newContext({
      baseURL: otherWebUrl,
      extraHTTPHeaders: { connection: "close" },
    });
    const onOtherWeb = await trpc(otherApi, { authorization: `Bearer ${token}` }).query<{ items: { title: string }[] }>(
      "projects.list",
      { limit: 50 },
    );
    expect(onOtherWeb.items.map((project) => project.title).sort()).toEqual([...titles].sort());
    const bySession = await trpc(otherApi, { cookie }).query<{ items: unknown[] }>("projects.list", { limit: 50 });
    expect(bySession.items).toHaveLength(titles.length);
    await otherApi.dispose();
    await untilOk(`http://127.0.0.1:${portB}/ready`, workerB);
    console.log(
      `[deploy] ${RUNS} runs of ${VIDEOS_PER_RUN} videos done; worker A finished ${batchesFinishedWhileStopping} batch(es) after SIGTERM, then exited gracefully`,
    );

    await api.dispose();
    await stopService(workerB);
    expect(workerB.output(), workerB.output().slice(-3000)).toContain("worker.stopped");
    await stopService(webService);
    await stopService(otherWebService);
  } finally {
    for (const service of started.splice(0)) killService(service);
    await emulator.close();
    await dropDatabase(databaseUrl);
  }
});
