/**
 * account.delete: closes the account at once, in one short transaction, and leaves the bulk of the rows to
 * the account.purge job (purge-account.ts), so a 50,000-project account never holds locks for long.
 *
 * Closing means, all committed together:
 * - the user row is marked deleted and stripped of what identifies the person (name, e-mail, picture); the
 *   handle is freed, so the public portfolio answers 404 from the next request on;
 * - every session, sign-in identity (password, Google sign-in) and API token is deleted, so the user is
 *   signed out everywhere and cannot sign in again;
 * - auto-sync stops for every followed channel, so no new project arrives for the user;
 * - an `account_closed` notification tells every web process, which then refuses the user's session even
 *   from a cached session cookie (src/server/live/closed-accounts.ts);
 * - account.purge is queued: it revokes the Google grant, cancels the user's queued jobs and deletes the
 *   rest in chunks.
 * The confirmation must name the account (its handle or e-mail), so a stray click deletes nothing.
 */
import { fromPrisma } from "pg-boss";
import { AppError } from "~/lib/errors";
import { accountPurgeJob } from "~/lib/jobs/account-purge.job";
import { enqueue, type JobSender } from "~/lib/jobs/enqueue";
import { db } from "~/server/db";
import { accountClosedPayload, LIVE_CHANNEL } from "~/server/live/listener";
import type { Logger } from "~/server/logger";
import { confirmsAccount } from "./account.schema";

/** The e-mail a closed account keeps until account.purge deletes its row: unique, and never deliverable. */
const closedAccountEmail = (userId: string) => `deleted-${userId}@deleted.invalid`;

export async function deleteAccount({
  userId,
  confirmation,
  jobs,
  logger,
}: {
  userId: string;
  confirmation: string;
  jobs: JobSender;
  logger: Logger;
}) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { email: true, handle: true, deletedAt: true },
  });
  if (!user || user.deletedAt) throw new AppError("NOT_FOUND", "This account no longer exists.");
  if (!confirmsAccount(confirmation, user)) {
    throw new AppError(
      "INVALID_INPUT",
      user.handle
        ? "Type your handle or your e-mail address exactly as shown to confirm."
        : "Type your e-mail address exactly as shown to confirm.",
    );
  }
  const closed = await db.$transaction(async (tx) => {
    const marked = await tx.user.updateMany({
      where: { id: userId, deletedAt: null },
      data: {
        deletedAt: new Date(),
        name: "Deleted account",
        email: closedAccountEmail(userId),
        emailVerified: false,
        image: null,
        handle: null,
      },
    });
    // A second click raced this one and already closed the account.
    if (marked.count === 0) return false;
    await tx.session.deleteMany({ where: { userId } });
    await tx.account.deleteMany({ where: { userId } });
    await tx.apiToken.deleteMany({ where: { userId } });
    await tx.contentSource.updateMany({ where: { userId, syncEnabled: true }, data: { syncEnabled: false } });
    await tx.$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${accountClosedPayload(userId)})`;
    await enqueue(jobs, accountPurgeJob, { userId }, { db: fromPrisma(tx) });
    return true;
  });
  if (!closed) throw new AppError("NOT_FOUND", "This account no longer exists.");
  logger.info({ userId }, "account.closed");
  return { deleted: true as const };
}
