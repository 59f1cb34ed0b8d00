/**
 * The AI analyser: an OpenAI-compatible chat completion over the process's pooled Agent, behind its own
 * circuit breaker, with a strict zod parse of the model's JSON. Anything else the model says (prose,
 * broken JSON, the wrong shape) is an AiReplyError: the caller falls back to the catalog matcher.
 */
import { z } from "zod";
import { env } from "~/env";
import { AppError } from "~/lib/errors";
import { createUpstreamBreaker, type UpstreamBreaker } from "~/lib/upstream/circuit-breaker";
import { requestVendorJson, VendorHttpError } from "~/lib/upstream/vendor-request";
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

/** The AI service failing (5xx, 429, no answer): the only error that counts against its breaker. */
class AiOutage extends Error {
  constructor(
    failure: VendorHttpError,
    readonly retryAt: Date,
  ) {
    super(failure.message, { cause: failure });
  }
}

/** A failed call as the analyser sees it: an outage, or a reply it cannot use (the caller falls back). */
function aiCallError(error: unknown): unknown {
  if (!(error instanceof VendorHttpError)) return error; // the caller's abort
  if (error.retryAt) return new AiOutage(error, error.retryAt);
  if (error.kind === "status") return new AiReplyError(`AI service refused the request (${error.status})`);
  return new AiReplyError("the AI service sent a reply that is not a chat completion");
}

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
  const completion = await aiBreaker()
    .run(() =>
      requestVendorJson({
        upstream: "The AI service",
        url,
        method: "POST",
        dispatcher: httpAgent,
        headers: { "content-type": "application/json", authorization: `Bearer ${env.AI_API_KEY}` },
        body,
        timeoutMs: env.AI_TIMEOUT_MS,
        signal,
        schema: completionSchema,
      }).catch((error: unknown) => {
        throw aiCallError(error);
      }),
    )
    .catch((error: unknown) => {
      if (error instanceof AiOutage) {
        throw new AppError("UPSTREAM_UNAVAILABLE", "The AI service is unavailable right now.", {
          retryAt: error.retryAt,
          cause: error,
        });
      }
      throw error;
    });

  const content = completion.choices[0]?.message.content;
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
