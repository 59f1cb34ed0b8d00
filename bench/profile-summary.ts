/**
 * `npx tsx bench/profile-summary.ts <file.cpuprofile> [--top N] [--callers <function>]`: where a profiled
 * process's CPU went (see bench/lib/cpu-profile.ts); `--callers writev` also splits one function's self time
 * by the code that called it. To profile the web under the API benchmark:
 *   BENCH_WEB_NODE_FLAGS="--max-semi-space-size=64 --cpu-prof --cpu-prof-dir=/tmp/prof" \
 *     npm run bench -- --full --only api-load --workers 1 --repeats 1 --no-write
 * The profile covers the process's whole life (warm-up, the baseline's turn, the low-load probes), so its
 * shares are of all the work it did, not of one repeat's.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { callersOf, sourceMapOrigins, summarizeProfile, type CpuProfile, type Share } from "./lib/cpu-profile";

const { values, positionals } = parseArgs({
  options: { top: { type: "string", default: "25" }, callers: { type: "string" } },
  allowPositionals: true,
});
const file = positionals[0];
if (!file) {
  console.error("usage: npx tsx bench/profile-summary.ts <file.cpuprofile> [--top N] [--callers <function>]");
  process.exit(2);
}
const top = Number(values.top);
const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
const originOf = sourceMapOrigins(path.resolve(import.meta.dirname, ".."));
const summary = summarizeProfile(profile, originOf);
const print = (title: string, rows: Share[]) => {
  console.log(`\n${title}`);
  for (const row of rows.slice(0, top)) console.log(`${(row.share * 100).toFixed(1).padStart(6)} %  ${row.key}`);
};
console.log(`${file}: busy ${(summary.busyMs / 1000).toFixed(1)} s, idle ${(summary.idleMs / 1000).toFixed(1)} s`);
print("self time by where the code comes from (share of busy time)", summary.byWhere);
print("self time by function", summary.byFunction);
if (values.callers) print(`${values.callers}'s self time by its caller`, callersOf(profile, originOf, values.callers));
