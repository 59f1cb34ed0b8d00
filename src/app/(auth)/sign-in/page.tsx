import type { Metadata } from "next";
import { AuthCard } from "~/components/auth/auth-card";
import { oauthErrorText } from "~/components/auth/auth-error-text";
import { getSafeNextPath } from "~/components/auth/safe-next-path";
import { firstSearchParam } from "~/components/auth/search-param";
import { caller } from "~/trpc/server";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = {
  title: "Sign in",
  description: "Sign in to Showreel to turn your YouTube videos into portfolio projects.",
};

type SignInPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignInPage({ searchParams }: SignInPageProps) {
  const params = await searchParams;
  // `?error=` is how Better Auth reports a failed Google sign-in back to this page.
  const oauthError = firstSearchParam(params.error);
  const features = await caller.system.features();
  return (
    <AuthCard title="Sign in to Showreel" description="Welcome back. Pick up where your portfolio left off.">
      <SignInForm
        next={getSafeNextPath(firstSearchParam(params.next))}
        initialError={oauthError ? oauthErrorText(oauthError) : null}
        isGoogleEnabled={features.googleSignIn}
        isDemoEnabled={features.demoMode}
      />
    </AuthCard>
  );
}
