/**
 * The AI analyser: an OpenAI-compatible chat completion over the process's pooled Agent, behind its own
 * circuit breaker, with a strict zod parse of the model's JSON. Anything else the model says (prose,
 * broken JSON, the wrong shape) is an AiReplyError: the caller falls back to the catalog matcher.
 */
import { request } from "undici";
import { z } from "zod";
import { env } from "~/env";
import { AppError } from "~/lib/errors";
import { createUpstreamBreaker, type UpstreamBreaker } from "~/lib/upstream/circuit-breaker";
import { httpAgent } from "~/server/http";
import { processSingleton } from "~/server/process-singleton";
import { ANALYSIS_DESCRIPTION_CHARS } from "./catalog-matcher";

export const aiAnalysisSchema = z.object({
  tools: z.array(z.string().trim().min(1).max(60)).max(30),
  categories: z.array(z.string().trim().min(1).max(60)).min(1).max(3),
  topics: z.array(z.string().trim().min(1).max(60)).min(5).max(8),
});
export type AiAnalysis = z.infer<typeof aiAnalysisSchema>;

const completionSchema = z.looseObject({
  choices: z.array(z.looseObject({ message: z.looseObject({ content: z.string().nullable() }) })).min(1),
});

export class AiReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AiReplyError";
  }
}

class AiOutage extends Error {}

const SYSTEM_PROMPT = [
  "You tag creators' YouTube videos for their portfolio.",
  'Reply with JSON only: {"tools": string[], "categories": string[], "topics": string[]}.',
  "tools: software, languages, frameworks and hardware platforms used in the video (official names).",
  "categories: 1 to 3 broad portfolio categories. topics: 5 to 8 short lower-case topic phrases.",
].join(" ");

export const aiBreaker = (): UpstreamBreaker =>
  processSingleton("showreelAiBreaker", () =>
    createUpstreamBreaker("The AI service", { isFailure: (error) => error instanceof AiOutage }),
  );

export const isAiConfigured = () => !!(env.AI_BASE_URL && env.AI_API_KEY);

// POST {AI_BASE_URL}/v1/chat/completions — one call per video
export async function analyzeWithAi({
  title,
  description,
  signal,
}: {
  title: string;
  description: string;
  signal?: AbortSignal;
}): Promise<AiAnalysis> {
  if (!env.AI_BASE_URL || !env.AI_API_KEY) throw new AppError("UPSTREAM_UNAVAILABLE", "AI analysis is not configured.");
  const url = new URL("/v1/chat/completions", env.AI_BASE_URL);
  const body = JSON.stringify({
    model: env.AI_MODEL,
    temperature: 0,
    response_format: { type: "json_object" },
    messages: [
      { role: "system", content: SYSTEM_PROMPT },
      { role: "user", content: `Title: ${title}\n\nDescription:\n${description.slice(0, ANALYSIS_DESCRIPTION_CHARS)}` },
    ],
  });
  const reply = await aiBreaker()
    .run(async () => {
      const timeout = AbortSignal.timeout(env.AI_TIMEOUT_MS);
      try {
        const response = await request(url, {
          method: "POST",
          dispatcher: httpAgent,
          headers: { "content-type": "application/json", authorization: `Bearer ${env.AI_API_KEY}` },
          body,
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        const text = await response.body.text();
        if (response.statusCode >= 500 || response.statusCode === 429)
          throw new AiOutage(`AI service answered ${response.statusCode}`);
        if (response.statusCode !== 200)
          throw new AiReplyError(`AI service refused the request (${response.statusCode})`);
        return text;
      } catch (error) {
        if (signal?.aborted) throw signal.reason ?? error;
        if (error instanceof AiOutage || error instanceof AiReplyError) throw error;
        throw new AiOutage(timeout.aborted ? "AI service did not answer in time" : "AI service unreachable");
      }
    })
    .catch((error: unknown) => {
      if (error instanceof AiOutage) {
        throw new AppError("UPSTREAM_UNAVAILABLE", "The AI service is unavailable right now.", {
          retryAt: new Date(Date.now() + 60_000),
          cause: error,
        });
      }
      throw error;
    });

  let content: string | null | undefined;
  try {
    content = completionSchema.parse(JSON.parse(reply)).choices[0]?.message.content;
  } catch {
    throw new AiReplyError("the AI service sent a reply that is not a chat completion");
  }
  let analysis: unknown;
  try {
    analysis = JSON.parse(content ?? "");
  } catch {
    throw new AiReplyError("the AI answered in prose or broken JSON instead of the requested JSON");
  }
  const parsed = aiAnalysisSchema.safeParse(analysis);
  if (!parsed.success) throw new AiReplyError("the AI's JSON did not have tools, 1–3 categories and 5–8 topics");
  return parsed.data;
}
