/**
 * The opaque "Load more" cursor of a portfolio: the last card's (createdAt, id), so the next page starts
 * strictly after it on the (userId, createdAt DESC) index. It carries values rather than a row id, so a
 * page still follows when that project was made private or deleted in between.
 */
import { AppError } from "~/lib/errors";

export type PortfolioCursor = { createdAt: Date; id: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodePortfolioCursor({ createdAt, id }: PortfolioCursor): string {
  return Buffer.from(`${createdAt.getTime()}:${id}`, "utf8").toString("base64url");
}

/** A cursor this module did not make is bad input, not a server fault. */
export function decodePortfolioCursor(cursor: string): PortfolioCursor {
  const [millis, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split(":");
  const createdAt = new Date(Number(millis));
  if (rest.length > 0 || !millis || !/^\d+$/.test(millis) || Number.isNaN(createdAt.getTime()) || !id || !UUID.test(id)) {
    throw new AppError("INVALID_INPUT", "That page link is broken. Start again from the newest projects.");
  }
  return { createdAt, id };
}
