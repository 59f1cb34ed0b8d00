-- What the channel's public feed showed just before YouTube's Data API gave (or confirmed) a stored My Videos
-- page: an aged page whose feed still shows the same is current without a Data API call
-- (src/lib/youtube-connection/list-my-videos.ts). NULL when the feed could not be read then.
ALTER TABLE "MyVideosPage" ADD COLUMN "feedSignature" TEXT;
