// Runs `prisma generate` offline. The Prisma CLI insists on a native schema engine it downloads from
// binaries.prisma.sh, which this network cannot reach; generate itself only needs the WASM engine, so we
// point PRISMA_SCHEMA_ENGINE_BINARY at an existing file (docs/architecture.md#migrations). Migrations never use the
// CLI: scripts/migrate.ts applies the plain-SQL folders.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const prismaBin = `${root}node_modules/.bin/prisma`;
if (!existsSync(prismaBin)) {
  console.error("prisma-generate: node_modules/.bin/prisma is missing; run npm install first");
  process.exit(1);
}
const result = spawnSync(prismaBin, ["generate"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
