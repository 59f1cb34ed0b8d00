import { Alert } from "~/components/ui/alert";

const MESSAGES = {
  private: { title: "This video is now private on YouTube", reason: "Its owner made it private" },
  deleted: { title: "This video was deleted from YouTube", reason: "It was removed from YouTube" },
} as const;

/**
 * Why the player is gone: a sync found the video private or deleted on YouTube. The project itself is
 * kept, with its tags, but the public portfolio leaves it out.
 */
export function AvailabilityBanner({
  availability,
  className,
}: {
  availability: keyof typeof MESSAGES;
  className?: string;
}) {
  const message = MESSAGES[availability];
  return (
    <Alert tone="warning" title={message.title} className={className}>
      {message.reason}, so it can&apos;t be played here. The project stays, hidden from your public portfolio.
    </Alert>
  );
}
