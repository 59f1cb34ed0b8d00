/**
 * Turns a child process's output into prefixed lines for the dev console. pino JSON lines are shown as
 * `HH:MM:SS level message key=value …` (tokens are already redacted by the logger); anything else is
 * passed through as it is.
 */
import type { Readable } from "node:stream";
import { createInterface } from "node:readline";

const COLOURS = { db: 35, emulator: 33, worker: 36, web: 32, dev: 90 } as const;
const LEVEL_COLOURS: Record<string, number> = { fatal: 41, error: 31, warn: 33, info: 0, debug: 90, trace: 90 };
const HIDDEN_FIELDS = new Set(["level", "time", "pid", "hostname", "name", "msg", "process"]);

export type ProcessName = keyof typeof COLOURS;

function colour(code: number, text: string, isTty: boolean): string {
  return isTty && code ? `\x1b[${code}m${text}\x1b[0m` : text;
}

export function formatLogLine(line: string, isTty = false): string {
  if (!line.startsWith("{")) return line;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    const level = typeof entry.level === "string" ? entry.level : "info";
    const time = typeof entry.time === "string" ? entry.time.slice(11, 19) : "";
    const fields = Object.entries(entry)
      .filter(([key]) => !HIDDEN_FIELDS.has(key))
      .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
      .join(" ");
    const head = `${time} ${colour(LEVEL_COLOURS[level] ?? 0, level.padEnd(5), isTty)} ${String(entry.msg ?? "")}`;
    return fields ? `${head} ${colour(90, fields, isTty)}` : head;
  } catch {
    return line;
  }
}

export function prefixLines(name: ProcessName, stream: Readable, write: (line: string) => void = console.log): void {
  const isTty = process.stdout.isTTY === true;
  const prefix = colour(COLOURS[name], `[${name}]`.padEnd(10), isTty);
  createInterface({ input: stream }).on("line", (line) => write(`${prefix} ${formatLogLine(line, isTty)}`));
}

export function devLog(message: string): void {
  const isTty = process.stdout.isTTY === true;
  console.log(`${colour(COLOURS.dev, "[dev]".padEnd(10), isTty)} ${message}`);
}
