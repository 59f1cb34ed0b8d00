// `npm run build` (second half): bundles the worker into dist/worker/main.mjs, its own deployable.
// Our code (src/lib, src/server, the generated Prisma client) is bundled; npm packages stay external and
// load from node_modules, so the bundle is small and native/WASM assets resolve as usual.
import { rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

const root = path.resolve(import.meta.dirname, "..");
const outfile = path.join(root, "dist/worker/main.mjs");

await rm(path.dirname(outfile), { recursive: true, force: true });
const result = await build({
  entryPoints: [path.join(root, "worker/main.ts")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node24",
  format: "esm",
  packages: "external",
  alias: { "~": path.join(root, "src") },
  sourcemap: true,
  metafile: true,
  logLevel: "warning",
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, output) => sum + output.bytes, 0);
console.log(`worker bundle: ${path.relative(root, outfile)} (${(bytes / 1024).toFixed(0)} KiB with source map)`);
