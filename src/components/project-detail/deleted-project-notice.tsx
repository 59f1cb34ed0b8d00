"use client";

import { useRouter } from "next/navigation";
import { usePathname, useSearchParams } from "~/components/navigation";
import { Alert } from "~/components/ui/alert";

/** The project page sends the deleted project's title back to the list in this search param. */
export const DELETED_PROJECT_PARAM = "deleted";
/** A crafted link cannot make the notice say much. */
const MAX_TITLE_LENGTH = 100;

/**
 * On /projects after a delete: says which project went, as a polite status message. Dismissing it drops
 * the param, so a reload does not say it again. Reads search params: render it inside <Suspense>.
 */
export function DeletedProjectNotice() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const title = searchParams.get(DELETED_PROJECT_PARAM)?.trim().slice(0, MAX_TITLE_LENGTH);

  return (
    <div role="status" className="empty:hidden">
      {title ? (
        <Alert
          tone="success"
          title={`Deleted “${title}”`}
          className="mb-6"
          onDismiss={() => {
            const params = new URLSearchParams(searchParams.toString());
            params.delete(DELETED_PROJECT_PARAM);
            const query = params.toString();
            router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
          }}
        >
          The video is still on YouTube; you can import it again from My Videos.
        </Alert>
      ) : null}
    </div>
  );
}
