/**
 * CLI: `npm run emulator`. Reads EMULATOR_PORT (4100), EMULATOR_HOST (127.0.0.1), EMULATOR_SEED,
 * EMULATOR_WORLD_SIZE (1000), EMULATOR_DAILY_QUOTA (10000) and EMULATOR_IMAGES (google | emulator), prints one "emulator ready <url>"
 * line for launchers to wait on, and closes cleanly on SIGTERM / SIGINT.
 */
import { IMAGE_HOSTINGS, type ImageHosting } from "./images.ts";
import { DEFAULT_DAILY_QUOTA_UNITS } from "./quota.ts";
import { DEFAULT_SEED, DEFAULT_WORLD_SIZE, createEmulatorServer } from "./server.ts";

const DEFAULT_PORT = 4100;

function readInt(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    console.error(`emulator: ${name} must be an integer ≥ ${min}, got "${raw}"`);
    process.exit(1);
  }
  return value;
}

function readImageHosting(): ImageHosting {
  const raw = process.env.EMULATOR_IMAGES || "google";
  const hosting = IMAGE_HOSTINGS.find((value) => value === raw);
  if (!hosting) {
    console.error(`emulator: EMULATOR_IMAGES must be one of ${IMAGE_HOSTINGS.join(", ")}, got "${raw}"`);
    process.exit(1);
  }
  return hosting;
}

const emulator = await createEmulatorServer({
  port: readInt("EMULATOR_PORT", DEFAULT_PORT, 0),
  host: process.env.EMULATOR_HOST || "127.0.0.1",
  seed: process.env.EMULATOR_SEED || DEFAULT_SEED,
  worldSize: readInt("EMULATOR_WORLD_SIZE", DEFAULT_WORLD_SIZE, 0),
  dailyQuota: readInt("EMULATOR_DAILY_QUOTA", DEFAULT_DAILY_QUOTA_UNITS, 1),
  images: readImageHosting(),
});
console.log(`emulator ready ${emulator.url}`);

let isClosing = false;
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    if (isClosing) return;
    isClosing = true;
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("emulator: close failed", error);
        process.exit(1);
      },
    );
  });
}
