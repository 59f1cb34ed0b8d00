/**
 * zod schemas for every YouTube reply the client reads. Objects are loose (unknown fields are fine —
 * Google adds them), optional wherever Google omits things (a missing `items` means "nothing matched"),
 * and strict about the types of what we use. Statistics arrive as strings.
 */
import { z } from "zod";

const thumbnailSchema = z.looseObject({
  url: z.string().optional(),
  width: z.number().optional(),
  height: z.number().optional(),
});
export const thumbnailsSchema = z.record(z.string(), thumbnailSchema.optional());

const countSchema = z.string().regex(/^\d+$/, "a count must be a string of digits");

export const errorEnvelopeSchema = z.looseObject({
  error: z.looseObject({
    code: z.number().optional(),
    message: z.string().optional(),
    status: z.string().optional(),
    errors: z.array(z.looseObject({ reason: z.string().optional(), domain: z.string().optional() })).optional(),
  }),
});

const pageInfoSchema = z.looseObject({ totalResults: z.number().optional(), resultsPerPage: z.number().optional() });

/**
 * The envelope every YouTube `*.list` reply shares: its etag, paging and `items` (absent when nothing
 * matched). Only playlistItems is paged by us; the others answer one page of ids.
 */
function listReplySchema<Item extends z.ZodType>(item: Item) {
  return z.looseObject({
    etag: z.string().optional(),
    nextPageToken: z.string().optional(),
    prevPageToken: z.string().optional(),
    pageInfo: pageInfoSchema.optional(),
    items: z.array(item).optional(),
  });
}

export const channelListSchema = listReplySchema(
  z.looseObject({
    id: z.string(),
    snippet: z
      .looseObject({
        title: z.string(),
        description: z.string().optional(),
        customUrl: z.string().optional(),
        publishedAt: z.string().optional(),
        thumbnails: thumbnailsSchema.optional(),
      })
      .optional(),
    contentDetails: z
      .looseObject({ relatedPlaylists: z.looseObject({ uploads: z.string().optional() }).optional() })
      .optional(),
    statistics: z
      .looseObject({
        viewCount: countSchema.optional(),
        subscriberCount: countSchema.optional(),
        hiddenSubscriberCount: z.boolean().optional(),
        videoCount: countSchema.optional(),
      })
      .optional(),
  }),
);

export const playlistItemListSchema = listReplySchema(
  z.looseObject({
    id: z.string(),
    snippet: z.looseObject({
      publishedAt: z.string().optional(),
      title: z.string(),
      description: z.string().optional(),
      thumbnails: thumbnailsSchema.optional(),
      videoOwnerChannelId: z.string().optional(),
      videoOwnerChannelTitle: z.string().optional(),
      resourceId: z.looseObject({ videoId: z.string().optional() }).optional(),
    }),
    contentDetails: z.looseObject({ videoId: z.string(), videoPublishedAt: z.string().optional() }).optional(),
  }),
);

export const videoListSchema = listReplySchema(
  z.looseObject({
    id: z.string(),
    snippet: z
      .looseObject({
        publishedAt: z.string(),
        channelId: z.string(),
        channelTitle: z.string().optional(),
        title: z.string(),
        description: z.string().optional(),
        thumbnails: thumbnailsSchema.optional(),
        tags: z.array(z.string()).optional(),
        liveBroadcastContent: z.string().optional(),
      })
      .optional(),
    contentDetails: z.looseObject({ duration: z.string().optional() }).optional(),
    statistics: z
      .looseObject({
        viewCount: countSchema.optional(),
        likeCount: countSchema.optional(),
        commentCount: countSchema.optional(),
      })
      .optional(),
    status: z
      .looseObject({
        privacyStatus: z.string().optional(),
        uploadStatus: z.string().optional(),
        embeddable: z.boolean().optional(),
        madeForKids: z.boolean().optional(),
      })
      .optional(),
    liveStreamingDetails: z
      .looseObject({
        scheduledStartTime: z.string().optional(),
        actualStartTime: z.string().optional(),
        actualEndTime: z.string().optional(),
        concurrentViewers: countSchema.optional(),
      })
      .optional(),
  }),
);

export type ChannelListReply = z.infer<typeof channelListSchema>;
export type PlaylistItemListReply = z.infer<typeof playlistItemListSchema>;
export type VideoListReply = z.infer<typeof videoListSchema>;
export type VideoItem = NonNullable<VideoListReply["items"]>[number];
export type ChannelItem = NonNullable<ChannelListReply["items"]>[number];
