import Link from "next/link";
import { Alert } from "~/components/ui/alert";

/**
 * Why a project shows "Private video" and no picture: its video is private or unlisted, only the creator's
 * YouTube permission lets Showreel read it, and that permission ended (disconnected, or revoked at Google).
 * The project and its tags stay; reconnecting brings the details back at the next refresh.
 */
export function DetailsRemovedBanner({ className }: { className?: string }) {
  return (
    <Alert
      tone="warning"
      title="YouTube details removed"
      className={className}
      action={
        <Link href="/settings" className="text-sm font-medium text-brand-text underline underline-offset-4">
          Reconnect in Settings
        </Link>
      }
    >
      This video is private or unlisted on YouTube, so only your permission lets Showreel read it. When your YouTube
      connection ended, its title, thumbnail and stats were deleted, as YouTube&apos;s rules require. The project and
      your tags stay; reconnect YouTube and the details come back within minutes.
    </Alert>
  );
}
