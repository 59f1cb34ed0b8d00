"use client";

import { useRouter } from "next/navigation";
import { usePathname, useSearchParams } from "~/components/navigation";
import { Alert } from "~/components/ui/alert";

/**
 * Where "Delete account" lands (`/?account=deleted`): says it is done and what happens next. Dismissing
 * removes the parameter. Reads search params, so render it inside <Suspense>.
 */
export function AccountDeletedNotice() {
  const searchParams = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  if (searchParams.get("account") !== "deleted") return null;
  return (
    <Alert tone="success" title="Your account was deleted" className="mb-6" onDismiss={() => router.replace(pathname)}>
      You are signed out everywhere and your portfolio is gone. The rest of your data is being erased in the background.
    </Alert>
  );
}
