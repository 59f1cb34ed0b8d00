import { z } from "zod";

const slugSchema = z.string().trim().min(1).max(80).regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

export const listProjectsInputSchema = z.object({
  cursor: z.uuid().nullish(),
  limit: z.number().int().min(1).max(50).default(24),
  tool: slugSchema.optional(),
  category: slugSchema.optional(),
});

export const projectIdInputSchema = z.object({ id: z.uuid() });

export const updateProjectInputSchema = z.object({
  id: z.uuid(),
  data: z
    .object({
      title: z.string().trim().min(1).max(100),
      description: z.string().max(5000),
      visibility: z.enum(["public", "unlisted", "private"]),
      isShowcase: z.boolean(),
    })
    .partial()
    .refine((data) => Object.keys(data).length > 0, "Nothing to update"),
});

export type ListProjectsInput = z.infer<typeof listProjectsInputSchema>;
export type UpdateProjectInput = z.infer<typeof updateProjectInputSchema>;
