/**
 * The Content Security Policy, in one place. Pages get it per request from src/proxy.ts with a fresh nonce;
 * next.config.ts sends the same policy without a nonce on everything the proxy skips (API routes, static
 * files), where no page's scripts run.
 *
 * Scripts: only those carrying this response's nonce — Next puts it on its own script tags and on the
 * inline <script> tags that stream the App Router's payload — and, through 'strict-dynamic', the chunks
 * those scripts load. No 'unsafe-inline': an injected <script> or event-handler attribute does not run.
 * 'self' is for browsers older than CSP 3, which ignore 'strict-dynamic' (newer ones ignore 'self' beside it).
 * Development adds 'unsafe-eval': React rebuilds server error stacks in the browser with eval.
 *
 * Styles: <style> and stylesheet links need the nonce or our origin; style attributes stay allowed
 * (style-src-attr), because bars and chart markers are sized with them in the server's HTML. Development
 * keeps 'unsafe-inline' for Next's dev overlay. Images: thumbnails and avatars come from YouTube's hosts
 * over https (and from the emulator over http in demo mode). Frames: only the no-cookie YouTube player.
 * Nobody may frame us (clickjacking); object-src and base-uri are closed.
 */
// Relative, not "~/env": next.config.ts loads this file, and Next's config loader resolves the alias from here wrongly.
import { env } from "../env";

export type ContentSecurityPolicyOptions = {
  /** Base64 from the proxy, fresh per request; absent on responses that are not pages. */
  nonce?: string;
  development: boolean;
  youtubeApiBaseUrl: string;
};

export function buildContentSecurityPolicy({
  nonce,
  development,
  youtubeApiBaseUrl,
}: ContentSecurityPolicyOptions): string {
  const youtubeApi = new URL(youtubeApiBaseUrl);
  const emulatorOrigin = youtubeApi.protocol === "http:" ? ` ${youtubeApi.origin}` : "";
  const nonceSource = nonce ? ` 'nonce-${nonce}'` : "";
  return [
    "default-src 'self'",
    `script-src 'self'${nonce ? `${nonceSource} 'strict-dynamic'` : ""}${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self'${development ? " 'unsafe-inline'" : nonceSource}`,
    "style-src-attr 'unsafe-inline'",
    `img-src 'self' data: blob: https:${emulatorOrigin}`,
    "font-src 'self' data:",
    `connect-src 'self'${development ? " ws: wss:" : ""}`,
    "frame-src https://www.youtube-nocookie.com",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** This process's policy; `nonce` from the proxy for a page. */
export function contentSecurityPolicy(nonce?: string): string {
  return buildContentSecurityPolicy({
    ...(nonce ? { nonce } : {}),
    development: env.NODE_ENV === "development",
    youtubeApiBaseUrl: env.YOUTUBE_API_BASE_URL,
  });
}

/** 16 random bytes in base64: a new one for every page response (CSP 3 asks for at least 128 bits). */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
