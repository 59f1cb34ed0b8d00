/**
 * Google's replies as recorded (YouTube Data API lists and error envelopes, the channel feed, a WebSub push,
 * the OAuth token endpoint), one copy of each in test/fixtures/google/. The YouTube and OAuth clients' unit
 * tests reply with them from undici's MockAgent; the emulator's tests compare its replies with them.
 * `videos.list.edge-cases.CONSTRUCTED.json` is written by hand, not recorded: the edge cases no sample had.
 */
import { readFileSync } from "node:fs";

export function readFixture(name: string): string {
  return readFileSync(new URL(`./fixtures/google/${name}`, import.meta.url), "utf8");
}

export function readJsonFixture(name: string): Record<string, unknown> {
  return JSON.parse(readFixture(name)) as Record<string, unknown>;
}
