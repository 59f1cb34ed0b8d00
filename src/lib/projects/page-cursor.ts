/**
 * The opaque "Load more" cursor of a project list (the owner's projects, a portfolio): the last card's
 * (createdAt, id), so the next page starts strictly after it on the (userId, createdAt DESC) index, in the
 * same statement as the page — no read of the cursor's row first. It carries values rather than a row id,
 * so a page still follows when that project was made private or deleted in between.
 */
import type { Prisma } from "~/generated/prisma/client";
import { AppError } from "~/lib/errors";

export type PageCursor = { createdAt: Date; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodePageCursor({ createdAt, id }: PageCursor): string {
  return Buffer.from(`${createdAt.getTime()}:${id}`, "utf8").toString("base64url");
}

/** A cursor this module did not make is bad input, not a server fault. */
export function decodePageCursor(cursor: string): PageCursor {
  const [millis, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split(":");
  const createdAt = new Date(Number(millis));
  if (
    rest.length > 0 ||
    !millis ||
    !/^\d+$/.test(millis) ||
    Number.isNaN(createdAt.getTime()) ||
    !id ||
    !UUID.test(id)
  ) {
    throw new AppError("INVALID_INPUT", "That page link is broken. Start again from the newest projects.");
  }
  return { createdAt, id };
}

/** The rows after the cursor in (createdAt DESC, id DESC) order; the lte bound lets Postgres start the index scan there. */
export function afterPageCursor(after: PageCursor | null): Prisma.ProjectWhereInput {
  return after
    ? { createdAt: { lte: after.createdAt }, OR: [{ createdAt: { lt: after.createdAt } }, { id: { lt: after.id } }] }
    : {};
}
