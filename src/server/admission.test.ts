import { describe, expect, it } from "vitest";
import { ADMISSION_RETRY_AFTER_SECONDS, createAdmission, isTrpcAnswerWhole, withAdmission } from "./admission";

/** A handler whose requests stay in flight until the test lets them go. */
function heldHandler() {
  const waiting: Array<() => void> = [];
  const handler = (request: Request) =>
    new Promise<Response>((resolve) =>
      waiting.push(() => resolve(new Response(`done ${new URL(request.url).pathname}`))),
    );
  return { handler, releaseAll: () => waiting.splice(0).forEach((release) => release()), held: () => waiting.length };
}

const get = (path: string, accept = "application/json") =>
  new Request(`http://app.test${path}`, { headers: { accept } });

describe("withAdmission", () => {
  it("refuses the request past the cap at once with 503 and Retry-After, and admits again once one finishes", async () => {
    const state = createAdmission({ request: 2, stream: 1 });
    const held = heldHandler();
    const route = withAdmission(held.handler, state);
    const inFlight = [route(get("/a")), route(get("/b"))];
    await Promise.resolve();
    expect(held.held()).toBe(2);

    const startedAt = performance.now();
    const refused = await route(get("/c"));
    expect(performance.now() - startedAt).toBeLessThan(50);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe(String(ADMISSION_RETRY_AFTER_SECONDS));
    expect(held.held()).toBe(2);

    held.releaseAll();
    for (const response of await Promise.all(inFlight)) await response.text();
    expect(state.inFlight("request")).toBe(0);
    const admitted = route(get("/d"));
    await Promise.resolve();
    held.releaseAll();
    expect((await admitted).status).toBe(200);
  });

  it("holds the slot until the response body is read to its end or cancelled", async () => {
    const state = createAdmission({ request: 1, stream: 1 });
    let push: ((chunk: string | null) => void) | undefined;
    const route = withAdmission(
      async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              push = (chunk) =>
                chunk === null ? controller.close() : controller.enqueue(new TextEncoder().encode(chunk));
            },
          }),
        ),
      state,
    );
    const streaming = await route(get("/stream-body"));
    expect(state.inFlight("request")).toBe(1);
    expect((await route(get("/other"))).status).toBe(503);
    push!("part");
    push!(null);
    expect(await streaming.text()).toBe("part");
    expect(state.inFlight("request")).toBe(0);

    const cancelled = await route(get("/cancelled"));
    expect(state.inFlight("request")).toBe(1);
    await cancelled.body!.cancel();
    expect(state.inFlight("request")).toBe(0);
  });

  it("frees the slot on return, with the body untouched, for a request its route says is answered whole", async () => {
    const state = createAdmission({ request: 1, stream: 1 });
    const answers: Response[] = [];
    const route = withAdmission(
      async () => {
        answers.push(new Response("whole answer"));
        return answers.at(-1)!;
      },
      state,
      { isAnsweredWhole: (request) => new URL(request.url).pathname === "/whole" },
    );
    const whole = await route(get("/whole"));
    expect(state.inFlight("request")).toBe(0);
    expect(whole).toBe(answers[0]);
    expect(await whole.text()).toBe("whole answer");

    const streamed = await route(get("/streamed"));
    expect(state.inFlight("request")).toBe(1);
    await streamed.text();
    expect(state.inFlight("request")).toBe(0);
  });

  it("takes only tRPC's plain JSON as answered whole: not a JSON-lines batch, not an event stream", () => {
    const json = () => new Response("{}", { headers: { "content-type": "application/json" } });
    const events = new Response("data: {}\n\n", { headers: { "content-type": "text/event-stream" } });
    expect(isTrpcAnswerWhole(get("/api/trpc/sources.list"), json())).toBe(true);
    const jsonLines = new Request("http://app.test/api/trpc/a,b?batch=1", {
      headers: { "trpc-accept": "application/jsonl" },
    });
    expect(isTrpcAnswerWhole(jsonLines, json())).toBe(false);
    expect(isTrpcAnswerWhole(get("/api/trpc/a?batch=1", "application/jsonl"), json())).toBe(false);
    // A subscription asked for without `accept: text/event-stream` is still answered as a stream.
    expect(isTrpcAnswerWhole(get("/api/trpc/live.events"), events)).toBe(false);
  });

  it("counts event streams apart: they never take request slots and have a cap of their own", async () => {
    const state = createAdmission({ request: 1, stream: 2 });
    const held = heldHandler();
    const route = withAdmission(held.handler, state);
    const streams = [route(get("/s1", "text/event-stream")), route(get("/s2", "text/event-stream"))];
    await Promise.resolve();
    expect(state.inFlight("stream")).toBe(2);
    expect(state.inFlight("request")).toBe(0);
    const refusedStream = await route(get("/s3", "text/event-stream"));
    expect(refusedStream.status).toBe(503);
    expect(refusedStream.headers.get("retry-after")).toBe(String(ADMISSION_RETRY_AFTER_SECONDS));

    const request = route(get("/r1"));
    await Promise.resolve();
    expect(state.inFlight("request")).toBe(1);
    held.releaseAll();
    for (const response of await Promise.all([...streams, request])) await response.text();
    expect(state.inFlight("stream")).toBe(0);
  });

  it("frees the slot when the handler throws", async () => {
    const state = createAdmission({ request: 1, stream: 1 });
    const route = withAdmission(async () => {
      throw new Error("boom");
    }, state);
    await expect(route(get("/x"))).rejects.toThrow("boom");
    expect(state.inFlight("request")).toBe(0);
  });
});
