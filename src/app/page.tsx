import { Suspense, type ReactNode } from "react";
import { AccountDeletedNotice } from "~/components/auth/account-deleted-notice";
import { SystemStatus } from "~/components/system-status";
import { Badge } from "~/components/ui/badge";
import { ButtonLink } from "~/components/ui/button";
import { Card, CardDescription, CardTitle } from "~/components/ui/card";
import { PlayIcon } from "~/components/ui/media-icons";

const SECTION_CLASSES = "mx-auto max-w-6xl px-4 sm:px-6";

export default function LandingPage() {
  return (
    <>
      <Hero />
      <Features />
      <HowItWorks />
      <ClosingCallToAction />
    </>
  );
}

function Hero() {
  return (
    <section
      aria-labelledby="hero-title"
      className="relative overflow-hidden bg-[radial-gradient(70%_60%_at_80%_0%,color-mix(in_oklab,var(--color-brand)_14%,transparent),transparent)]"
    >
      <div
        className={`${SECTION_CLASSES} grid items-center gap-12 pt-16 pb-12 sm:pt-24 sm:pb-16 lg:grid-cols-[1.1fr_0.9fr] lg:gap-16`}
      >
        <div>
          <Suspense fallback={null}>
            <AccountDeletedNotice />
          </Suspense>
          <SystemStatus />
          <h1 id="hero-title" className="mt-6 text-4xl font-bold tracking-tight sm:text-5xl lg:text-6xl">
            Your YouTube channel, <span className="block text-brand-text">as a portfolio</span>
          </h1>
          <p className="mt-6 max-w-xl text-lg text-muted-foreground">
            Showreel turns your videos into portfolio projects — thumbnail, duration, stats and the tools you used — and
            keeps adding new uploads while you get on with making the next one.
          </p>
          <div className="mt-8 flex flex-col gap-3 sm:flex-row">
            <ButtonLink href="/sign-in" size="lg">
              Get started
            </ButtonLink>
            <ButtonLink href="/u/demo" size="lg" variant="secondary">
              See a demo portfolio
            </ButtonLink>
          </div>
          <p className="mt-4 text-sm text-muted-foreground">
            Read-only YouTube access. Disconnect any time — your projects stay.
          </p>
        </div>
        <ProjectPreview />
      </div>
    </section>
  );
}

/** An illustration of a finished project card; hidden from assistive tech because it is sample content. */
function ProjectPreview() {
  return (
    <div aria-hidden="true" className="relative mx-auto w-full max-w-md select-none lg:max-w-none">
      <div className="absolute -top-4 -right-3 -bottom-4 left-10 -z-10 rotate-3 rounded-card border border-border bg-surface-muted" />
      <div className="overflow-hidden rounded-card border border-border bg-surface shadow-raised">
        <div className="relative aspect-video bg-[linear-gradient(135deg,#1e1b4b_0%,#7c2d12_55%,#f59e0b_100%)]">
          <div className="absolute inset-0 bg-[radial-gradient(40%_60%_at_30%_70%,rgba(255,255,255,0.18),transparent)]" />
          <div className="absolute inset-0 flex items-center justify-center">
            <span className="flex size-14 items-center justify-center rounded-full bg-black/45 backdrop-blur-sm">
              <PlayIcon className="ml-1 size-6" />
            </span>
          </div>
          <span className="absolute right-3 bottom-3 rounded-md bg-black/75 px-1.5 py-0.5 font-mono text-xs font-medium text-white">
            12:48
          </span>
        </div>
        <div className="p-5">
          <p className="font-semibold leading-snug">Grading a night-time city timelapse, start to finish</p>
          <p className="mt-1 text-sm text-muted-foreground">48K views · 2.1K likes · 2 weeks ago</p>
          <div className="mt-4 flex flex-wrap gap-2">
            <Badge>DaVinci Resolve</Badge>
            <Badge>After Effects</Badge>
            <Badge>Lightroom</Badge>
          </div>
          <div className="mt-4 flex items-center justify-between border-t border-border pt-4">
            <Badge tone="info">Filmmaking</Badge>
            <Badge tone="brand">
              <SparkIcon className="size-3" />
              Tagged by AI
            </Badge>
          </div>
        </div>
      </div>
      <div className="absolute -top-5 -left-2 flex items-center gap-3 rounded-card border border-border bg-surface px-4 py-3 shadow-raised sm:-left-8">
        <span className="flex size-8 items-center justify-center rounded-full bg-success/15 text-success-fg">
          <CheckIcon className="size-4" />
        </span>
        <span className="text-sm">
          <span className="block font-medium">New upload imported</span>
          <span className="block text-muted-foreground">from @northlight · just now</span>
        </span>
      </div>
    </div>
  );
}

type Feature = { title: string; body: string; icon: ReactNode; extra: ReactNode };

const FEATURES: Feature[] = [
  {
    title: "Import from My Videos or any URL",
    body: "Pick from your channel's uploads, or paste links to any public video. Already-imported videos are skipped, never doubled.",
    icon: <ImportIcon />,
    extra: (
      <ul aria-label="Link formats we accept" className="flex flex-wrap gap-2">
        {["watch?v=", "youtu.be/", "/shorts/", "/live/"].map((form) => (
          <li key={form}>
            <code className="rounded-md bg-surface-muted px-1.5 py-0.5 font-mono text-xs text-muted-foreground">
              {form}
            </code>
          </li>
        ))}
      </ul>
    ),
  },
  {
    title: "Follow channels — new uploads import themselves",
    body: "Follow your own channel or a collaborator's. New uploads arrive as projects on their own, with auto-sync you can pause per channel.",
    icon: <FollowIcon />,
    extra: (
      <p className="flex items-center gap-2 text-sm text-muted-foreground">
        <span aria-hidden="true" className="size-2 rounded-full bg-success" />
        Auto-sync on · Sync now whenever you like
      </p>
    ),
  },
  {
    title: "Tools & categories found by AI",
    body: "AI reads each video's title and description to tag the tools and categories you used. If it can't, our catalog matcher steps in — and says so.",
    icon: <SparkIcon className="size-5" />,
    extra: (
      <div className="flex flex-wrap items-center gap-2">
        <Badge tone="brand">AI</Badge>
        <Badge tone="warning">Fallback · re-analyze</Badge>
      </div>
    ),
  },
];

function Features() {
  return (
    <section aria-labelledby="features-title" className={`${SECTION_CLASSES} pt-12 pb-16 sm:pt-16 sm:pb-24`}>
      <div className="max-w-2xl">
        <p className="text-sm font-semibold tracking-wide text-brand-text uppercase">Why Showreel</p>
        <h2 id="features-title" className="mt-2 text-3xl font-bold tracking-tight sm:text-4xl">
          A portfolio that keeps up with your uploads
        </h2>
        <p className="mt-4 text-lg text-muted-foreground">
          Your best work is already on YouTube. Showreel brings it into one page clients can skim in a minute.
        </p>
      </div>
      <ul className="mt-12 grid gap-6 md:grid-cols-3">
        {FEATURES.map((feature) => (
          <Card as="li" key={feature.title} className="flex flex-col">
            <span className="flex size-10 items-center justify-center rounded-control bg-brand-soft text-brand-text">
              {feature.icon}
            </span>
            <CardTitle className="mt-5">{feature.title}</CardTitle>
            <CardDescription className="flex-1">{feature.body}</CardDescription>
            <div className="mt-5 border-t border-border pt-4">{feature.extra}</div>
          </Card>
        ))}
      </ul>
    </section>
  );
}

const STEPS = [
  {
    title: "Sign in and connect YouTube",
    body: "Grant read-only access to your channel. Showreel never posts, edits or deletes anything on YouTube.",
  },
  {
    title: "Pick videos or follow a channel",
    body: "Select from My Videos, paste links, or follow a channel so future uploads come in by themselves.",
  },
  {
    title: "Share your portfolio",
    body: "Every video becomes a project with its thumbnail, duration, stats and tags — on one public page.",
  },
] as const;

function HowItWorks() {
  return (
    <section aria-labelledby="how-title" className="border-y border-border bg-surface">
      <div className={`${SECTION_CLASSES} py-16 sm:py-24`}>
        <h2 id="how-title" className="text-3xl font-bold tracking-tight sm:text-4xl">
          How it works
        </h2>
        <ol className="mt-10 grid gap-10 md:grid-cols-3 md:gap-8">
          {STEPS.map((step, index) => (
            <li key={step.title} className="flex gap-4 md:flex-col">
              <span
                aria-hidden="true"
                className="flex size-10 shrink-0 items-center justify-center rounded-full border border-brand/30 bg-brand-soft font-semibold text-brand-text"
              >
                {index + 1}
              </span>
              <div>
                <h3 className="mt-1.5 text-lg font-semibold md:mt-0">{step.title}</h3>
                <p className="mt-2 text-muted-foreground">{step.body}</p>
              </div>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}

function ClosingCallToAction() {
  return (
    <section aria-labelledby="cta-title" className={`${SECTION_CLASSES} py-16 sm:py-24`}>
      <div className="flex flex-col items-start gap-6 rounded-card border border-border bg-surface p-8 shadow-card sm:p-12 md:flex-row md:items-center md:justify-between">
        <div className="max-w-xl">
          <h2 id="cta-title" className="text-2xl font-bold tracking-tight sm:text-3xl">
            Ready when your next video is
          </h2>
          <p className="mt-3 text-muted-foreground">Connect once. Your portfolio fills itself in from here.</p>
        </div>
        <div className="flex w-full flex-col gap-3 sm:w-auto sm:flex-row">
          <ButtonLink href="/sign-in" size="lg">
            Get started
          </ButtonLink>
          <ButtonLink href="/u/demo" size="lg" variant="secondary">
            See a demo portfolio
          </ButtonLink>
        </div>
      </div>
    </section>
  );
}

const ICON_PROPS = {
  viewBox: "0 0 24 24",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
  strokeLinecap: "round",
  strokeLinejoin: "round",
  "aria-hidden": true,
  focusable: false,
} as const;

function ImportIcon() {
  return (
    <svg {...ICON_PROPS} className="size-5">
      <path d="M12 3v12m0 0-4-4m4 4 4-4" />
      <path d="M4 17v2a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-2" />
    </svg>
  );
}

function FollowIcon() {
  return (
    <svg {...ICON_PROPS} className="size-5">
      <path d="M21 12a9 9 0 1 1-2.64-6.36" />
      <path d="M21 4v5h-5" />
      <path d="m10 9 5 3-5 3V9Z" />
    </svg>
  );
}

function SparkIcon({ className }: { className: string }) {
  return (
    <svg {...ICON_PROPS} className={className}>
      <path d="M12 3l1.8 5.2L19 10l-5.2 1.8L12 17l-1.8-5.2L5 10l5.2-1.8L12 3Z" />
      <path d="M19 16l.8 2.2L22 19l-2.2.8L19 22l-.8-2.2L16 19l2.2-.8L19 16Z" />
    </svg>
  );
}

function CheckIcon({ className }: { className: string }) {
  return (
    <svg {...ICON_PROPS} className={className}>
      <path d="m5 12 5 5L20 7" />
    </svg>
  );
}
