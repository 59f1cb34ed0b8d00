/**
 * Input schemas for "a YouTube video / channel the user pasted", shared by tRPC inputs and client forms.
 * Pure zod (docs/house-rules.md R8): these bound and trim the raw text only. Turning a link into an id is
 * `parseVideoRef` / `parseChannelRef` in `./parse-youtube-url.ts`, which imports the patterns below so the
 * two never disagree.
 */
import { z } from "zod";

// Longer than any real YouTube link with tracking parameters, short enough that parsing stays cheap.
export const MAX_REF_INPUT_LENGTH = 2_000;

// 11 characters of base64url encoding 64 bits. The last character carries only 4 of its 6 bits (the low two
// are zero), so it is always one of these 16.
export const VIDEO_ID_PATTERN = /^[A-Za-z0-9_-]{10}[AEIMQUYcgkosw048]$/;

// "UC" + 22 characters of base64url encoding 128 bits. The last carries only 2 of its 6 bits, so it is one of 4.
export const CHANNEL_ID_PATTERN = /^UC[A-Za-z0-9_-]{21}[AQgw]$/;

export const videoIdSchema = z.string().regex(VIDEO_ID_PATTERN, { error: "Not a YouTube video id (11 characters)." });

export const channelIdSchema = z
  .string()
  .regex(CHANNEL_ID_PATTERN, { error: "Not a YouTube channel id (UC followed by 22 characters)." });

/** A pasted video link or id, before parsing. */
export const videoRefInputSchema = z.string().trim().min(1).max(MAX_REF_INPUT_LENGTH);

/** A pasted channel link, @handle or channel id, before parsing. */
export const channelRefInputSchema = z.string().trim().min(1).max(MAX_REF_INPUT_LENGTH);

export type VideoId = z.infer<typeof videoIdSchema>;
export type ChannelId = z.infer<typeof channelIdSchema>;
export type VideoRefInput = z.infer<typeof videoRefInputSchema>;
export type ChannelRefInput = z.infer<typeof channelRefInputSchema>;
