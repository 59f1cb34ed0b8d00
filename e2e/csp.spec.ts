// The content security policy every page runs under (src/proxy.ts, src/server/content-security-policy.ts):
// scripts only with a nonce made for that response — no 'unsafe-inline' — on every page of the product
// (fixtures/site-pages.ts, the list pages.spec.ts walks, plus /ops as an admin); every script in the
// server's HTML carries it; the browser reports no violation while the page loads, hydrates, answers a
// click and navigates on the client. API routes and static chunks are left to next.config.ts's nonce-less
// policy: the proxy does not run for them.
import { expect, test, type APIResponse, type Page, type Response } from "@playwright/test";
import { setUpCreator } from "./fixtures/creator";
import { sql } from "./fixtures/database";
import { VIEWPORTS } from "./fixtures/page-checks";
import { publicPages, signedInPages, type SitePage } from "./fixtures/site-pages";

type Violation = { page: string; directive: string; blocked: string; source: string; sample: string };

/** Collects every `securitypolicyviolation` the page's documents fire, from before their first script runs. */
async function watchViolations(page: Page): Promise<Violation[]> {
  const violations: Violation[] = [];
  await page.exposeFunction("reportCspViolation", (violation: Violation) => violations.push(violation));
  // Playwright injects init scripts over the DevTools protocol, so the policy does not apply to this one.
  await page.addInitScript(() => {
    document.addEventListener(
      "securitypolicyviolation",
      (event) => {
        const report = (window as unknown as { reportCspViolation: (violation: unknown) => void }).reportCspViolation;
        void report({
          page: event.documentURI,
          directive: event.effectiveDirective,
          blocked: event.blockedURI,
          source: `${event.sourceFile}:${event.lineNumber}`,
          sample: event.sample,
        });
      },
      true,
    );
  });
  return violations;
}

/** The one Content-Security-Policy header of a response (two would both be enforced). */
async function policyOf(response: Response | APIResponse): Promise<string> {
  const policies = (await response.headersArray()).filter(
    (header) => header.name.toLowerCase() === "content-security-policy",
  );
  expect(policies, `${response.url()}: one Content-Security-Policy header`).toHaveLength(1);
  return policies[0]!.value;
}

function scriptSourcesOf(policy: string): string[] {
  const directive = policy
    .split(";")
    .map((entry) => entry.trim().split(/\s+/))
    .find(([name]) => name === "script-src");
  expect(directive, `script-src in ${policy}`).toBeDefined();
  return directive!.slice(1);
}

/** A page's policy: its nonce, after checking that scripts need it and nothing inline runs without it. */
function nonceOf(policy: string, label: string): string {
  const sources = scriptSourcesOf(policy);
  expect(sources, `${label}: script-src`).not.toContain("'unsafe-inline'");
  expect(sources, `${label}: script-src`).not.toContain("'unsafe-eval'");
  expect(sources, `${label}: script-src`).toContain("'strict-dynamic'");
  const nonces = sources.filter((source) => source.startsWith("'nonce-"));
  expect(nonces, `${label}: one nonce in script-src`).toHaveLength(1);
  const nonce = /^'nonce-([A-Za-z0-9+/]{22}==)'$/.exec(nonces[0]!)?.[1];
  expect(nonce, `${label}: a 128-bit base64 nonce`).toBeDefined();
  return nonce!;
}

/**
 * Loads a page as a visitor does and checks its policy, the nonce on every script of its HTML, that the
 * same address answers with another nonce next time, and that it hydrated: the header's menu button
 * (shown at phone width on every page) opens when clicked. Returns the nonce it was served with.
 */
async function checkPage(page: Page, { path, status = 200 }: SitePage): Promise<string> {
  const response = await page.goto(path);
  expect(response, path).not.toBeNull();
  expect(response!.status(), `${path}: status`).toBe(status);
  const nonce = nonceOf(await policyOf(response!), path);

  const html = await response!.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length, `${path}: scripts in the HTML`).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag, `${path}: every script carries the nonce`).toContain(`nonce="${nonce}"`);

  const again = await page.request.get(path, { maxRedirects: 0 });
  expect(nonceOf(await policyOf(again), `${path} again`), `${path}: a new nonce per response`).not.toBe(nonce);

  const menu = page.getByRole("button", { name: "Menu", exact: true });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(menu, `${path}: hydrated (the menu button answers a click)`).toHaveAttribute("aria-expanded", "true");
  await menu.click();
  return nonce;
}

test("every page runs under a nonce-based CSP without 'unsafe-inline' for scripts, hydrates, and reports no violation", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  const creator = await setUpCreator(page);
  await page.setViewportSize(VIEWPORTS.mobile);
  const violations = await watchViolations(page);
  const nonces: string[] = [];

  for (const sitePage of signedInPages(creator))
    await test.step(sitePage.path, async () => void nonces.push(await checkPage(page, sitePage)));
  await test.step("/ops as an admin", async () => {
    await sql(`UPDATE "User" SET role = 'admin' WHERE handle = $1`, [creator.handle]);
    nonces.push(await checkPage(page, { path: "/ops", name: "ops" }));
  });

  // A navigation on the client (an RSC fetch, and the chunks of the page it opens) runs under the first
  // page's policy: the document is not reloaded, so a marker set on the window survives.
  await test.step("client-side navigation", async () => {
    await page.goto("/dashboard");
    await page.evaluate(() => Object.assign(window, { cspMarker: "kept" }));
    await page.getByRole("button", { name: "Menu", exact: true }).click();
    await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Projects" }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { cspMarker?: string }).cspMarker)).toBe("kept");
  });

  const visitor = await browser.newPage({ viewport: VIEWPORTS.mobile });
  const visitorViolations = await watchViolations(visitor);
  for (const sitePage of publicPages(creator))
    await test.step(sitePage.path, async () => void nonces.push(await checkPage(visitor, sitePage)));
  await visitor.context().close();

  expect(new Set(nonces).size, "every response its own nonce").toBe(nonces.length);
  expect([...violations, ...visitorViolations]).toEqual([]);
});

test("API routes and static chunks get the nonce-less policy from next.config.ts: the proxy does not run for them", async ({
  request,
}) => {
  const landing = await request.get("/");
  const chunk = /<script[^>]*\ssrc="(\/_next\/static\/[^"]+\.js)"/.exec(await landing.text())?.[1];
  expect(chunk, "a static chunk named by the landing page").toBeDefined();
  for (const route of ["/api/health", "/api/trpc/system.health", chunk!]) {
    const response = await request.get(route);
    expect(response.status(), route).toBe(200);
    const policy = await policyOf(response);
    expect(scriptSourcesOf(policy), route).toEqual(["'self'"]);
    expect(policy, route).toContain("frame-ancestors 'none'");
  }
});
