"use client";

import { Alert } from "~/components/ui/alert";
import { ButtonLink } from "~/components/ui/button";
import { useSession } from "./auth-client";

/** Tells someone who lands on sign-in/sign-up while signed in that they needn't do it again. */
export function AlreadySignedIn({ next, isHidden }: { next: string; isHidden: boolean }) {
  const session = useSession();
  if (isHidden || !session.data) return null;
  return (
    <Alert
      tone="info"
      title={`You're already signed in as ${session.data.user.email}`}
      className="mb-6"
      action={
        <ButtonLink href={next} size="sm">
          Continue
        </ButtonLink>
      }
    />
  );
}
