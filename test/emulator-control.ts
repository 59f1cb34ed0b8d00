// Drives the Google emulator's control API (/_emulator/*) from integration tests.

/** One control call: JSON in, JSON out (undefined for an empty body); throws on a non-2xx answer. */
export type EmulatorControl = <T = unknown>(method: string, route: string, body?: unknown) => Promise<T>;

export function emulatorControl(baseUrl: string): EmulatorControl {
  return async <T = unknown>(method: string, route: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/_emulator${route}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${route} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** The run's shared emulator, which int-global-setup.ts starts and names in TEST_EMULATOR_URL (read on each call). */
export function testEmulatorControl(): EmulatorControl {
  return (method, route, body) => emulatorControl(process.env.TEST_EMULATOR_URL!)(method, route, body);
}
