/**
 * Helpers for the emulator's own tests: `useTestEmulator`, which gives a test file its own emulator,
 * a thin JSON client for the Data API and the control API, and `shapeOf`, which reduces a JSON value
 * to its keys and value types so replies can be compared with the recorded samples in test/fixtures/google/
 * (read through test/google-fixtures.ts).
 */
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { createEmulatorServer, type EmulatorServer, type EmulatorServerOptions } from "./server.ts";

export const TEST_API_KEY = "test-key";

export interface JsonReply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

export async function fetchJson(url: string, init: RequestInit = {}): Promise<JsonReply> {
  const response = await fetch(url, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
    text,
  };
}

/** A Data API call: path like "videos", params without the key (added unless `auth` says otherwise). */
export function createApiClient(baseUrl: string) {
  return async (
    path: string,
    params: Record<string, string>,
    options: {
      auth?: { bearer: string } | { key: string } | "none";
      headers?: Record<string, string>;
      method?: string;
    } = {},
  ): Promise<JsonReply> => {
    const url = new URL(`/youtube/v3/${path}`, baseUrl);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    const headers: Record<string, string> = { ...options.headers };
    const auth = options.auth ?? { key: TEST_API_KEY };
    if (auth !== "none" && "key" in auth) url.searchParams.set("key", auth.key);
    if (auth !== "none" && "bearer" in auth) headers.authorization = `Bearer ${auth.bearer}`;
    return fetchJson(url.toString(), { headers, method: options.method ?? "GET" });
  };
}

export function createControlClient(baseUrl: string) {
  const call = async (method: string, path: string, body?: unknown): Promise<JsonReply> =>
    fetchJson(new URL(`/_emulator${path}`, baseUrl).toString(), {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
  return {
    get: (path: string) => call("GET", path),
    post: (path: string, body: unknown = {}) => call("POST", path, body),
    patch: (path: string, body: unknown) => call("PATCH", path, body),
    delete: (path: string) => call("DELETE", path),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
export type ControlClient = ReturnType<typeof createControlClient>;

export interface TestEmulator {
  emulator: EmulatorServer;
  api: ApiClient;
  control: ControlClient;
}

export interface TestEmulatorOptions extends Omit<EmulatorServerOptions, "port"> {
  /** Also expect every reset to answer 200. */
  expectResetOk?: boolean;
}

/**
 * Registers the hooks of the enclosing file or describe block: start an emulator on a free port with
 * `options` before all tests, close it after them, and reset its state (POST /_emulator/reset) before
 * each test. The returned object's properties are filled in `beforeAll`, so read them in hooks and
 * tests, not while the file is being collected.
 */
export function useTestEmulator(options: TestEmulatorOptions = {}): TestEmulator {
  const { expectResetOk = false, ...serverOptions } = options;
  const harness = {} as TestEmulator;

  beforeAll(async () => {
    harness.emulator = await createEmulatorServer({ port: 0, ...serverOptions });
    harness.api = createApiClient(harness.emulator.url);
    harness.control = createControlClient(harness.emulator.url);
  });

  afterAll(async () => {
    await harness.emulator.close();
  });

  beforeEach(async () => {
    const reply = await harness.control.post("/reset", {});
    if (expectResetOk) expect(reply.status).toBe(200);
  });

  return harness;
}

export { readFixture, readJsonFixture } from "@test/google-fixtures";

/**
 * Keys and value types, recursively, with keys sorted; arrays are described by their first element.
 * Two replies with the same shape have the same keys everywhere and the same JSON types.
 */
export function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? [] : [shapeOf(value[0])];
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(entries.map(([key, inner]) => [key, shapeOf(inner)]));
  }
  return value === null ? "null" : typeof value;
}

/** A copy without the given dotted paths (keys the sample has for reasons the emulator does not model). */
export function withoutPaths(value: unknown, paths: readonly string[]): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const path of paths) {
    const keys = path.split(".");
    let target: unknown = copy;
    for (const key of keys.slice(0, -1)) target = (target as Record<string, unknown> | undefined)?.[key];
    if (target && typeof target === "object") delete (target as Record<string, unknown>)[keys.at(-1) ?? ""];
  }
  return copy;
}

export function itemsOf(body: Record<string, unknown>): Record<string, unknown>[] {
  return (body.items as Record<string, unknown>[] | undefined) ?? [];
}
