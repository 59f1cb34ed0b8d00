/**
 * For drivers and servers (child processes with the app's env): connects users to the emulator's demo
 * channel as Connect YouTube stores a grant — the emulator's long-lived demo token, encrypted with this
 * process's TOKEN_ENCRYPTION_KEY — so youtube.myVideos works for them against the emulator.
 */
import { encryptSecret } from "~/lib/crypto/secret-box";
import { db } from "~/server/db";
import { DEMO_ACCESS_TOKEN, DEMO_CHANNEL_ID } from "../../emulator/demo-world";

const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

export async function connectToDemoChannel(userIds: readonly string[]): Promise<void> {
  const accessTokenExpiresAt = new Date(Date.now() + TOKEN_LIFETIME_MS);
  await db.youTubeConnection.createMany({
    data: userIds.map((userId) => ({
      userId,
      googleAccountId: `bench-${userId}`,
      youtubeChannelId: DEMO_CHANNEL_ID,
      channelTitle: "Demo Creator",
      scopes: ["https://www.googleapis.com/auth/youtube.readonly"],
      accessTokenEnc: encryptSecret(DEMO_ACCESS_TOKEN),
      accessTokenExpiresAt,
    })),
    skipDuplicates: true,
  });
}
