/**
 * What /ops may show of a job's payload or error. Payloads carry ids only (docs/house-rules.md R17), but this is
 * the last gate before an admin's screen, so it does not trust that: keys that name a secret are blanked,
 * secret URL parameters and bearer tokens are stripped from any string, and the result is cut short.
 */
import { redactUrl } from "~/server/logger";

export const PAYLOAD_PREVIEW_CHARS = 240;
const ERROR_PREVIEW_CHARS = 300;

const SECRET_KEY = /token|secret|password|authorization|cookie|apikey|api_key|credential/i;
const BEARER = /\b(Bearer)\s+[\w.~+/=-]+/gi;

function redactString(value: string): string {
  return redactUrl(value).replace(BEARER, "$1 [REDACTED]");
}

function truncateText(value: string, maxChars: number): string {
  return value.length <= maxChars ? value : `${value.slice(0, maxChars - 1)}…`;
}

/** A one-line JSON preview of a payload, secrets blanked, at most PAYLOAD_PREVIEW_CHARS long. */
export function previewPayload(data: unknown, maxChars = PAYLOAD_PREVIEW_CHARS): string {
  const json = JSON.stringify(data ?? null, (key, value: unknown) => {
    if (key !== "" && SECRET_KEY.test(key)) return "[REDACTED]";
    return typeof value === "string" ? redactString(value) : value;
  });
  return truncateText(json ?? "null", maxChars);
}

/** The error a failed job recorded (run-job stores `{ error }`, pg-boss `{ message }`), redacted and cut short. */
export function previewError(output: unknown, maxChars = ERROR_PREVIEW_CHARS): string | null {
  if (output == null) return null;
  if (typeof output === "string") return truncateText(redactString(output), maxChars);
  if (typeof output === "object") {
    const record = output as Record<string, unknown>;
    const message = record.error ?? record.message;
    if (typeof message === "string") {
      const code = typeof record.code === "string" ? `${record.code}: ` : "";
      return truncateText(redactString(`${code}${message}`), maxChars);
    }
  }
  return previewPayload(output, maxChars);
}
