/**
 * OpenAI's error envelope, `{"error": {message, type, param, code}}`, and the errors the LLM
 * stand-in answers with. Messages follow OpenAI's wording so an app that shows or logs them (or
 * matches on `code`) behaves as it will against the real API.
 */

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export class OpenAiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  toBody(): OpenAiErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export function missingApiKeyError(): OpenAiError {
  return new OpenAiError(
    401,
    "invalid_request_error",
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth " +
      "(i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.",
    null,
    "invalid_api_key",
  );
}

export function invalidRequestError(
  message: string,
  param: string | null = null,
  code: string | null = null,
): OpenAiError {
  return new OpenAiError(400, "invalid_request_error", message, param, code);
}

/** What OpenAI answers to a body that is not JSON (or not a JSON object). */
export function unparsableBodyError(): OpenAiError {
  return invalidRequestError(
    "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. " +
      "The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
  );
}

export function serverError(status: 500 | 503, retryAfterSeconds: number): OpenAiError {
  if (status === 503) {
    return new OpenAiError(503, "server_error", "The server is overloaded or not ready yet.", null, null, {
      "retry-after": String(retryAfterSeconds),
    });
  }
  return new OpenAiError(
    500,
    "server_error",
    "The server had an error while processing your request. Sorry about that!",
  );
}

/** Per-minute request limit of the emulated organisation, only for the wording and the x-ratelimit headers. */
const REQUESTS_PER_MINUTE = 500;

export function rateLimitError(model: string, retryAfterSeconds: number): OpenAiError {
  return new OpenAiError(
    429,
    "requests",
    `Rate limit reached for ${model} in organization org-emulator on requests per min (RPM): Limit ${REQUESTS_PER_MINUTE}, ` +
      `Used ${REQUESTS_PER_MINUTE}, Requested 1. Please try again in ${retryAfterSeconds}s. ` +
      "Visit https://platform.openai.com/account/rate-limits to learn more.",
    null,
    "rate_limit_exceeded",
    {
      "retry-after": String(retryAfterSeconds),
      "x-ratelimit-limit-requests": String(REQUESTS_PER_MINUTE),
      "x-ratelimit-remaining-requests": "0",
      "x-ratelimit-reset-requests": `${retryAfterSeconds}s`,
    },
  );
}
