import { deleteProject } from "~/lib/projects/delete-project";
import { getProjectOrThrow } from "~/lib/projects/get-project-or-throw";
import { listCatalog } from "~/lib/projects/list-catalog";
import { listProjects } from "~/lib/projects/list-projects";
import {
  listProjectsInputSchema,
  projectIdInputSchema,
  updateProjectInputSchema,
} from "~/lib/projects/projects.schema";
import { requestReanalysis } from "~/lib/projects/request-reanalysis";
import { updateProject } from "~/lib/projects/update-project";
import { REANALYZE_RATE_LIMIT } from "~/lib/rate-limit/limiters";
import { createTRPCRouter, protectedProcedure, rateLimited } from "../init";

export const projectsRouter = createTRPCRouter({
  list: protectedProcedure
    .input(listProjectsInputSchema)
    .query(({ ctx, input }) => listProjects({ userId: ctx.session.user.id, ...input })),

  get: protectedProcedure
    .input(projectIdInputSchema)
    .query(({ ctx, input }) => getProjectOrThrow({ userId: ctx.session.user.id, ...input })),

  /** The tools and categories a project can be tagged with, for the tag editor. */
  catalog: protectedProcedure.query(() => listCatalog()),

  update: protectedProcedure
    .input(updateProjectInputSchema)
    .mutation(({ ctx, input }) => updateProject({ userId: ctx.session.user.id, ...input })),

  /** Runs the AI analysis again (after a fallback, or to refresh tags). */
  reanalyze: rateLimited(REANALYZE_RATE_LIMIT)
    .input(projectIdInputSchema)
    .mutation(({ ctx, input }) => requestReanalysis({ userId: ctx.session.user.id, ...input, jobs: ctx.jobs })),

  delete: protectedProcedure
    .input(projectIdInputSchema)
    .mutation(({ ctx, input }) => deleteProject({ userId: ctx.session.user.id, ...input })),
});
