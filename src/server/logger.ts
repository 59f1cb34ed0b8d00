/**
 * The process logger (pino, JSON to stdout). Domain code receives a child logger in its parameters and
 * never builds its own. Tokens, Authorization headers, cookies and `key=` URL parameters are redacted here
 * so no call site has to remember.
 */
import pino, { type Logger } from "pino";
import { env } from "~/env";
import { processSingleton } from "~/server/process-singleton";

export type { Logger };

export const REDACTED_PATHS = [
  "accessToken",
  "refreshToken",
  "idToken",
  "password",
  "token",
  "secret",
  "authorization",
  "cookie",
  "*.accessToken",
  "*.refreshToken",
  "*.idToken",
  "*.password",
  "*.token",
  "*.secret",
  "*.authorization",
  "*.cookie",
  "headers.authorization",
  "headers.cookie",
  'headers["set-cookie"]',
  "req.headers.authorization",
  "req.headers.cookie",
];

const SECRET_QUERY_PARAM = /([?&](?:key|access_token|refresh_token|code|client_secret)=)[^&#\s"]+/gi;

/** Strips secret query parameters from any URL-bearing string before it reaches a log line. */
export function redactUrl(value: string): string {
  return value.replace(SECRET_QUERY_PARAM, "$1[REDACTED]");
}

/**
 * Errors are logged with pino's serializer, minus the fields some libraries hang on them: pg's errors carry
 * the whole connection (`client`), undici's the request — noise at best, and a place secrets could hide.
 */
export function serializeError(error: unknown) {
  const serialized = pino.stdSerializers.err(error as Error) as Record<string, unknown>;
  delete serialized.client;
  delete serialized.request;
  return serialized;
}

function createLogger(options: { name: string; level?: string }): Logger {
  return pino({
    name: options.name,
    // env fields are undefined only under SKIP_ENV_VALIDATION (tooling), where defaults are not applied.
    level: options.level ?? env.LOG_LEVEL ?? "info",
    redact: { paths: REDACTED_PATHS, censor: "[REDACTED]" },
    serializers: { err: serializeError },
    formatters: { level: (label) => ({ level: label }) },
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: {
      logMethod(args, method) {
        const redacted = args.map((arg) => (typeof arg === "string" ? redactUrl(arg) : arg));
        method.apply(this, redacted as Parameters<typeof method>);
      },
    },
  });
}

/** The shared logger of this process (web or worker); cached across dev hot reloads. */
export const logger: Logger = processSingleton("showreelLogger", () => createLogger({ name: "showreel" }));

/**
 * A child logger carrying `fields`, except the ones `logger` already carries (a job's logger binds the ids
 * in its payload): each key appears once per line. Undefined fields are left out.
 */
export function withBindings(logger: Logger, fields: Record<string, unknown>): Logger {
  const bound = logger.bindings();
  const missing = Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => value !== undefined && !(key in bound)),
  );
  return Object.keys(missing).length === 0 ? logger : logger.child(missing);
}
