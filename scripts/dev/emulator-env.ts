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
