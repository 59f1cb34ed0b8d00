"use client";

import { useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { usePathname, useSearchParams } from "~/components/navigation";
import type { ConnectErrorCode } from "~/lib/youtube-connection/complete-connect";
import { CONFIG_ERROR_TEXT } from "~/components/errors/error-text";
import { Alert } from "~/components/ui/alert";
import { buttonClassName } from "~/components/ui/button";
import { useTRPC } from "~/trpc/client";
import { YOUTUBE_CONNECT_HREF } from "./youtube-connection-card";

const TRY_AGAIN = "That sign-in link expired or was already used. Please try again.";

/**
 * What each `?youtube_error=` code from /api/youtube/callback (and /connect) means to the user. Typed
 * against the callback's outcome codes, so a new code fails the build here until it has words.
 */
const CONNECT_ERROR_TEXT: Record<ConnectErrorCode | "not_configured", string> = {
  access_denied: "You declined access on Google's page — nothing was connected.",
  no_channel: "That Google account has no YouTube channel. Create one on YouTube, or connect a different account.",
  state_mismatch: TRY_AGAIN,
  invalid_request: TRY_AGAIN,
  exchange_failed: "Google didn't accept the sign-in. Please try again.",
  insufficient_scope:
    "Showreel needs permission to view your YouTube channel. Please try again and leave that box ticked on Google's page.",
  configuration: CONFIG_ERROR_TEXT,
  upstream_unavailable:
    "Google isn't responding right now, so nothing was connected. Please try again in a few minutes.",
  not_configured: "Connecting YouTube isn't set up on this server yet.",
};

const GENERIC_ERROR_TEXT = "Something went wrong while connecting YouTube, so nothing was connected. Please try again.";

function connectErrorText(code: string): string {
  return Object.hasOwn(CONNECT_ERROR_TEXT, code)
    ? CONNECT_ERROR_TEXT[code as keyof typeof CONNECT_ERROR_TEXT]
    : GENERIC_ERROR_TEXT;
}

/**
 * The result of a Connect YouTube round trip, which lands back here as `?youtube=connected` or
 * `?youtube_error=<code>`. Dismissing removes the parameters, so a reload doesn't repeat the news.
 * Reads search params, so render it inside <Suspense>.
 */
export function YouTubeConnectNotice() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const trpc = useTRPC();
  const isConnected = searchParams.get("youtube") === "connected";
  const errorCode = searchParams.get("youtube_error");
  const connection = useQuery(trpc.youtube.connection.queryOptions(undefined, { enabled: isConnected }));

  function dismiss() {
    router.replace(pathname, { scroll: false });
  }

  if (errorCode) {
    const canRetry = errorCode !== "not_configured";
    return (
      <Alert
        role="alert"
        tone="danger"
        title="YouTube wasn't connected"
        onDismiss={dismiss}
        action={
          canRetry ? (
            <a href={YOUTUBE_CONNECT_HREF} className={buttonClassName({ variant: "secondary", size: "sm" })}>
              Try again
            </a>
          ) : null
        }
      >
        {connectErrorText(errorCode)}
      </Alert>
    );
  }

  if (isConnected) {
    const title = connection.data?.channelTitle;
    return (
      <Alert
        role="status"
        tone="success"
        title={title ? `YouTube connected: ${title}` : "YouTube connected"}
        onDismiss={dismiss}
      >
        Showreel can now see your uploads. Pick videos to import, or follow your channel to import new ones
        automatically.
      </Alert>
    );
  }

  return null;
}
