/**
 * Security over HTTP against the production build (`next start`): response headers on pages and APIs, a
 * CSP the app actually runs under (no violations while signing up and visiting the signed-in pages),
 * cross-site requests refused (CSRF), redirects that never leave the site, hostile tRPC requests answered
 * 4xx, and no secret in anything the client is sent (the built static JS/CSS and prerendered pages).
 */
import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { signUpOverApi } from "./fixtures/accounts";
import { emulatorEnv } from "../scripts/dev/emulator-env";
import { DEV_AUTH_SECRET } from "../src/env";

const EVIL_ORIGIN = "https://evil.example";
const PASSWORD = "correct horse battery staple";

test("every response carries the security headers", async ({ request }) => {
  for (const route of [
    "/",
    "/sign-in",
    "/dashboard",
    "/u/nobody-here",
    "/api/health",
    "/api/live",
    "/api/trpc/system.health",
    "/does-not-exist",
  ]) {
    const response = await request.get(route, { maxRedirects: 0 });
    const headers = response.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, route).toContain("frame-ancestors 'none'");
    expect(csp, route).toContain("object-src 'none'");
    expect(csp, route).toContain("base-uri 'self'");
    expect(csp, route).not.toContain("unsafe-eval");
    expect(headers["x-frame-options"], route).toBe("DENY");
    expect(headers["x-content-type-options"], route).toBe("nosniff");
    expect(headers["referrer-policy"], route).toBe("strict-origin-when-cross-origin");
    expect(headers["strict-transport-security"], route).toMatch(/^max-age=\d{8}/);
    expect(headers["x-powered-by"], route).toBeUndefined();
  }
});

test("the app runs under its CSP: no violations on the public pages and every signed-in page", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (load|execute|evaluate|frame|connect|apply)/i.test(message.text()))
      violations.push(message.text());
  });
  for (const route of ["/", "/sign-in", "/sign-up", "/u/demo", "/status"]) {
    await page.goto(route);
    await expect(page.locator("main")).toBeVisible();
  }
  const { cookie } = await signUpOverApi(request, baseURL!, "Security");
  const host = new URL(baseURL!).hostname;
  await page.context().addCookies(
    cookie.split("; ").map((pair) => {
      const [name, ...value] = pair.split("=");
      return { name: name!, value: value.join("="), domain: host, path: "/" };
    }),
  );
  for (const route of ["/dashboard", "/import", "/projects", "/sources", "/videos", "/notifications", "/settings"]) {
    await page.goto(route);
    await expect(page.locator("main")).toBeVisible();
  }
  // Hydrated and interactive under the policy: a client-side navigation works.
  await page.getByRole("link", { name: "Projects" }).first().click();
  await expect(page).toHaveURL(/\/projects/, { timeout: 30_000 });
  expect(violations).toEqual([]);
});

test("a cross-site POST is refused: tRPC mutations and Better Auth endpoints check Origin", async ({
  request,
  baseURL,
}) => {
  const { cookie } = await signUpOverApi(request, baseURL!, "Security");
  const createToken = (origin: string | undefined) =>
    request.post("/api/trpc/accessTokens.create", {
      data: { json: { name: "csrf" } },
      headers: { cookie, "content-type": "application/json", ...(origin ? { origin } : {}) },
    });
  expect((await createToken(EVIL_ORIGIN)).status()).toBe(403);
  expect((await createToken("null")).status()).toBe(403);
  // A form post (text/plain needs no preflight) from another site, carrying the cookie: still refused.
  const formPost = await request.post("/api/trpc/accessTokens.create", {
    data: JSON.stringify({ json: { name: "csrf" } }),
    headers: { cookie, "content-type": "text/plain", origin: EVIL_ORIGIN },
  });
  expect(formPost.status()).toBe(403);
  expect((await createToken(baseURL!)).status()).toBe(200);
  // Scripts with a personal access token send no Origin and are served.
  expect((await createToken(undefined)).status()).toBe(200);

  const signIn = await request.post("/api/auth/sign-in/email", {
    data: { email: "nobody@test.showreel.local", password: PASSWORD },
    headers: { origin: EVIL_ORIGIN },
  });
  expect(signIn.status()).toBe(403);
  const signOut = await request.post("/api/auth/sign-out", { data: {}, headers: { cookie, origin: EVIL_ORIGIN } });
  expect(signOut.status()).toBe(403);
});

test("the session cookie is HttpOnly and SameSite=Lax", async ({ request, baseURL }) => {
  const response = await request.post("/api/auth/sign-up/email", {
    data: { email: `e2e-${randomUUID()}@test.showreel.local`, password: PASSWORD, name: "Cookie" },
    headers: { origin: baseURL! },
  });
  const sessionCookie = response
    .headersArray()
    .find((header) => header.name.toLowerCase() === "set-cookie" && header.value.includes("session_token="));
  expect(sessionCookie?.value).toMatch(/HttpOnly/i);
  expect(sessionCookie?.value).toMatch(/SameSite=Lax/i);
});

test("redirects never leave the site: sign-in callbackURL, ?next=, and the YouTube callback", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // Better Auth allows 3 social sign-ins per 10 s per client, so three spellings.
  for (const callbackURL of [EVIL_ORIGIN, "//evil.example", "https://127.0.0.1.evil.example/"]) {
    const social = await request.post("/api/auth/sign-in/social", {
      data: { provider: "google", callbackURL },
      headers: { origin: baseURL! },
    });
    expect(social.status(), callbackURL).toBe(403);
  }
  const { cookie } = await signUpOverApi(request, baseURL!, "Security");
  const callback = await request.get(
    `/api/youtube/callback?code=x&state=y&redirect_uri=${encodeURIComponent(EVIL_ORIGIN)}&next=${encodeURIComponent(EVIL_ORIGIN)}`,
    {
      headers: { cookie },
      maxRedirects: 0,
    },
  );
  expect(callback.status()).toBe(307);
  expect(new URL(callback.headers().location!).origin).toBe(new URL(baseURL!).origin);
  expect(callback.headers().location).toContain("youtube_error=state_mismatch");

  // After signing in with a crafted ?next=, the browser stays on this site.
  const email = `e2e-${randomUUID()}@test.showreel.local`;
  await request.post("/api/auth/sign-up/email", {
    data: { email, password: PASSWORD, name: "Victim" },
    headers: { origin: baseURL! },
  });
  await page.goto(`/sign-in?next=${encodeURIComponent("/.//evil.example/steal")}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"), { timeout: 45_000 });
  expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
});

test("hostile tRPC requests over HTTP get a 4xx, never a 500", async ({ request, baseURL }) => {
  const { cookie } = await signUpOverApi(request, baseURL!, "Security");
  const headers = { cookie, origin: baseURL!, "content-type": "application/json" };
  const attempts: [string, () => ReturnType<APIRequestContext["post"]>][] = [
    ["malformed JSON", () => request.post("/api/trpc/accessTokens.create", { data: "{not json", headers })],
    [
      "superjson meta lies",
      () =>
        request.post("/api/trpc/accessTokens.create", {
          data: { json: { name: "x" }, meta: { values: { name: ["bigint"] } } },
          headers,
        }),
    ],
    [
      "NUL in a string",
      () => request.post("/api/trpc/accessTokens.create", { data: { json: { name: "a\u0000b" } }, headers }),
    ],
    [
      "prototype keys",
      () =>
        request.post("/api/trpc/projects.update", {
          data: JSON.parse('{"json":{"__proto__":{"id":"x"},"constructor":{"prototype":{}}}}') as unknown,
          headers,
        }),
    ],
    [
      "5 MB body",
      () =>
        request.post("/api/trpc/accessTokens.create", {
          data: { json: { name: "x".repeat(5 * 1024 * 1024) } },
          headers,
        }),
    ],
    [
      "batch of 500",
      () =>
        request.post(`/api/trpc/${Array.from({ length: 500 }, () => "accessTokens.create").join(",")}?batch=1`, {
          data: Object.fromEntries(Array.from({ length: 500 }, (_, index) => [index, { json: { name: "" } }])),
          headers,
        }),
    ],
    ["mutation over GET", () => request.get("/api/trpc/accessTokens.create?input=%7B%7D", { headers })],
    ["garbage ?input", () => request.get("/api/trpc/projects.list?input=%%%", { headers })],
    ["unknown procedure", () => request.post("/api/trpc/nothing.here", { data: {}, headers })],
  ] as never;
  const statuses: string[] = [];
  for (const [label, send] of attempts) {
    // The 5 MB body is refused from its Content-Length before it is read; the server may then close the
    // connection while the client is still sending (RFC 9110 allows it after a 413), which the client
    // sees as EPIPE or ECONNRESET instead of the 413. Either way nothing was read and nothing failed.
    const response = await send().catch((error: Error) => {
      if (label === "5 MB body" && /EPIPE|ECONNRESET/.test(error.message)) return null;
      throw error;
    });
    if (!response) {
      statuses.push(`${label}=connection closed`);
      continue;
    }
    statuses.push(`${label}=${response.status()}`);
    expect(response.status(), label).toBeGreaterThanOrEqual(400);
    expect(response.status(), label).toBeLessThan(500);
    expect(await response.text(), label).not.toMatch(/at \S+ \(\/|node_modules/);
  }
  console.log(`[hostile] tRPC over HTTP: ${statuses.join(", ")}`);
});

/** Every file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

test("no secret reaches the client: the built JS, CSS and prerendered pages", async () => {
  const root = path.resolve(import.meta.dirname, "..");
  const server = emulatorEnv("http://127.0.0.1");
  const secrets = {
    BETTER_AUTH_SECRET: process.env.E2E_AUTH_SECRET,
    // The lane builds with no secrets set, as a build machine would: this is the one the build saw.
    "BETTER_AUTH_SECRET (the build's placeholder)": DEV_AUTH_SECRET,
    TOKEN_ENCRYPTION_KEY: process.env.E2E_TOKEN_ENCRYPTION_KEY,
    GOOGLE_CLIENT_SECRET: server.GOOGLE_CLIENT_SECRET,
    YOUTUBE_API_KEY: server.YOUTUBE_API_KEY,
    AI_API_KEY: server.AI_API_KEY,
  };
  for (const [name, value] of Object.entries(secrets)) expect(value, `${name} is known to the test`).toBeTruthy();
  const files = [
    ...(await filesUnder(path.join(root, ".next/static"))),
    ...(await filesUnder(path.join(root, ".next/server/app"))).filter((file) => /\.(html|rsc|body|meta)$/.test(file)),
  ];
  expect(files.length).toBeGreaterThan(20);
  let bytes = 0;
  for (const file of files) {
    const text = await readFile(file, "utf8");
    bytes += text.length;
    for (const [name, value] of Object.entries(secrets))
      expect(text.includes(value!), `${name} in ${path.relative(root, file)}`).toBe(false);
    expect(text, path.relative(root, file)).not.toMatch(/DATABASE_URL|postgres(ql)?:\/\/\w+:/);
  }
  console.log(
    `[hostile] client bundle: ${files.length} files, ${Math.round(bytes / 1024)} KB scanned for ${Object.keys(secrets).length} secrets and database URLs: 0 found`,
  );
});
