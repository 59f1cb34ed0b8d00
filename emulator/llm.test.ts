import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEMO_VIDEO_IDS } from "./demo-world.ts";
import { INVALID_JSON_CONTENT, WRONG_SHAPE_CONTENT } from "./llm/analysis.ts";
import { DEFAULT_CATEGORY } from "./llm/categories.ts";
import { KNOWN_TOOLS } from "./llm/tools.ts";
import { createEmulatorServer, type EmulatorServer } from "./server.ts";
import { createApiClient, createControlClient, fetchJson, type ControlClient, type JsonReply } from "./test-support.ts";

let emulator: EmulatorServer;
let control: ControlClient;

beforeAll(async () => {
  emulator = await createEmulatorServer({ port: 0, worldSize: 10 });
  control = createControlClient(emulator.url);
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(async () => {
  expect((await control.post("/reset", {})).status).toBe(200);
});

// What Showreel sends: a system prompt asking for JSON, then the video's title and description.
const SYSTEM_PROMPT =
  'You analyse YouTube videos. Answer with JSON only: {"tools": string[], "categories": string[], "topics": string[]} — ' +
  "tools and technologies used in the video, 1–3 categories, 5–8 short topic phrases.";

function analysisRequest(
  title: string,
  description = "",
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    model: "gpt-4o-mini",
    temperature: 0.2,
    response_format: { type: "json_object" },
    messages: [
      { role: "system", content: SYSTEM_PROMPT },
      { role: "user", content: `Title: ${title}\nDescription: ${description.slice(0, 1000)}` },
    ],
    ...extra,
  };
}

async function complete(
  body: unknown,
  options: { key?: string | null; signal?: AbortSignal } = {},
): Promise<JsonReply> {
  const key = options.key === undefined ? "sk-test" : options.key;
  return fetchJson(`${emulator.url}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key === null ? {} : { authorization: `Bearer ${key}` }) },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}

interface Analysis {
  tools: string[];
  categories: string[];
  topics: string[];
}

interface Choice {
  index: number;
  message: { role: string; content: string };
  finish_reason: string;
}

function choicesOf(reply: JsonReply): Choice[] {
  return reply.body.choices as Choice[];
}

function contentOf(reply: JsonReply): string {
  expect(reply.status, reply.text).toBe(200);
  return choicesOf(reply)[0]?.message.content ?? "";
}

async function analyse(title: string, description = ""): Promise<Analysis> {
  return JSON.parse(contentOf(await complete(analysisRequest(title, description)))) as Analysis;
}

async function addFault(body: Record<string, unknown>): Promise<void> {
  const reply = await control.post("/faults", body);
  expect(reply.status, reply.text).toBe(201);
}

async function setMode(mode: string): Promise<void> {
  const reply = await control.post("/llm", { mode });
  expect(reply.status, reply.text).toBe(200);
  expect(reply.body).toEqual({ mode });
}

async function llmCounters(): Promise<{ requests: number; failures: number }> {
  return ((await control.get("/counters")).body as { llm: { requests: number; failures: number } }).llm;
}

const DAVINCI_TITLE = "Color grading in DaVinci Resolve and Blender";

describe("POST /v1/chat/completions", () => {
  it("answers in OpenAI's chat.completion shape with the analysis JSON as content", async () => {
    const before = Math.floor(Date.now() / 1000);
    const reply = await complete(analysisRequest(DAVINCI_TITLE, "My whole grading workflow."));
    expect(reply.status, reply.text).toBe(200);
    expect(reply.headers.get("content-type")).toMatch(/^application\/json/);
    const body = reply.body;
    expect(body.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
    expect(body.object).toBe("chat.completion");
    expect(body.created).toBeGreaterThanOrEqual(before);
    expect(body.created).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(body.model).toBe("gpt-4o-mini");
    expect(body.choices).toEqual([
      {
        index: 0,
        message: { role: "assistant", content: expect.any(String) as unknown, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: "stop",
      },
    ]);
    const usage = body.usage as { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    expect(usage).toMatchObject({
      prompt_tokens: expect.any(Number) as unknown,
      completion_tokens: expect.any(Number) as unknown,
    });
    expect(usage.prompt_tokens).toBeGreaterThan(0);
    expect(usage.completion_tokens).toBeGreaterThan(0);
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);

    const analysis = JSON.parse(contentOf(reply)) as Record<string, unknown>;
    expect(Object.keys(analysis).sort()).toEqual(["categories", "tools", "topics"]);
  });

  it("gives the same content for the same input, and a new id for every completion", async () => {
    const first = await complete(analysisRequest(DAVINCI_TITLE, "Nodes, LUTs and a render."));
    const second = await complete(analysisRequest(DAVINCI_TITLE, "Nodes, LUTs and a render."));
    expect(contentOf(second)).toBe(contentOf(first));
    expect(second.body.id).not.toBe(first.body.id);
    // Same seed after a reset → same ids again, so a run is reproducible.
    await control.post("/reset", {});
    expect((await complete(analysisRequest(DAVINCI_TITLE))).body.id).toBe(first.body.id);
  });

  it("finds known tools case-insensitively on whole words, in order of mention, title and description", async () => {
    expect(KNOWN_TOOLS.length).toBeGreaterThanOrEqual(40);
    expect((await analyse(DAVINCI_TITLE)).tools).toEqual(["DaVinci Resolve", "Blender"]);
    expect((await analyse("davinci resolve vs premiere pro for beginners")).tools).toEqual([
      "DaVinci Resolve",
      "Premiere Pro",
    ]);
    const described = await analyse("Building a game", "Made with Godot. Scripts in C++ and a Next.js site.");
    expect(described.tools).toEqual(["Godot", "C++", "Next.js"]);
    // Not inside other words, and "go" in lower case is the verb, not the language.
    expect((await analyse("Our community on GitHub: let's go build", "Blenderized unityville")).tools).toEqual([]);
    expect((await analyse("A Go web server in Docker")).tools).toEqual(["Go", "Docker"]);
    expect((await analyse("Postgres on k8s with OBS streaming")).tools).toEqual([
      "PostgreSQL",
      "Kubernetes",
      "OBS Studio",
    ]);
  });

  it("puts a video in 1–3 categories, and in Tutorials & Education when nothing matches", async () => {
    expect((await analyse(DAVINCI_TITLE)).categories).toEqual(["Video Editing", "3D & Animation"]);
    expect((await analyse("Making beats in FL Studio")).categories).toEqual(["Music Production"]);
    expect((await analyse("Arduino weather station with a Raspberry Pi")).categories).toEqual([
      "Electronics & Hardware",
    ]);
    expect((await analyse("A day at the beach")).categories).toEqual([DEFAULT_CATEGORY]);
    const busy = await analyse(
      "Unity game with a React website, Blender models, Ableton music and Arduino controllers — a tutorial",
    );
    expect(busy.categories.length).toBe(3);
    for (const title of [DAVINCI_TITLE, "Hello", "Figma to React in 10 minutes", "Kubernetes explained"]) {
      const { categories } = await analyse(title);
      expect(categories.length).toBeGreaterThanOrEqual(1);
      expect(categories.length).toBeLessThanOrEqual(3);
      expect(new Set(categories).size).toBe(categories.length);
    }
  });

  it("makes 5–8 distinct lower-case topics from the title, padded the same way every time", async () => {
    expect((await analyse(DAVINCI_TITLE)).topics).toEqual([
      "color grading",
      "davinci resolve",
      "blender",
      "color",
      "grading",
    ]);
    const short = await analyse("Blender");
    expect(short.topics).toEqual(["blender", "tutorial", "workflow", "tips and tricks", "beginner guide"]);
    const padded = await analyse("Blender", "Geometry nodes everywhere");
    expect(padded.topics).toEqual(["blender", "geometry", "nodes", "everywhere", "tutorial"]);
    const long = await analyse(
      "How I built a procedural city generator in Houdini with Python scripting, custom shaders and realtime lighting for my indie game",
    );
    expect(long.topics.length).toBe(8);
    for (const title of [DAVINCI_TITLE, "", "Hi", "The and of the", long.topics.join(" ")]) {
      const { topics } = await analyse(title);
      expect(topics.length).toBeGreaterThanOrEqual(5);
      expect(topics.length).toBeLessThanOrEqual(8);
      expect(new Set(topics).size).toBe(topics.length);
      for (const topic of topics) expect(topic).toBe(topic.toLowerCase());
    }
  });

  it("takes a plain user message (first line = title) and content parts, and answers the last user turn", async () => {
    const plain = await complete({
      model: "m",
      messages: [{ role: "user", content: "Blender donut\nwith Photoshop textures. In JSON." }],
    });
    expect(JSON.parse(contentOf(plain))).toMatchObject({
      tools: ["Blender", "Photoshop"],
      topics: expect.arrayContaining(["blender donut"]) as unknown,
    });
    const parts = await complete({
      model: "m",
      messages: [
        { role: "user", content: "Title: Unity basics" },
        { role: "assistant", content: "{}" },
        { role: "user", content: [{ type: "text", text: "Title: Godot basics" }] },
      ],
    });
    expect((JSON.parse(contentOf(parts)) as Analysis).tools).toEqual(["Godot"]);
    // The description's label may stand on its own line, after a blank one; links are not the video's text.
    const labelled = await complete({
      model: "m",
      messages: [
        {
          role: "user",
          content: "Title: Blender donut\n\nDescription:\nTextures in Photoshop.\nhttps://example.com/unity",
        },
      ],
    });
    expect(JSON.parse(contentOf(labelled))).toMatchObject({
      tools: ["Blender", "Photoshop"],
      topics: ["blender donut", "blender", "photoshop", "donut", "textures"],
    });
  });

  it("cuts the reply off with finish_reason length when max_tokens is too small", async () => {
    const reply = await complete(analysisRequest(DAVINCI_TITLE, "", { max_tokens: 5 }));
    const [choice] = choicesOf(reply);
    expect(choice?.finish_reason).toBe("length");
    expect(choice?.message.content).toHaveLength(20);
    expect(() => JSON.parse(choice?.message.content ?? "") as unknown).toThrow();
    expect((reply.body.usage as { completion_tokens: number }).completion_tokens).toBe(5);
  });

  it("answers 401 invalid_api_key without a bearer key", async () => {
    const envelope = {
      error: {
        message: expect.stringContaining("You didn't provide an API key") as unknown,
        type: "invalid_request_error",
        param: null,
        code: "invalid_api_key",
      },
    };
    for (const key of [null, "", "   "]) {
      const reply = await complete(analysisRequest(DAVINCI_TITLE), { key });
      expect(reply.status).toBe(401);
      expect(reply.body).toEqual(envelope);
    }
    const basic = await fetchJson(`${emulator.url}/v1/chat/completions`, {
      method: "POST",
      headers: { authorization: "Basic dXNlcjpwYXNz", "content-type": "application/json" },
      body: JSON.stringify(analysisRequest(DAVINCI_TITLE)),
    });
    expect(basic.status).toBe(401);
    // Auth comes before the body: a bad body without a key is still a 401.
    expect((await complete("{", { key: null })).status).toBe(401);
  });

  it("answers 400 in OpenAI's envelope for a bad body", async () => {
    const one = (extra: Record<string, unknown>, content = "x"): Record<string, unknown> => ({
      model: "m",
      messages: [{ role: "user", content }],
      ...extra,
    });
    const notJson = /^We could not parse the JSON body/;
    const cases: [unknown, string | RegExp, string | null, string | null][] = [
      ["{not json", notJson, null, null],
      [[1, 2], notJson, null, null],
      [{ messages: [{ role: "user", content: "json" }] }, "you must provide a model parameter", null, null],
      [{ model: "m" }, "Missing required parameter: 'messages'.", "messages", "missing_required_parameter"],
      [{ model: "m", messages: [] }, /^Invalid 'messages': empty array/, "messages", "empty_array"],
      [
        { model: "m", messages: [{ role: "robot", content: "x" }] },
        /^Invalid value: 'robot'/,
        "messages[0].role",
        "invalid_value",
      ],
      [
        { model: "m", messages: [{ role: "user" }] },
        "Missing required parameter: 'messages[0].content'.",
        "messages[0].content",
        "missing_required_parameter",
      ],
      [
        one({ temperature: "warm" }),
        "Invalid type for 'temperature': expected a decimal, but got a string instead.",
        "temperature",
        "invalid_type",
      ],
      [one({ temperature: 3 }), /decimal above maximum value/, "temperature", "decimal_above_max_value"],
      [one({ max_tokens: 0 }), /integer below minimum value/, "max_tokens", "integer_below_min_value"],
      [one({ response_format: { type: "yaml" } }), /^Invalid value: 'yaml'/, "response_format.type", "invalid_value"],
      [one({ temprature: 0 }), "Unrecognized request argument supplied: temprature", null, null],
      [one({ response_format: { type: "json_object" } }, "Title: x"), /must contain the word 'json'/, "messages", null],
      [one({ stream: true }), /does not stream/, "stream", "unsupported_value"],
    ];
    for (const [body, message, param, code] of cases) {
      const reply = await complete(body);
      expect(reply.status, JSON.stringify(body)).toBe(400);
      expect(reply.body, JSON.stringify(body)).toEqual({
        error: {
          message: typeof message === "string" ? message : (expect.stringMatching(message) as unknown),
          type: "invalid_request_error",
          param,
          code,
        },
      });
    }
    // Parameters OpenAI knows are accepted (and ignored).
    const known = { seed: 1, top_p: 1, user: "u", max_completion_tokens: 500 };
    expect((await complete(analysisRequest(DAVINCI_TITLE, "", known))).status).toBe(200);
  });
});

describe("LLM modes (/_emulator/llm)", () => {
  it("starts normal, switches modes, rejects unknown ones, and a reset brings it back to normal", async () => {
    expect((await control.get("/llm")).body).toEqual({ mode: "normal" });
    await setMode("prose");
    expect((await control.get("/llm")).body).toEqual({ mode: "prose" });
    const bad = await control.post("/llm", { mode: "sulky" });
    expect(bad.status).toBe(400);
    expect((await control.get("/llm")).body).toEqual({ mode: "prose" });
    await control.post("/reset", {});
    expect((await control.get("/llm")).body).toEqual({ mode: "normal" });
    const content = contentOf(await complete(analysisRequest(DAVINCI_TITLE)));
    expect(() => JSON.parse(content) as unknown).not.toThrow();
  });

  it("fixed: the same analysis for every video, whatever it says", async () => {
    await setMode("fixed");
    const expected = {
      tools: ["Figma", "Notion"],
      categories: ["Graphic Design"],
      topics: ["brand identity", "logo sketches", "colour palettes", "client feedback", "style guide"],
    };
    expect(await analyse(DAVINCI_TITLE)).toEqual(expected);
    expect(await analyse("Blender donut, part one", "Modelling in Blender 4")).toEqual(expected);
  });

  it("prose: a friendly English paragraph, not JSON", async () => {
    await setMode("prose");
    const reply = await complete(analysisRequest(DAVINCI_TITLE));
    const content = contentOf(reply);
    expect(content).toMatch(/^Sure! /);
    expect(content).toContain("DaVinci Resolve and Blender");
    expect(() => JSON.parse(content) as unknown).toThrow();
    expect(choicesOf(reply)[0]?.finish_reason).toBe("stop");
    expect(contentOf(await complete(analysisRequest(DAVINCI_TITLE)))).toBe(content);
  });

  it("invalid_json: JSON cut off mid-array", async () => {
    await setMode("invalid_json");
    const content = contentOf(await complete(analysisRequest(DAVINCI_TITLE)));
    expect(content).toBe('{"tools": ["Blender",');
    expect(content).toBe(INVALID_JSON_CONTENT);
    expect(() => JSON.parse(content) as unknown).toThrow();
  });

  it("wrong_shape: valid JSON of the wrong shape", async () => {
    await setMode("wrong_shape");
    const content = contentOf(await complete(analysisRequest(DAVINCI_TITLE)));
    expect(content).toBe(WRONG_SHAPE_CONTENT);
    expect(JSON.parse(content)).toEqual({ tags: "blender" });
  });

  it("empty_choices: a 200 with choices: []", async () => {
    await setMode("empty_choices");
    const reply = await complete(analysisRequest(DAVINCI_TITLE));
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ object: "chat.completion", choices: [], usage: { completion_tokens: 0 } });
  });

  it("modes do not skip the request checks", async () => {
    await setMode("prose");
    expect((await complete(analysisRequest(DAVINCI_TITLE), { key: null })).status).toBe(401);
    expect((await complete({ model: "m" })).status).toBe(400);
  });
});

describe('LLM faults (endpoint "llm")', () => {
  it("5xx: 500 server_error, or 503 with retry-after", async () => {
    await addFault({ kind: "5xx", endpoint: "llm", count: 1 });
    const failed = await complete(analysisRequest(DAVINCI_TITLE));
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({
      error: {
        message: "The server had an error while processing your request. Sorry about that!",
        type: "server_error",
        param: null,
        code: null,
      },
    });
    expect((await complete(analysisRequest(DAVINCI_TITLE))).status).toBe(200);

    await addFault({ kind: "5xx", endpoint: "llm", status: 503, retryAfterSeconds: 9 });
    const unavailable = await complete(analysisRequest(DAVINCI_TITLE));
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get("retry-after")).toBe("9");
    expect(unavailable.body.error).toMatchObject({ type: "server_error", param: null, code: null });
  });

  it("429: OpenAI's rate-limit error with retry-after, before the key is checked", async () => {
    await addFault({ kind: "429", endpoint: "llm", retryAfterSeconds: 12 });
    for (const key of ["sk-test", null]) {
      const reply = await complete(analysisRequest(DAVINCI_TITLE), { key });
      expect(reply.status).toBe(429);
      expect(reply.headers.get("retry-after")).toBe("12");
      expect(reply.headers.get("x-ratelimit-remaining-requests")).toBe("0");
      expect(reply.body).toEqual({
        error: {
          message: expect.stringMatching(
            /^Rate limit reached for gpt-4o-mini in organization .* Please try again in 12s\./,
          ) as unknown,
          type: "requests",
          param: null,
          code: "rate_limit_exceeded",
        },
      });
    }
  });

  it("latency delays the reply; hang holds it until the client gives up", async () => {
    await addFault({ kind: "latency", endpoint: "llm", latencyMs: 200, count: 1 });
    const started = Date.now();
    expect((await complete(analysisRequest(DAVINCI_TITLE))).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);

    await addFault({ kind: "hang", endpoint: "llm" });
    await expect(complete(analysisRequest(DAVINCI_TITLE), { signal: AbortSignal.timeout(150) })).rejects.toThrow();
    // The abandoned request counts as a failure; the delayed one did not fail.
    await expect.poll(llmCounters).toEqual({ requests: 2, failures: 1 });
  });

  it("keeps LLM and Google faults apart: '*' spares the LLM, 'llm' spares the Data API", async () => {
    const api = createApiClient(emulator.url);
    await addFault({ kind: "5xx" });
    expect((await complete(analysisRequest(DAVINCI_TITLE))).status).toBe(200);
    await control.delete("/faults");
    await addFault({ kind: "5xx", endpoint: "llm" });
    expect((await api("videos", { part: "id", id: DEMO_VIDEO_IDS.resolveGrading })).status).toBe(200);
    expect((await complete(analysisRequest(DAVINCI_TITLE))).status).toBe(500);
  });

  it("refuses Data API-only fault kinds for endpoint llm", async () => {
    for (const kind of ["quotaExceeded", "rateLimitExceeded"]) {
      const reply = await control.post("/faults", { kind, endpoint: "llm" });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatchObject({ error: { code: "invalid" } });
    }
  });
});

describe("LLM counters", () => {
  it("counts requests and failures under llm, and nothing as Data API traffic", async () => {
    await complete(analysisRequest(DAVINCI_TITLE));
    await setMode("invalid_json");
    await complete(analysisRequest(DAVINCI_TITLE)); // a 200: the app's parse failure is not an HTTP failure
    await complete(analysisRequest(DAVINCI_TITLE), { key: null });
    await complete({ model: "m" });
    await addFault({ kind: "429", endpoint: "llm", count: 1 });
    await complete(analysisRequest(DAVINCI_TITLE));

    const counters = (await control.get("/counters")).body;
    expect(counters).toMatchObject({
      llm: { requests: 5, failures: 3 },
      requests: { byEndpoint: {}, total: 0 },
      unitsCharged: 0,
      tcpConnectionsOpened: 0,
    });
    expect((await control.get("/quota")).body).toMatchObject({ usedToday: 0 });

    const reset = await control.post("/counters/reset");
    expect(reset.body).toMatchObject({ llm: { requests: 0, failures: 0 } });
  });
});
