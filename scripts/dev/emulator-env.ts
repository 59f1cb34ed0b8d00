/**
 * The variables that point the app at the Google emulator instead of Google: used by the dev launcher in
 * demo mode and by the test lanes. Any API key works there; fixed demo values keep logs readable.
 */
export function emulatorEnv(url: string): Record<string, string> {
  return {
    DEMO_MODE: "true",
    YOUTUBE_API_BASE_URL: url,
    YOUTUBE_FEED_BASE_URL: url,
    YOUTUBE_WEBSUB_HUB_URL: `${url}/websub/hub`,
    YOUTUBE_API_KEY: "demo-api-key",
    GOOGLE_CLIENT_ID: "showreel-demo-client",
    GOOGLE_CLIENT_SECRET: "showreel-demo-secret",
    GOOGLE_AUTHORIZE_URL: `${url}/o/oauth2/v2/auth`,
    GOOGLE_TOKEN_URL: `${url}/token`,
    GOOGLE_REVOKE_URL: `${url}/revoke`,
    GOOGLE_USERINFO_URL: `${url}/v1/userinfo`,
    AI_BASE_URL: url,
    AI_API_KEY: "demo-ai-key",
  };
}

/** Where the e2e lane's emulator listens (E2E_EMULATOR_PORT, default 4210): its build and its servers agree on it. */
export function e2eEmulatorUrl(): string {
  return `http://127.0.0.1:${Number(process.env.E2E_EMULATOR_PORT ?? 4210)}`;
}

/**
 * The emulator in demo mode also stands in for Google's image hosts (thumbnails, avatars), which an offline
 * machine cannot reach; tests that talk to it as Google keep Google's URLs.
 */
export const DEMO_EMULATOR_ENV = { EMULATOR_IMAGES: "emulator" } as const;
