import { createCallerFactory, createTRPCRouter } from "../init";
import { accessTokensRouter } from "./access-tokens";
import { accountRouter } from "./account";
import { dashboardRouter } from "./dashboard";
import { importsRouter } from "./imports";
import { liveRouter } from "./live";
import { notificationsRouter } from "./notifications";
import { opsRouter } from "./ops";
import { portfolioRouter } from "./portfolio";
import { projectsRouter } from "./projects";
import { quotaRouter } from "./quota";
import { sourcesRouter } from "./sources";
import { systemRouter } from "./system";
import { youtubeRouter } from "./youtube";

export const appRouter = createTRPCRouter({
  system: systemRouter,
  youtube: youtubeRouter,
  notifications: notificationsRouter,
  accessTokens: accessTokensRouter,
  imports: importsRouter,
  projects: projectsRouter,
  sources: sourcesRouter,
  ops: opsRouter,
  quota: quotaRouter,
  dashboard: dashboardRouter,
  account: accountRouter,
  portfolio: portfolioRouter,
  live: liveRouter,
});

/** The typed API: import this type (type-only) in any TypeScript client. */
export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
