import { env } from "~/env";

/** What the sign-in page may offer on this deployment. */
export function getFeatures() {
  return {
    googleSignIn: !!(env.GOOGLE_CLIENT_ID && env.GOOGLE_CLIENT_SECRET),
    demoMode: env.DEMO_MODE,
  };
}
