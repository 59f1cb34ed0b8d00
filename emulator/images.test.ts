import { createHash, randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DEMO_ACCOUNT_EMAIL, DEMO_CHANNEL_ID, DEMO_UPLOADS_PLAYLIST_ID, DEMO_VIDEO_IDS } from "./demo-world.ts";
import { TEST_API_KEY, itemsOf, useTestEmulator } from "./test-support.ts";

type Thumbnails = Record<string, { url: string; width: number; height: number }>;

const ids = [DEMO_VIDEO_IDS.resolveShort, DEMO_VIDEO_IDS.blenderProduct, DEMO_VIDEO_IDS.liveNow];

function thumbnailsOf(item: Record<string, unknown>): Thumbnails {
  return (item.snippet as { thumbnails: Thumbnails }).thumbnails;
}

async function fetchImage(url: string): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(url);
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

describe("images hosted by the emulator (offline demo)", () => {
  const emu = useTestEmulator({ worldSize: 20, apiKeys: [TEST_API_KEY], images: "emulator", expectResetOk: true });

  it("points videos.list and playlistItems.list thumbnails at the emulator, sizes and keys unchanged", async () => {
    const videos = await emu.api("videos", { part: "snippet", id: ids.join(",") });
    const items = itemsOf(videos.body);
    expect(items).toHaveLength(3);
    for (const item of items) {
      const thumbnails = thumbnailsOf(item);
      expect(Object.keys(thumbnails)).toEqual(expect.arrayContaining(["default", "medium", "high"]));
      expect(thumbnails.high).toMatchObject({ width: 480, height: 360 });
      for (const { url } of Object.values(thumbnails))
        expect(url.startsWith(`${emu.emulator.url}/thumbnails/vi/${String(item.id)}/`)).toBe(true);
    }
    expect(thumbnailsOf(items.find((item) => item.id === DEMO_VIDEO_IDS.liveNow)!).high!.url).toBe(
      `${emu.emulator.url}/thumbnails/vi/${DEMO_VIDEO_IDS.liveNow}/hqdefault_live.svg`,
    );

    const page = await emu.api("playlistItems", {
      part: "snippet",
      playlistId: DEMO_UPLOADS_PLAYLIST_ID,
      maxResults: "50",
    });
    const urls = itemsOf(page.body).flatMap((item) =>
      Object.values(thumbnailsOf(item)).map((thumbnail) => thumbnail.url),
    );
    expect(urls.length).toBeGreaterThan(10);
    expect(urls.filter((url) => !url.startsWith(`${emu.emulator.url}/thumbnails/`))).toEqual([]);
  });

  it("serves each thumbnail as an SVG in the video's own colours, with its title", async () => {
    const videos = await emu.api("videos", { part: "snippet", id: ids.slice(0, 2).join(",") });
    const images = [];
    for (const item of itemsOf(videos.body)) {
      const image = await fetchImage(thumbnailsOf(item).medium!.url);
      expect(image.status).toBe(200);
      expect(image.type).toBe("image/svg+xml");
      expect(image.text).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="320" height="180"/);
      expect(image.text).toContain(String((item.snippet as { title: string }).title).split(" ")[0]);
      images.push(image.text);
    }
    const colours = images.map((text) => /stop-color="(hsl\([^"]+\))"/.exec(text)?.[1]);
    expect(colours[0]).toBeDefined();
    expect(colours[0]).not.toBe(colours[1]);
    // The same video gets the same picture every time.
    expect((await fetchImage(thumbnailsOf(itemsOf(videos.body)[0]!).medium!.url)).text).toBe(images[0]);
  });

  it("points channel avatars, the feed and the account picture at the emulator too", async () => {
    const channels = await emu.api("channels", { part: "snippet", id: DEMO_CHANNEL_ID });
    const avatar = thumbnailsOf(itemsOf(channels.body)[0]!).default!.url;
    expect(avatar).toMatch(new RegExp(`^${emu.emulator.url}/thumbnails/avatar/[A-Za-z0-9_-]+/88\\.svg$`));
    expect(await fetchImage(avatar)).toMatchObject({ status: 200, type: "image/svg+xml" });

    const feed = await (await fetch(`${emu.emulator.url}/feeds/videos.xml?channel_id=${DEMO_CHANNEL_ID}`)).text();
    expect(feed).toContain(`<media:thumbnail url="${emu.emulator.url}/thumbnails/vi/`);
    expect(feed).not.toMatch(/ytimg\.com|ggpht\.com/);

    // Sign in as the demo account: the id token's and userinfo's picture are the emulator's as well.
    await emu.control.post("/oauth/settings", { autoConsent: "allow", autoAccount: DEMO_ACCOUNT_EMAIL });
    const verifier = randomBytes(32).toString("base64url");
    const authorize = new URL("/o/oauth2/v2/auth", emu.emulator.url);
    authorize.search = new URLSearchParams({
      client_id: "images-client",
      redirect_uri: "http://127.0.0.1:3000/callback",
      response_type: "code",
      scope: "openid email profile",
      code_challenge: createHash("sha256").update(verifier).digest("base64url"),
      code_challenge_method: "S256",
    }).toString();
    const redirect = await fetch(authorize, { redirect: "manual" });
    const code = new URL(redirect.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const tokens = (await (
      await fetch(`${emu.emulator.url}/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          code,
          redirect_uri: "http://127.0.0.1:3000/callback",
          code_verifier: verifier,
          client_id: "images-client",
          client_secret: "s",
        }).toString(),
      })
    ).json()) as { access_token: string; id_token: string };
    const claims = JSON.parse(Buffer.from(tokens.id_token.split(".")[1] ?? "", "base64url").toString("utf8")) as {
      picture: string;
    };
    expect(claims.picture).toMatch(new RegExp(`^${emu.emulator.url}/thumbnails/avatar/[A-Za-z0-9_-]+/96\\.svg$`));
    const userinfo = (await (
      await fetch(`${emu.emulator.url}/v1/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } })
    ).json()) as { picture: string };
    expect(userinfo.picture).toBe(claims.picture);
    expect(await fetchImage(claims.picture)).toMatchObject({ status: 200, type: "image/svg+xml" });
  });

  it("404s what Google's image hosts would not have", async () => {
    for (const path of [
      "/thumbnails/vi/demo03RsvSA/huge.svg",
      "/thumbnails/vi/short/hqdefault.svg",
      "/thumbnails/vi/demo03RsvSA/hqdefault.jpg",
      "/thumbnails/avatar/abc/0.svg",
      "/thumbnails/avatar/abc/99999.svg",
      "/thumbnails/avatar/a%20b/88.svg",
    ]) {
      expect((await fetchImage(`${emu.emulator.url}${path}`)).status, path).toBe(404);
    }
  });

  it("can be switched back to Google's hosts through the control API until the next reset", async () => {
    expect((await emu.control.post("/replies", { images: "google" })).body).toMatchObject({ images: "google" });
    const videos = await emu.api("videos", { part: "snippet", id: ids[0]! });
    expect(thumbnailsOf(itemsOf(videos.body)[0]!).high!.url).toBe(`https://i.ytimg.com/vi/${ids[0]!}/hqdefault.jpg`);
    await emu.control.post("/reset", {});
    expect((await emu.control.get("/replies")).body).toMatchObject({ images: "emulator" });
  });
});

describe("images by default", () => {
  const emu = useTestEmulator({ worldSize: 20, apiKeys: [TEST_API_KEY] });

  it("stay on Google's hosts, as Google sends them", async () => {
    const videos = await emu.api("videos", { part: "snippet", id: ids.join(",") });
    const urls = itemsOf(videos.body).flatMap((item) =>
      Object.values(thumbnailsOf(item)).map((thumbnail) => thumbnail.url),
    );
    expect(urls.length).toBeGreaterThan(6);
    for (const url of urls) expect(url).toMatch(/^https:\/\/i\.ytimg\.com\/vi\//);
    const channels = await emu.api("channels", { part: "snippet", id: DEMO_CHANNEL_ID });
    expect(thumbnailsOf(itemsOf(channels.body)[0]!).default!.url).toMatch(/^https:\/\/yt3\.ggpht\.com\//);
  });
});
