import path from "node:path";
import { defineConfig } from "vitest/config";

// The same two aliases as tsconfig.json's paths: `~/` is the app, `@test/` the test support in test/.
const alias = { "~": path.resolve(import.meta.dirname, "src"), "@test": path.resolve(import.meta.dirname, "test") };
const exclude = ["node_modules/**", ".next/**", "dist/**", ".data/**", "e2e/**"];

export default defineConfig({
  resolve: { alias },
  test: {
    env: { TZ: "UTC", NODE_ENV: "test", LOG_LEVEL: "silent" },
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: [...exclude, "**/*.int.test.ts", "**/*.fault.test.ts"],
          env: { TZ: "UTC", NODE_ENV: "test", LOG_LEVEL: "silent" },
        },
      },
      {
        resolve: { alias },
        test: {
          name: "int",
          include: ["**/*.int.test.ts"],
          exclude,
          env: { TZ: "UTC", NODE_ENV: "test", LOG_LEVEL: "silent" },
          globalSetup: ["test/int-global-setup.ts"],
          setupFiles: ["test/int-file-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Files share one database and one emulator (its OAuth settings and counters are global), so they
          // run one after another; tests inside a file keep their writes keyed by unique ids.
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          // Faults injected into whole processes (worker SIGKILL/SIGTERM, a Postgres restart, a Google outage):
          // the same fresh database and emulator per run as the int lane, one file at a time because the
          // emulator's faults and clock are global.
          name: "fault",
          include: ["fault/**/*.fault.test.ts"],
          exclude,
          env: { TZ: "UTC", NODE_ENV: "test", LOG_LEVEL: "silent" },
          globalSetup: ["test/int-global-setup.ts"],
          setupFiles: ["test/int-file-setup.ts"],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
