import Link from "next/link";
import type { Portfolio } from "~/lib/portfolio/get-portfolio";
import { CreatorAvatar } from "./creator-avatar";
import { pluralizeProjects } from "./portfolio-format";

type Profile = NonNullable<Portfolio["profile"]>;

/** Who the portfolio belongs to. The picture is decorative: the name next to it says whose it is. */
export function PortfolioHeader({ profile }: { profile: Profile }) {
  return (
    <header className="flex flex-col items-start gap-5 sm:flex-row sm:items-center">
      <CreatorAvatar name={profile.name} src={profile.avatarUrl} />
      <div className="min-w-0">
        <h1 className="text-3xl font-bold tracking-tight break-words sm:text-4xl">{profile.name}</h1>
        <p className="mt-2 flex flex-wrap items-center gap-x-2 gap-y-1 text-muted-foreground">
          <span className="font-mono text-sm">@{profile.handle}</span>
          <span aria-hidden="true">·</span>
          <span>{pluralizeProjects(profile.projectCount)}</span>
        </p>
        {profile.isOwner ? (
          <p className="mt-3 text-sm text-muted-foreground">
            This is your public portfolio.{" "}
            <Link href="/projects" className="font-medium text-brand-text underline underline-offset-4">
              Choose which projects show here
            </Link>
            .
          </p>
        ) : null}
      </div>
    </header>
  );
}
