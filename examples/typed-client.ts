/**
 * Using Showreel's typed API from a script, with a personal access token (Settings → Personal access
 * tokens): import a video and follow the run to the end. The `AppRouter` type gives full autocompletion
 * and type checking; nothing else of the app is imported.
 *
 *   SHOWREEL_URL=http://localhost:3000 SHOWREEL_TOKEN=shr_… npx tsx examples/typed-client.ts <video URL or id>
 */
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../src/trpc/routers/_app";

const baseUrl = process.env.SHOWREEL_URL ?? "http://localhost:3000";
const token = process.env.SHOWREEL_TOKEN;
const video = process.argv[2];
if (!token || !video) {
  console.error("usage: SHOWREEL_TOKEN=shr_… npx tsx examples/typed-client.ts <video URL or id>");
  process.exit(2);
}

const showreel = createTRPCClient<AppRouter>({
  links: [
    httpLink({ url: `${baseUrl}/api/trpc`, transformer: superjson, headers: { authorization: `Bearer ${token}` } }),
  ],
});

const { runId } = await showreel.imports.importVideos.mutate({ videos: [video] });
let run = await showreel.imports.get.query({ runId });
for (let polls = 0; ["queued", "running", "waiting"].includes(run.status) && polls < 120; polls += 1) {
  await new Promise((resolve) => setTimeout(resolve, 500));
  run = await showreel.imports.get.query({ runId });
}
const { items } = await showreel.projects.list.query({ limit: 1 });
console.log(
  JSON.stringify({
    status: run.status,
    imported: run.imported,
    skipped: run.skipped,
    latestProject: items[0]?.title ?? null,
  }),
);
