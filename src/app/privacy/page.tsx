import type { Metadata } from "next";
import { connection } from "next/server";
import { LegalLink, LegalList, LegalPage, LegalSection } from "~/components/legal/legal-page";
import {
  GOOGLE_PERMISSIONS_URL,
  GOOGLE_PRIVACY_POLICY_URL,
  LEGAL_LINK_CLASSES,
  TERMS_PATH,
  YOUTUBE_TERMS_URL,
} from "~/components/legal/legal-links";
import { ExternalLink } from "~/components/project-detail/external-link";
import { env } from "~/env";
import { ACCOUNT_DELETION_NOTE, RETENTION, RETENTION_ROWS } from "./retention";

export const metadata: Metadata = {
  title: "Privacy Policy",
  description:
    "What Showreel stores about you, how long it keeps it, who it shares it with, and how to have it deleted.",
};

const SECTIONS = {
  overview: { id: "overview", title: "Showreel and YouTube API Services" },
  stored: { id: "what-we-store", title: "What Showreel stores" },
  use: { id: "how-it-is-used", title: "How it is used and shared" },
  cookies: { id: "cookies", title: "Cookies and your device" },
  retention: { id: "retention", title: "How long it is kept" },
  deleting: { id: "deleting", title: "Having your data deleted" },
  revoking: { id: "revoking", title: "Revoking access at Google" },
  security: { id: "security", title: "Security" },
  contact: { id: "contact", title: "Questions and complaints" },
} as const;

/**
 * Showreel's privacy policy, written to YouTube API Services Developer Policies III.A.2 (b–i, clause by
 * clause in docs/operations.md, "YouTube API policy compliance"). Rendered per request only to print this
 * server's contact address (PRIVACY_CONTACT_EMAIL); it reads nothing else.
 */
export default async function PrivacyPage() {
  await connection();
  const contact = env.PRIVACY_CONTACT_EMAIL;
  return (
    <LegalPage
      title="Privacy Policy"
      summary={
        <p>
          Showreel keeps what it needs to build your portfolio from your YouTube videos, keeps YouTube&apos;s data fresh
          or deletes it, never sells anything, and deletes it all when you ask.
        </p>
      }
      sections={Object.values(SECTIONS)}
    >
      <LegalSection section={SECTIONS.overview}>
        <p>
          Showreel uses YouTube API Services to read your channel, your uploads and the videos you import. Google&apos;s
          handling of your Google account and of what YouTube collects is governed by the{" "}
          <ExternalLink href={GOOGLE_PRIVACY_POLICY_URL}>Google Privacy Policy</ExternalLink>. Using Showreel&apos;s
          YouTube features also means agreeing to the{" "}
          <ExternalLink href={YOUTUBE_TERMS_URL}>YouTube Terms of Service</ExternalLink> (see our{" "}
          <LegalLink href={TERMS_PATH}>Terms</LegalLink>).
        </p>
        <p>
          When you connect YouTube, Showreel asks Google for read-only access to your YouTube account (
          <code className="rounded bg-surface-muted px-1 py-0.5 font-mono text-sm">youtube.readonly</code>). It never
          posts, edits or deletes anything on YouTube.
        </p>
      </LegalSection>

      <LegalSection section={SECTIONS.stored}>
        <LegalList>
          <li>
            <strong className="font-semibold">Your account:</strong> name, email address, password (as a one-way hash;
            none if you sign in with Google), your portfolio address and time zone. Signing in with Google also stores
            Google&apos;s account id and sign-in tokens, encrypted.
          </li>
          <li>
            <strong className="font-semibold">Sign-in sessions:</strong> a session token, and the IP address and browser
            each session signed in from.
          </li>
          <li>
            <strong className="font-semibold">Your YouTube connection:</strong> your Google account id, your
            channel&apos;s id, title and handle, the access you granted, and Google&apos;s OAuth access and refresh
            tokens, encrypted.
          </li>
          <li>
            <strong className="font-semibold">Projects:</strong> for each video you import, YouTube&apos;s data about it
            (title, description, thumbnail address, length, publish date, channel, views, likes, comments, privacy and
            availability), your own edits and portfolio settings, and Showreel&apos;s analysis — the tools, categories
            and topics it found.
          </li>
          <li>
            <strong className="font-semibold">Followed channels:</strong> which channels you follow, whether auto-sync
            is on, and how each sync went; Showreel also keeps each followed channel&apos;s public YouTube details
            (title, handle, uploads list).
          </li>
          <li>
            <strong className="font-semibold">History:</strong> your imports, the sync checks of channels you follow,
            notifications, how many YouTube API units your actions used each day, and counters of recent requests for
            rate limits.
          </li>
          <li>
            <strong className="font-semibold">Personal access tokens:</strong> the name, first characters and a one-way
            hash of each token you create (never the token itself), and when it was last used.
          </li>
          <li>
            <strong className="font-semibold">Server logs:</strong> request and job records with your user id and what
            went wrong, kept as this server&apos;s operator keeps logs. Tokens and keys are removed before anything is
            logged.
          </li>
        </LegalList>
      </LegalSection>

      <LegalSection section={SECTIONS.use}>
        <LegalList>
          <li>
            Your data is used to run Showreel for you: to list your uploads, import videos, keep projects up to date and
            show your portfolio.
          </li>
          <li>
            Projects you make public, with your name and portfolio address, are visible to anyone on your portfolio
            page. Everything else is shown only to you.
          </li>
          <li>
            To find a project&apos;s tools, categories and topics, Showreel sends the video&apos;s title and the first{" "}
            1,000 characters of its description to the AI provider this server&apos;s operator configured (or analyses
            them itself when none is). Nothing else about you is sent.
          </li>
          <li>
            Google receives Showreel&apos;s requests to YouTube API Services, made with your access token when they read
            your channel.
          </li>
          <li>
            Showreel does not sell your data, share it with advertisers or data brokers, show ads, or let third parties
            serve content on its pages.
          </li>
        </LegalList>
      </LegalSection>

      <LegalSection section={SECTIONS.cookies}>
        <LegalList>
          <li>
            Showreel sets cookies only to keep you signed in (a session cookie and a short-lived signed copy of it) and,
            for ten minutes while you connect YouTube, an encrypted cookie that ties Google&apos;s answer to your
            request. No analytics or advertising cookies.
          </li>
          <li>
            Thumbnails load from YouTube&apos;s image servers, so your browser contacts Google when it shows them.
          </li>
          <li>
            The YouTube player loads only when you press Play, from YouTube&apos;s privacy-enhanced (no-cookie) domain.
            From then on YouTube may store or read information on your device, as the Google Privacy Policy describes.
          </li>
        </LegalList>
      </LegalSection>

      <LegalSection section={SECTIONS.retention}>
        <div className="overflow-x-auto rounded-card border border-border">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">How long Showreel keeps each kind of data</caption>
            <thead className="bg-surface-muted">
              <tr>
                <th scope="col" className="px-4 py-3 font-semibold">
                  Data
                </th>
                <th scope="col" className="px-4 py-3 font-semibold">
                  Kept
                </th>
              </tr>
            </thead>
            <tbody>
              {RETENTION_ROWS.map((row) => (
                <tr key={row.data} className="border-t border-border align-top">
                  <th scope="row" className="px-4 py-3 font-normal">
                    <span className="block font-semibold">{row.data}</span>
                    <span className="block text-muted-foreground">{row.details}</span>
                  </th>
                  <td className="px-4 py-3">{row.kept}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>{ACCOUNT_DELETION_NOTE}</p>
      </LegalSection>

      <LegalSection section={SECTIONS.deleting}>
        <LegalList>
          <li>
            <strong className="font-semibold">Settings → Disconnect YouTube</strong> revokes Showreel&apos;s access at
            Google, deletes your tokens, your connection and the stored My Videos pages, and stops auto-sync. Your
            projects stay until you delete them.
          </li>
          <li>
            <strong className="font-semibold">Settings → Delete account</strong> deletes your account and everything
            Showreel stores about you. Both are in <LegalLink href="/settings">Settings</LegalLink>.
          </li>
          <li>Deleting a project on its page deletes it and Showreel&apos;s analysis of it.</li>
          <li>
            Deleting data from Showreel does not change anything on YouTube: your videos and channel stay as they are.
            To delete data on YouTube, use YouTube.
          </li>
        </LegalList>
      </LegalSection>

      <LegalSection section={SECTIONS.revoking}>
        <p>
          Besides Showreel&apos;s own Disconnect, you can revoke Showreel&apos;s access to your Google account at any
          time on Google&apos;s security settings page,{" "}
          <ExternalLink href={GOOGLE_PERMISSIONS_URL}>myaccount.google.com/permissions</ExternalLink>. Showreel then
          stops reading your channel, asks you to reconnect, and deletes the details of your private and unlisted
          videos; YouTube data it can no longer refresh is deleted within {RETENTION.youTubeDataMaxAgeDays} days.
        </p>
      </LegalSection>

      <LegalSection section={SECTIONS.security}>
        <p>
          Google&apos;s tokens are encrypted at rest (AES-256-GCM), personal access tokens are stored only as hashes,
          and everything travels over HTTPS. Only you, and this server&apos;s operators when running it, can reach your
          private data.
        </p>
      </LegalSection>

      <LegalSection section={SECTIONS.contact}>
        {contact ? (
          <p>
            Questions or complaints about how Showreel handles your data: write to{" "}
            <a href={`mailto:${contact}`} className={LEGAL_LINK_CLASSES}>
              {contact}
            </a>
            .
          </p>
        ) : (
          <p>
            The operator of this Showreel server has not published a privacy contact address yet. Until they do, you can
            delete your data yourself as described above.
          </p>
        )}
      </LegalSection>
    </LegalPage>
  );
}
