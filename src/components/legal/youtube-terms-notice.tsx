import Link from "next/link";
import { ExternalLink } from "~/components/project-detail/external-link";
import { cx } from "~/components/ui/class-names";
import { GOOGLE_PRIVACY_POLICY_URL, LEGAL_LINK_CLASSES, PRIVACY_PATH, YOUTUBE_TERMS_URL } from "./legal-links";

/**
 * Beside every Connect YouTube button: connecting means agreeing to YouTube's Terms of Service (YouTube API
 * Services Developer Policies III.A.1), with Google's Privacy Policy and ours a click away (III.A.2.c).
 */
export function YouTubeTermsNotice({ className }: { className?: string }) {
  return (
    <p className={cx("text-xs leading-relaxed text-muted-foreground", className)}>
      Showreel uses YouTube API Services. By connecting YouTube you agree to the{" "}
      <ExternalLink href={YOUTUBE_TERMS_URL}>YouTube Terms of Service</ExternalLink>. Google handles your account under
      the <ExternalLink href={GOOGLE_PRIVACY_POLICY_URL}>Google Privacy Policy</ExternalLink>; what Showreel keeps, and
      for how long, is in{" "}
      <Link href={PRIVACY_PATH} className={LEGAL_LINK_CLASSES}>
        Showreel&apos;s Privacy Policy
      </Link>
      .
    </p>
  );
}
