/**
 * An OpenAI-compatible chat-completions endpoint that stands in for the model behind Showreel's AI
 * analysis, plus its control routes. The reply is a deterministic analysis of the last user message
 * (tools, categories, topics as JSON), or one of the ways a model breaks that contract (the mode).
 * Each call is counted under `llm`, never as Data API traffic, and only faults naming "llm" apply.
 * Reference: emulator/README.md, "LLM (OpenAI-compatible)".
 */
import { z } from "zod";
import { enactFaultDelays, LLM_FAULT_ENDPOINT, type Fault } from "../faults.ts";
import { replyContent, splitVideoText } from "../llm/analysis.ts";
import { LLM_MODES } from "../llm/llm-state.ts";
import {
  invalidRequestError,
  missingApiKeyError,
  OpenAiError,
  rateLimitError,
  serverError,
  unparsableBodyError,
} from "../llm/openai-errors.ts";
import { hashParts } from "../random.ts";
import { readBodyText, sendJson, type RequestContext, type Router } from "../router.ts";
import { control, parseBody } from "./control.ts";

export const CHAT_COMPLETIONS_PATH = "/v1/chat/completions";

/** For the 429 wording when the body has no usable model. */
const FALLBACK_MODEL = "gpt-4o-mini";

const MESSAGE_ROLES = ["system", "developer", "user", "assistant", "tool", "function"] as const;

const contentPartSchema = z.looseObject({ type: z.string(), text: z.string().optional() });

const messageSchema = z.looseObject({
  role: z.enum(MESSAGE_ROLES),
  content: z.union([z.string(), z.array(contentPartSchema)]).nullable(),
});

const maxTokensSchema = z.number().int().min(1).nullable().optional();

// Real OpenAI parameters the emulator accepts and ignores; anything else is "Unrecognized request
// argument", as at OpenAI, so a typo in the app's request fails here too.
const IGNORED_PARAMETERS = [
  "top_p",
  "n",
  "stop",
  "presence_penalty",
  "frequency_penalty",
  "seed",
  "user",
  "logit_bias",
  "logprobs",
  "top_logprobs",
  "store",
  "metadata",
  "parallel_tool_calls",
  "tools",
  "tool_choice",
  "service_tier",
  "reasoning_effort",
  "modalities",
  "prediction",
  "audio",
  "stream_options",
  "verbosity",
  "prompt_cache_key",
  "safety_identifier",
  "web_search_options",
] as const;

const chatCompletionSchema = z.strictObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  temperature: z.number().min(0).max(2).nullable().optional(),
  response_format: z.looseObject({ type: z.enum(["text", "json_object", "json_schema"]) }).optional(),
  max_tokens: maxTokensSchema,
  max_completion_tokens: maxTokensSchema,
  stream: z.boolean().nullable().optional(),
  ...Object.fromEntries(IGNORED_PARAMETERS.map((name) => [name, z.unknown().optional()])),
});

type ChatCompletionRequest = z.output<typeof chatCompletionSchema>;
type ChatMessage = ChatCompletionRequest["messages"][number];

const llmModeSchema = z.strictObject({ mode: z.enum(LLM_MODES) });

export function registerLlmRoutes(router: Router): void {
  // POST /v1/chat/completions — OpenAI chat completion; content = analysis JSON of the last user message (or the mode's misbehaviour)
  router.add("POST", CHAT_COMPLETIONS_PATH, handleChatCompletion);

  // GET /_emulator/llm — the current mode
  router.add(
    "GET",
    "/_emulator/llm",
    control(({ res, state }) => sendJson(res, 200, { mode: state.llm.mode })),
  );

  // POST /_emulator/llm — {mode: "normal" | "fixed" | "prose" | "invalid_json" | "wrong_shape" | "empty_choices"} until changed or reset
  router.add(
    "POST",
    "/_emulator/llm",
    control(async (context) => {
      const body = await parseBody(context, llmModeSchema);
      context.state.llm.mode = body.mode;
      sendJson(context.res, 200, { mode: context.state.llm.mode });
    }),
  );
}

async function handleChatCompletion(context: RequestContext): Promise<void> {
  const { state, req } = context;
  state.counters.recordLlmRequest();
  // The body is read before faults so a hang or latency holds a fully sent request, as a slow model does.
  const bodyText = await readBodyText(req).catch(() => null);
  const json = parseJson(bodyText);

  const decision = state.faults.decide(LLM_FAULT_ENDPOINT);
  if (!(await enactFaultDelays(state.faults, decision, context.signal))) {
    state.counters.recordLlmFailure();
    return;
  }
  try {
    if (decision.action?.kind === "error") throw faultError(decision.action.fault, modelOf(json));
    if (!hasBearerKey(req.headers.authorization)) throw missingApiKeyError();
    const request = validateRequest(json);
    sendCompletion(context, request);
  } catch (error) {
    if (!(error instanceof OpenAiError)) throw error;
    state.counters.recordLlmFailure();
    sendJson(context.res, error.status, error.toBody(), error.headers);
  }
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function modelOf(json: unknown): string {
  const model = json !== null && typeof json === "object" ? (json as Record<string, unknown>).model : undefined;
  return typeof model === "string" && model !== "" ? model : FALLBACK_MODEL;
}

function faultError(fault: Fault, model: string): OpenAiError {
  return fault.kind === "429"
    ? rateLimitError(model, fault.retryAfterSeconds)
    : serverError(fault.status, fault.retryAfterSeconds);
}

function hasBearerKey(header: string | undefined): boolean {
  const match = /^Bearer\s+(.*)$/i.exec(header ?? "");
  return (match?.[1] ?? "").trim() !== "";
}

function validateRequest(json: unknown): ChatCompletionRequest {
  if (json === null || typeof json !== "object" || Array.isArray(json)) throw unparsableBodyError();
  const parsed = chatCompletionSchema.safeParse(json);
  if (!parsed.success) throw toOpenAiError(parsed.error.issues[0], json);
  const request = parsed.data;
  if (request.stream === true) {
    throw invalidRequestError(
      "The emulator does not stream responses; leave out stream or send false.",
      "stream",
      "unsupported_value",
    );
  }
  // OpenAI refuses JSON mode unless the prompt asks for JSON: a real bug the app must not have.
  if (
    request.response_format?.type === "json_object" &&
    !request.messages.some((message) => /json/i.test(textOf(message)))
  ) {
    throw invalidRequestError(
      "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
      "messages",
    );
  }
  return request;
}

/** `messages[0].role`, as OpenAI names parameters in its errors. */
function paramName(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === "number" ? `[${key}]` : `${index === 0 ? "" : "."}${String(key)}`))
    .join("");
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let value = json;
  for (const key of path)
    value = value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

function describeJsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a decimal";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

const EXPECTED_WORDING: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a decimal",
  int: "an integer",
  boolean: "a boolean",
  array: "an array",
  object: "an object",
};

/** The first schema problem in OpenAI's words and codes (the emulator reports one, as OpenAI does). */
function toOpenAiError(issue: z.core.$ZodIssue | undefined, json: unknown): OpenAiError {
  if (!issue) return unparsableBodyError();
  const param = paramName(issue.path);
  const value = valueAt(json, issue.path);
  const isModel = param === "model";
  if (value === undefined && (issue.code === "invalid_type" || issue.code === "invalid_union")) {
    if (isModel) return invalidRequestError("you must provide a model parameter");
    return invalidRequestError(`Missing required parameter: '${param}'.`, param, "missing_required_parameter");
  }
  switch (issue.code) {
    case "unrecognized_keys":
      return invalidRequestError(`Unrecognized request argument supplied: ${issue.keys.join(", ")}`);
    case "invalid_type":
      return invalidRequestError(
        `Invalid type for '${param}': expected ${EXPECTED_WORDING[issue.expected] ?? issue.expected}, but got ${describeJsonType(value)} instead.`,
        param,
        "invalid_type",
      );
    case "invalid_union":
      return invalidRequestError(
        `Invalid type for '${param}': expected one of a string or array of objects, but got ${describeJsonType(value)} instead.`,
        param,
        "invalid_type",
      );
    case "invalid_value":
      return invalidRequestError(
        `Invalid value: '${String(value)}'. Supported values are: ${issue.values.map((option) => `'${String(option)}'`).join(", ")}.`,
        param,
        "invalid_value",
      );
    case "too_small":
      if (isModel) return invalidRequestError("you must provide a model parameter");
      if (issue.origin === "array") {
        return invalidRequestError(
          `Invalid '${param}': empty array. Expected an array with minimum length ${String(issue.minimum)}, but got an empty array instead.`,
          param,
          "empty_array",
        );
      }
      return invalidRequestError(
        `Invalid '${param}': ${numberKind(param)} below minimum value. ` +
          `Expected a value >= ${String(issue.minimum)}, but got ${String(value)} instead.`,
        param,
        `${numberKind(param)}_below_min_value`,
      );
    case "too_big":
      return invalidRequestError(
        `Invalid '${param}': ${numberKind(param)} above maximum value. ` +
          `Expected a value <= ${String(issue.maximum)}, but got ${String(value)} instead.`,
        param,
        `${numberKind(param)}_above_max_value`,
      );
    default:
      return invalidRequestError(`Invalid '${param}': ${issue.message}`, param);
  }
}

// OpenAI words range errors by the parameter's type, not by the value sent ("temperature: 3" is a decimal).
const INTEGER_PARAMETERS: ReadonlySet<string> = new Set(["max_tokens", "max_completion_tokens"]);

function numberKind(param: string): "integer" | "decimal" {
  return INTEGER_PARAMETERS.has(param) ? "integer" : "decimal";
}

function textOf(message: ChatMessage): string {
  if (message.content === null) return "";
  if (typeof message.content === "string") return message.content;
  return message.content.map((part) => part.text ?? "").join("\n");
}

/** OpenAI's tokeniser is not worth emulating: about four characters a token, plus a few per message. */
function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

const TOKENS_PER_MESSAGE = 4;
const TOKENS_PER_REPLY = 3;

function sendCompletion(context: RequestContext, request: ChatCompletionRequest): void {
  const { state, res } = context;
  // The model answers the latest user turn, as a chat model does.
  const userMessage = request.messages.filter((message) => message.role === "user").at(-1);
  const video = splitVideoText(userMessage ? textOf(userMessage) : "");
  let content = replyContent(state.llm.mode, video);

  // A token cap the reply does not fit in cuts it off mid-text with finish_reason "length", as OpenAI does.
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? null;
  let finishReason = "stop";
  if (content !== null && maxTokens !== null && estimateTokens(content) > maxTokens) {
    content = content.slice(0, maxTokens * 4);
    finishReason = "length";
  }

  const number = state.llm.nextCompletionNumber();
  const promptTokens = request.messages.reduce(
    (sum, message) => sum + TOKENS_PER_MESSAGE + estimateTokens(textOf(message)),
    TOKENS_PER_REPLY,
  );
  const completionTokens = content === null ? 0 : estimateTokens(content);
  const message = { role: "assistant", content, refusal: null, annotations: [] };
  const choices = content === null ? [] : [{ index: 0, message, logprobs: null, finish_reason: finishReason }];

  sendJson(
    res,
    200,
    {
      id: `chatcmpl-${alphanumericId(state.config.seed, "chatcmpl", number)}`,
      object: "chat.completion",
      created: Math.floor(state.clock.now() / 1000),
      model: request.model,
      choices,
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completionTokens,
        total_tokens: promptTokens + completionTokens,
        prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
        completion_tokens_details: {
          reasoning_tokens: 0,
          audio_tokens: 0,
          accepted_prediction_tokens: 0,
          rejected_prediction_tokens: 0,
        },
      },
      service_tier: "default",
      system_fingerprint: `fp_${hashParts("llm-fingerprint", request.model).toString("hex").slice(0, 10)}`,
    },
    { "x-request-id": `req_${hashParts(state.config.seed, "llm-request", number).toString("hex").slice(0, 32)}` },
  );
}

/** 29 letters and digits, like OpenAI's completion ids, from the seed and the completion number. */
function alphanumericId(...parts: ReadonlyArray<string | number>): string {
  const bytes = Buffer.concat([hashParts(...parts, 1), hashParts(...parts, 2)]);
  return bytes
    .toString("base64")
    .replace(/[^A-Za-z0-9]/g, "")
    .slice(0, 29);
}
