/**
 * The Google emulator for a benchmark: by default its own child process (`emulator/main.ts`), so its CPU
 * shows up apart from the worker's; in-process for the CI smoke test, where a second process only adds
 * start-up time. Either way the app reaches it over HTTP on loopback, as it would reach Google.
 */
import { createEmulatorServer } from "../../emulator/server";
import { startTsProcess, type BenchProcess } from "./processes";

export type BenchEmulator = {
  url: string;
  /** The emulator's own pid when it runs as a child process. */
  pid: number | null;
  control: <T = unknown>(method: string, route: string, body?: unknown) => Promise<T>;
  close: () => Promise<void>;
};

export type EmulatorCounters = {
  requests: { byEndpoint: Record<string, number>; total: number };
  unitsCharged: number;
};

export type WorldChannel = { index: number; id: string; uploadsPlaylistId: string; title: string; profile: string };

/** The control API's page limit for the world listing. */
const WORLD_PAGE_SIZE = 10_000;

export async function startEmulator(options: {
  worldSize: number;
  seed: string;
  dailyQuota: number;
  inProcess?: boolean;
}): Promise<BenchEmulator> {
  let url: string;
  let pid: number | null = null;
  let close: () => Promise<void>;
  if (options.inProcess) {
    const server = await createEmulatorServer({
      port: 0,
      seed: options.seed,
      worldSize: options.worldSize,
      dailyQuota: options.dailyQuota,
    });
    url = server.url;
    close = () => server.close();
  } else {
    const started = await startTsProcess({
      name: "emulator",
      script: "emulator/main.ts",
      // Every channel published on stays materialized in the emulator's memory (~50 KB each; the sync
      // benchmark publishes on the same 5 % every repeat: 50,000 channels at 1M).
      nodeArgs: ["--max-old-space-size=8192"],
      env: {
        ...process.env,
        EMULATOR_PORT: "0",
        EMULATOR_HOST: "127.0.0.1",
        EMULATOR_SEED: options.seed,
        EMULATOR_WORLD_SIZE: String(options.worldSize),
        EMULATOR_DAILY_QUOTA: String(options.dailyQuota),
      },
      ready: /emulator ready (\S+)/,
    });
    const child: BenchProcess = started.process;
    url = started.match[1]!;
    pid = child.pid;
    close = async () => {
      await child.stop(10_000);
    };
  }

  const control = async <T = unknown>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${url}/_emulator${route}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator ${method} ${route} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return { url, pid, control, close };
}

/** The first `count` generated channels that are not terminated (a terminated channel can never be "unchanged"). */
export async function listWorldChannels(emulator: BenchEmulator, count: number): Promise<WorldChannel[]> {
  const channels: WorldChannel[] = [];
  for (let offset = 0; channels.length < count; offset += WORLD_PAGE_SIZE) {
    const page = await emulator.control<{ worldSize: number; channels: WorldChannel[] }>(
      "GET",
      `/world/channels?offset=${offset}&limit=${WORLD_PAGE_SIZE}`,
    );
    if (page.channels.length === 0)
      throw new Error(`the emulator world has fewer than ${count} live channels (world size ${page.worldSize})`);
    for (const channel of page.channels)
      if (channel.profile !== "terminated" && channels.length < count) channels.push(channel);
  }
  return channels;
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function forEachLimited<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
}
