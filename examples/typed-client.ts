/**
 * Using Showreel's typed API from a script, with a personal access token (Settings → Personal access
 * tokens). The `AppRouter` type gives full autocompletion and type checking; nothing else of the app is
 * imported.
 *
 *   SHOWREEL_URL=http://localhost:3000 SHOWREEL_TOKEN=shr_… npx tsx examples/typed-client.ts
 */
import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import type { AppRouter } from "../src/trpc/routers/_app";

const baseUrl = process.env.SHOWREEL_URL ?? "http://localhost:3000";
const token = process.env.SHOWREEL_TOKEN;
if (!token) {
  console.error("Set SHOWREEL_TOKEN to a personal access token (Settings → Personal access tokens).");
  process.exit(2);
}

const showreel = createTRPCClient<AppRouter>({
  links: [httpLink({ url: `${baseUrl}/api/trpc`, transformer: superjson, headers: { authorization: `Bearer ${token}` } })],
});

const connection = await showreel.youtube.connection.query();
const { count } = await showreel.notifications.unreadCount.query();
console.log(
  JSON.stringify({
    connectedChannel: connection ? { id: connection.channelId, title: connection.channelTitle, status: connection.status } : null,
    unreadNotifications: count,
  }),
);
