import Link from "next/link";
import { cx } from "~/components/ui/class-names";
import { LEGAL_LINK_CLASSES, PRIVACY_PATH, TERMS_PATH } from "./legal-links";

/**
 * The agreement an account is made on (YouTube API Services Developer Policies III.A.2: users agree to the
 * privacy policy before they reach the features), under the sign-up and sign-in forms — Google sign-in
 * creates an account too.
 */
export function AccountTermsNotice({
  action,
  className,
}: {
  action: "creating an account" | "continuing";
  className?: string;
}) {
  return (
    <p className={cx("text-center text-xs leading-relaxed text-muted-foreground", className)}>
      By {action} you agree to the{" "}
      <Link href={TERMS_PATH} className={LEGAL_LINK_CLASSES}>
        Terms
      </Link>{" "}
      and{" "}
      <Link href={PRIVACY_PATH} className={LEGAL_LINK_CLASSES}>
        Privacy Policy
      </Link>
      .
    </p>
  );
}
