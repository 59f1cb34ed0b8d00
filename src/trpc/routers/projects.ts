import { deleteProject } from "~/lib/projects/delete-project";
import { getProjectOrThrow } from "~/lib/projects/get-project-or-throw";
import { listProjects } from "~/lib/projects/list-projects";
import { listProjectsInputSchema, projectIdInputSchema, updateProjectInputSchema } from "~/lib/projects/projects.schema";
import { updateProject } from "~/lib/projects/update-project";
import { createTRPCRouter, protectedProcedure } from "../init";

export const projectsRouter = createTRPCRouter({
  list: protectedProcedure.input(listProjectsInputSchema).query(({ ctx, input }) => listProjects({ userId: ctx.session.user.id, input })),

  get: protectedProcedure.input(projectIdInputSchema).query(({ ctx, input }) => getProjectOrThrow({ userId: ctx.session.user.id, id: input.id })),

  update: protectedProcedure
    .input(updateProjectInputSchema)
    .mutation(({ ctx, input }) => updateProject({ userId: ctx.session.user.id, id: input.id, data: input.data })),

  delete: protectedProcedure.input(projectIdInputSchema).mutation(({ ctx, input }) => deleteProject({ userId: ctx.session.user.id, id: input.id })),
});
