import type { Metadata } from "next";
import { LegalLink, LegalList, LegalPage, LegalSection } from "~/components/legal/legal-page";
import { GOOGLE_PRIVACY_POLICY_URL, PRIVACY_PATH, YOUTUBE_TERMS_URL } from "~/components/legal/legal-links";
import { ExternalLink } from "~/components/project-detail/external-link";

export const metadata: Metadata = {
  title: "Terms of Service",
  description: "The terms for using Showreel, including YouTube's Terms of Service for its YouTube features.",
};

const SECTIONS = {
  agreement: { id: "agreement", title: "Agreeing to these terms" },
  youtube: { id: "youtube", title: "YouTube's terms" },
  content: { id: "your-content", title: "Your portfolio and your content" },
  analysis: { id: "showreel-analysis", title: "Showreel's analysis" },
  use: { id: "fair-use", title: "Using Showreel fairly" },
  ending: { id: "ending", title: "Leaving, and ending an account" },
  warranty: { id: "no-warranty", title: "No warranty" },
  changes: { id: "changes", title: "Changes to these terms" },
} as const;

/**
 * Showreel's terms of use. YouTube API Services Developer Policies III.A.1: a link to YouTube's Terms of
 * Service, and the statement that using the YouTube features means agreeing to them. Static: no data.
 */
export default function TermsPage() {
  return (
    <LegalPage
      title="Terms of Service"
      summary={
        <p>
          Showreel turns your YouTube videos into a portfolio. Using Showreel means agreeing to these terms and, for
          everything that touches YouTube, to YouTube&apos;s own Terms of Service.
        </p>
      }
      sections={Object.values(SECTIONS)}
    >
      <LegalSection section={SECTIONS.agreement}>
        <p>
          By creating an account, signing in, or using any part of Showreel, you agree to these terms and to how the{" "}
          <LegalLink href={PRIVACY_PATH}>Privacy Policy</LegalLink> says Showreel handles your data. If you do not
          agree, please do not use Showreel.
        </p>
      </LegalSection>

      <LegalSection section={SECTIONS.youtube}>
        <p>
          Showreel uses YouTube API Services. Its YouTube features — connecting your YouTube channel, My Videos,
          importing videos, following channels, and the YouTube player on portfolio pages — work through them.{" "}
          <strong className="font-semibold">
            By using Showreel&apos;s YouTube features, you agree to be bound by the{" "}
            <ExternalLink href={YOUTUBE_TERMS_URL}>YouTube Terms of Service</ExternalLink>.
          </strong>
        </p>
        <p>
          Google handles your Google account and what YouTube collects under the{" "}
          <ExternalLink href={GOOGLE_PRIVACY_POLICY_URL}>Google Privacy Policy</ExternalLink>. Showreel is not made,
          endorsed or sponsored by YouTube or Google.
        </p>
      </LegalSection>

      <LegalSection section={SECTIONS.content}>
        <LegalList>
          <li>
            Import only videos you have the right to show. The videos stay on YouTube; Showreel shows them with
            YouTube&apos;s player and links back to them.
          </li>
          <li>
            Projects you make public appear on your portfolio page, which anyone with its address can see. Private and
            unlisted projects are shown to you only.
          </li>
          <li>You are responsible for the titles, descriptions and tags you write on Showreel.</li>
        </LegalList>
      </LegalSection>

      <LegalSection section={SECTIONS.analysis}>
        <p>
          The tools, categories and topics on a project are Showreel&apos;s analysis of the video&apos;s title and
          description, made by an AI model or by Showreel&apos;s own catalog matcher. They are not from YouTube, they
          can be wrong, and you can edit or remove them. Views, likes and comments are shown as YouTube reports them.
        </p>
      </LegalSection>

      <LegalSection section={SECTIONS.use}>
        <LegalList>
          <li>
            Don&apos;t try to get around Showreel&apos;s limits (imports, syncs and API requests have rate limits that
            keep YouTube&apos;s quota shared fairly).
          </li>
          <li>Keep your personal access tokens to yourself; they act as you.</li>
          <li>Don&apos;t use Showreel to harass anyone, to break the law, or to break YouTube&apos;s terms.</li>
        </LegalList>
      </LegalSection>

      <LegalSection section={SECTIONS.ending}>
        <p>
          You can disconnect YouTube or delete your account at any time in{" "}
          <LegalLink href="/settings">Settings</LegalLink>; the{" "}
          <LegalLink href={`${PRIVACY_PATH}#deleting`}>Privacy Policy</LegalLink> says what is deleted and when.
          Showreel may suspend an account that breaks these terms.
        </p>
      </LegalSection>

      <LegalSection section={SECTIONS.warranty}>
        <p>
          Showreel is provided as is. It depends on YouTube and Google, whose services can change or stop; imports,
          syncs and figures may be delayed or unavailable at times.
        </p>
      </LegalSection>

      <LegalSection section={SECTIONS.changes}>
        <p>
          When these terms change, the date at the top changes with them. If Showreel starts to use your data in a way
          the Privacy Policy does not cover, it asks you to agree again first.
        </p>
      </LegalSection>
    </LegalPage>
  );
}
