import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { initTRPC } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { TRPC_CLIENT_HEADERS } from "~/trpc/wire";
import { trpcMutation, trpcQuery, trpcQueryPath } from "./trpc-request";

const t = initTRPC.create({ transformer: superjson });
const router = t.router({
  list: t.procedure.input(z.object({ pageToken: z.string().nullable(), pageSize: z.number() })).query(() => []),
  today: t.procedure.query(() => 0),
  importVideos: t.procedure.input(z.object({ videos: z.array(z.string()) })).mutation(() => ({ runId: "r" })),
});

/** What tRPC's client, configured as src/trpc/client.tsx configures it, sends for one call. */
async function sentByClient(call: (client: ReturnType<typeof clientCapturing>["client"]) => Promise<unknown>) {
  const { client, sent } = clientCapturing();
  await call(client);
  expect(sent).toHaveLength(1);
  return sent[0]!;
}

function clientCapturing() {
  const sent: { url: URL; method: string; headers: Headers; body: string | null }[] = [];
  const client = createTRPCClient<typeof router>({
    links: [
      httpBatchLink({
        transformer: superjson,
        url: "http://app.test/api/trpc",
        headers: () => TRPC_CLIENT_HEADERS,
        fetch: async (input, init) => {
          const request = new Request(input as string, init as RequestInit);
          sent.push({
            url: new URL(request.url),
            method: request.method,
            headers: request.headers,
            body: request.method === "POST" ? await request.clone().text() : null,
          });
          return fetchRequestHandler({ endpoint: "/api/trpc", req: request, router });
        },
      }),
    ],
  });
  return { client, sent };
}

describe("the benchmark's tRPC requests", () => {
  it("are the client's query, with an input and without one", async () => {
    for (const [procedure, input, call] of [
      ["list", { pageToken: null, pageSize: 24 }, (client) => client.list.query({ pageToken: null, pageSize: 24 })],
      ["today", undefined, (client) => client.today.query()],
    ] as const satisfies readonly (readonly [string, unknown, Parameters<typeof sentByClient>[0]])[]) {
      const sent = await sentByClient(call);
      expect(sent.method).toBe("GET");
      expect(`${sent.url.pathname}${sent.url.search}`).toBe(trpcQueryPath(procedure, input));
      const { headers } = trpcQuery(procedure, input);
      expect(sent.headers.get("x-trpc-source")).toBe(headers["x-trpc-source"]);
      expect(sent.headers.get("trpc-accept")).toBeNull();
    }
  });

  it("are the client's mutation: its path, body and content type", async () => {
    const input = { videos: ["dQw4w9WgXcQ"] };
    const sent = await sentByClient((client) => client.importVideos.mutate(input));
    const expected = trpcMutation("importVideos", input);
    expect(sent.method).toBe("POST");
    expect(`${sent.url.pathname}${sent.url.search}`).toBe(expected.path);
    expect(sent.body).toBe(expected.body);
    expect(sent.headers.get("content-type")).toBe(expected.headers["content-type"]);
    expect(sent.headers.get("x-trpc-source")).toBe(expected.headers["x-trpc-source"]);
  });
});
