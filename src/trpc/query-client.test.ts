import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { initTRPC, TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { makeQueryClient, MAX_OVERLOAD_RETRIES, overloadRetryDelayMs } from "./query-client";

const t = initTRPC.create({ transformer: superjson });
const router = t.router({
  ok: t.procedure.query(() => "ok"),
  quotaSpent: t.procedure.query(() => {
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "Today's YouTube quota is spent." });
  }),
});

/** A tRPC client whose server answers the first `refusals` calls the way admission control does. */
function clientBehind(refusals: number, retryAfter = "0") {
  let calls = 0;
  const client = createTRPCClient<typeof router>({
    links: [
      httpBatchLink({
        transformer: superjson,
        url: "http://app.test/api/trpc",
        fetch: async (input, init) => {
          calls += 1;
          if (calls <= refusals) {
            return Response.json(
              { error: { message: "The server is busy; try again in a moment.", code: "SERVICE_UNAVAILABLE" } },
              { status: 503, headers: { "retry-after": retryAfter } },
            );
          }
          return fetchRequestHandler({
            endpoint: "/api/trpc",
            req: new Request(input as string, init as RequestInit),
            router,
          });
        },
      }),
    ],
  });
  return { client, calls: () => calls };
}

describe("the query client and refused calls", () => {
  it("reads Retry-After from admission control's 503, and not from a procedure's own 503", async () => {
    const refused = await clientBehind(1, "2")
      .client.ok.query()
      .catch((error: unknown) => error);
    expect(overloadRetryDelayMs(refused)).toBe(2000);
    const ran = await clientBehind(0)
      .client.quotaSpent.query()
      .catch((error: unknown) => error);
    expect(ran).toMatchObject({ data: { httpStatus: 503 } });
    expect(overloadRetryDelayMs(ran)).toBeNull();
    expect(overloadRetryDelayMs(new Error("network"))).toBeNull();
  });

  it("retries a refused query after Retry-After until it is admitted, with no error on the way", async () => {
    const server = clientBehind(2);
    const queryClient = makeQueryClient();
    const seenStatuses = new Set<string>();
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => seenStatuses.add(event.query.state.status));
    const result = await queryClient.fetchQuery({ queryKey: ["ok"], queryFn: () => server.client.ok.query() });
    unsubscribe();
    expect(result).toBe("ok");
    expect(server.calls()).toBe(3);
    expect(seenStatuses.has("error")).toBe(false);
  });

  it("gives up after MAX_OVERLOAD_RETRIES refusals, and does not retry a procedure's own 503", async () => {
    const server = clientBehind(Number.POSITIVE_INFINITY);
    await expect(
      makeQueryClient().fetchQuery({ queryKey: ["ok"], queryFn: () => server.client.ok.query() }),
    ).rejects.toBeDefined();
    expect(server.calls()).toBe(MAX_OVERLOAD_RETRIES + 1);

    const ran = clientBehind(0);
    await expect(
      makeQueryClient().fetchQuery({ queryKey: ["quota"], queryFn: () => ran.client.quotaSpent.query() }),
    ).rejects.toBeDefined();
    expect(ran.calls()).toBe(1);
  });
});
