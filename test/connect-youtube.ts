// Connect YouTube in integration and fault tests, as the web does it: the browser's part against the emulator's
// consent page, then the callback's use case (the real code exchange, channel check and encrypted storage).
import pino from "pino";
import { lazyJobSender } from "~/lib/jobs/enqueue";
import { completeYouTubeConnect } from "~/lib/youtube-connection/complete-connect";
import { startYouTubeConnect } from "~/lib/youtube-connection/start-connect";
import { testEmulatorControl } from "./emulator-control";
import { testBoss } from "./job-harness";

const CONNECT_REDIRECT_URI = "http://127.0.0.1:3611/api/youtube/callback";
const control = testEmulatorControl();

/**
 * The emulator consents as `email` (a Google account it knows). Leaves `autoConsent`/`autoAccount` set: the
 * test file resets them after each test.
 */
export async function connectYouTubeAs(userId: string, email: string) {
  await control("POST", "/oauth/settings", { autoConsent: "allow", autoAccount: email });
  const { authorizeUrl, flowCookie } = startYouTubeConnect({ userId, redirectUri: CONNECT_REDIRECT_URI });
  const redirect = await fetch(authorizeUrl, { redirect: "manual" });
  const query = Object.fromEntries(new URL(redirect.headers.get("location")!).searchParams);
  return completeYouTubeConnect({
    userId,
    flowCookie,
    query,
    redirectUri: CONNECT_REDIRECT_URI,
    jobs: lazyJobSender(testBoss),
    logger: pino({ level: "silent" }),
  });
}
