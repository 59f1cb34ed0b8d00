import { retryGrantRevocation } from "~/lib/google-oauth/retry-grant-revocation";
import type { googleRevokeGrantJob } from "~/lib/jobs/google-revoke-grant.job";
import type { JobHandler } from "../lib/run-job";

// google.revoke-grant — POST {GOOGLE_REVOKE_URL}; throws until Google confirms, so pg-boss retries with backoff
export const handleGoogleRevokeGrant: JobHandler<typeof googleRevokeGrantJob> = (payload, { logger }) =>
  retryGrantRevocation({ ...payload, logger });
