/**
 * Disconnect: revoke Showreel's grant at Google (now, or by a retried job until Google confirms: see
 * request-grant-revocation.ts), delete the stored tokens, the connection and the stored My Videos pages,
 * and turn off auto-sync for the user's followed channels. Projects stay; those of private or unlisted
 * videos lose the details only this authorization could read (removeAuthorizedDetails). Should that step
 * fail, projects.refresh does it when it next reaches them.
 */
import { decryptSecret } from "~/lib/crypto/secret-box";
import { invalidateAccessToken } from "~/lib/google-oauth/access-token-cache";
import { requestGrantRevocation, type GrantRevocation } from "~/lib/google-oauth/request-grant-revocation";
import type { JobSender } from "~/lib/jobs/enqueue";
import { removeAuthorizedDetails } from "~/lib/projects/remove-authorized-details";
import { db } from "~/server/db";
import type { Logger } from "~/server/logger";

export async function disconnectYouTube({ userId, jobs, logger }: { userId: string; jobs: JobSender; logger: Logger }) {
  const connection = await db.youTubeConnection.findUnique({
    where: { userId },
    select: { id: true, googleAccountId: true, refreshTokenEnc: true, accessTokenEnc: true },
  });
  if (!connection)
    return { disconnected: false, revokedAtGoogle: false, revocation: null, sourcesPaused: 0, detailsRemoved: 0 };
  const sealed = connection.refreshTokenEnc ?? connection.accessTokenEnc;
  const revocation: GrantRevocation | null = sealed
    ? await requestGrantRevocation({
        userId,
        googleAccountId: connection.googleAccountId,
        token: decryptSecret(sealed),
        boss: jobs,
        logger,
      })
    : null;
  const [, paused] = await db.$transaction([
    db.youTubeConnection.delete({ where: { id: connection.id } }),
    db.contentSource.updateMany({ where: { userId, syncEnabled: true }, data: { syncEnabled: false } }),
    db.myVideosPage.deleteMany({ where: { userId } }),
  ]);
  invalidateAccessToken({ connectionId: connection.id });
  const detailsRemoved = await removeAuthorizedDetails({ userId });
  const revokedAtGoogle = revocation === "confirmed";
  logger.info({ revocation, sourcesPaused: paused.count, detailsRemoved }, "youtube.disconnected");
  return { disconnected: true, revokedAtGoogle, revocation, sourcesPaused: paused.count, detailsRemoved };
}
