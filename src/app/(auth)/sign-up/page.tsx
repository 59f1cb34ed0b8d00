import type { Metadata } from "next";
import { AuthCard } from "~/components/auth/auth-card";
import { getSafeNextPath } from "~/components/auth/safe-next-path";
import { firstSearchParam } from "~/components/auth/search-param";
import { caller } from "~/trpc/server";
import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = {
  title: "Create your account",
  description: "Create a Showreel account and turn your YouTube videos into a portfolio.",
};

type SignUpPageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function SignUpPage({ searchParams }: SignUpPageProps) {
  const params = await searchParams;
  return (
    <AuthCard
      title="Create your account"
      description="Then connect YouTube to import your videos — read-only access, and you can disconnect any time."
    >
      <SignUpForm
        next={getSafeNextPath(firstSearchParam(params.next))}
        isGoogleEnabled={(await caller.system.features()).googleSignIn}
      />
    </AuthCard>
  );
}
