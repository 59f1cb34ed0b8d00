// What YouTube's API policies ask of the screens (docs/operations.md, "YouTube API policy compliance"): the
// terms and privacy policy exist and are linked from every footer, sign-up and Connect YouTube; Settings
// links Google's permissions page beside Disconnect; Showreel's tags are labelled as Showreel's, and
// YouTube's figures carry YouTube's name.
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signUp } from "./fixtures/accounts";
import { setUpCreator } from "./fixtures/creator";
import { captureScreens } from "./fixtures/page-checks";

const YOUTUBE_TERMS = "https://www.youtube.com/t/terms";
const GOOGLE_PRIVACY = "http://www.google.com/policies/privacy";
const GOOGLE_PERMISSIONS = "https://myaccount.google.com/permissions";

/** A link that leaves Showreel: its address, a new tab, and no window.opener for the page it opens. */
async function expectLinkOut(link: Locator, href: string): Promise<void> {
  await expect(link).toHaveAttribute("href", href);
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("rel", /\bnoopener\b/);
}

/** The notice every Connect YouTube button carries. */
async function expectConnectNotice(area: Locator): Promise<void> {
  await expect(area.getByText("By connecting YouTube you agree to the", { exact: false })).toBeVisible();
  await expectLinkOut(area.getByRole("link", { name: /^YouTube Terms of Service/ }), YOUTUBE_TERMS);
  await expectLinkOut(area.getByRole("link", { name: /^Google Privacy Policy/ }), GOOGLE_PRIVACY);
  await expect(area.getByRole("link", { name: "Showreel's Privacy Policy" })).toHaveAttribute("href", "/privacy");
}

async function expectFooterLinks(page: Page): Promise<void> {
  const footer = page.getByRole("navigation", { name: "Footer" });
  await expect(footer.getByRole("link", { name: "Terms", exact: true })).toHaveAttribute("href", "/terms");
  await expect(footer.getByRole("link", { name: "Privacy", exact: true })).toHaveAttribute("href", "/privacy");
}

test("/terms and /privacy render and are linked from every footer, sign-up and Connect YouTube", async ({ page }) => {
  for (const path of ["/", "/sign-in", "/u/demo"]) {
    await page.goto(path);
    await expectFooterLinks(page);
  }

  await page.goto("/sign-up");
  const agreement = page.getByText("By creating an account you agree to the Terms and Privacy Policy.");
  await expect(agreement).toBeVisible();
  await agreement.getByRole("link", { name: "Terms" }).click();
  await expect(page).toHaveURL(/\/terms$/);
  await expect(page.getByRole("heading", { level: 1, name: "Terms of Service" })).toBeVisible();
  await expect(
    page.getByText(/^By using Showreel's YouTube features, you agree to be bound by the YouTube Terms of Service/),
  ).toBeVisible();
  await expectLinkOut(
    page
      .locator("#main")
      .getByRole("link", { name: /^YouTube Terms of Service/ })
      .first(),
    YOUTUBE_TERMS,
  );

  await page.goto("/sign-up");
  await page
    .getByText("By creating an account you agree to the Terms and Privacy Policy.")
    .getByRole("link", { name: "Privacy Policy" })
    .click();
  await expect(page).toHaveURL(/\/privacy$/);
  await expect(page.getByRole("heading", { level: 1, name: "Privacy Policy" })).toBeVisible();
  const main = page.locator("#main");
  await expect(main.getByText("Showreel uses YouTube API Services", { exact: false }).first()).toBeVisible();
  await expectLinkOut(main.getByRole("link", { name: /^Google Privacy Policy/ }).first(), GOOGLE_PRIVACY);
  await expectLinkOut(main.getByRole("link", { name: /^myaccount\.google\.com\/permissions/ }), GOOGLE_PERMISSIONS);
  const retention = main.getByRole("table", { name: "How long Showreel keeps each kind of data" });
  await expect(retention.getByRole("row", { name: /^Notifications/ })).toContainText(
    "read ones 90 days; of unread ones, the newest 200",
  );
  await expect(retention.getByRole("row", { name: /^YouTube data of your projects/ })).toContainText(
    "refreshed from YouTube or deleted within 30 days",
  );
  await expect(main.getByRole("link", { name: "privacy@showreel.example" })).toHaveAttribute(
    "href",
    "mailto:privacy@showreel.example",
  );

  // A new account lands on Settings, where connecting starts; the dashboard offers it too.
  await signUp(page, "Legal Reader");
  const connection = page.getByRole("region", { name: "YouTube connection" });
  await expect(connection.getByRole("link", { name: "Connect YouTube" })).toBeVisible();
  await expectConnectNotice(connection);
  await captureScreens(page, "connect-youtube");
  await page.goto("/dashboard");
  await expectConnectNotice(page.getByRole("region", { name: "YouTube connection" }));
  await expectFooterLinks(page);
});

test("Settings links Google's permissions page beside Disconnect, and Showreel's tags say they are Showreel's", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const creator = await setUpCreator(page);

  await page.goto("/settings");
  const connection = page.getByRole("region", { name: "YouTube connection" });
  const manage = connection.getByRole("link", { name: /^Manage access at Google/ });
  await expectLinkOut(manage, GOOGLE_PERMISSIONS);
  await expect(manage).toHaveAccessibleDescription(/take Showreel's access away on Google's side/);
  // Beside Disconnect: the two actions share one row.
  await expect(manage.locator("xpath=..").getByRole("button", { name: "Disconnect" })).toBeVisible();

  // The project cards: the AI's tags under Showreel's name, YouTube's count under YouTube's.
  await page.goto("/projects");
  await expect(page.getByText("AI tagged")).toHaveCount(4, { timeout: 30_000 });
  await page.reload();
  const card = page
    .getByRole("list", { name: "Projects" })
    .getByRole("listitem")
    .filter({ hasText: creator.projectTitle });
  await expect(card.getByText("Showreel analysis, not from YouTube")).toBeVisible();
  await expect(card.getByRole("list", { name: "Tools found by Showreel" })).toBeVisible();
  await expect(card.getByText(/YouTube views?$/)).toBeVisible();

  // The project page: its own sections for each.
  await page.goto(`/projects/${creator.projectId}`);
  const tags = page.getByRole("region", { name: "Showreel analysis" });
  await expect(tags.getByText("Showreel's own analysis, not data from YouTube", { exact: false })).toBeVisible();
  await expect(tags.getByRole("list", { name: "Tools" })).toBeVisible();
  const facts = page.getByRole("region", { name: "From YouTube" });
  await expect(facts.getByRole("term").filter({ hasText: "YouTube views" })).toBeVisible();

  // The public portfolio: cards and filters alike.
  await page.goto(`/u/${creator.handle}`);
  await expect(
    page.getByRole("navigation", { name: "Filter projects" }).getByText("Showreel analysis, not from YouTube"),
  ).toBeVisible();
  const portfolioCard = page
    .getByRole("list", { name: "Projects" })
    .getByRole("listitem")
    .filter({ hasText: creator.projectTitle });
  await expect(portfolioCard.getByText("Showreel analysis, not from YouTube")).toBeVisible();
  await expect(portfolioCard.getByRole("list", { name: "Tools found by Showreel" })).toBeVisible();
  await expect(portfolioCard.getByText(/YouTube views?$/)).toBeVisible();
});
