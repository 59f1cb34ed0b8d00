import { z } from "zod";

const slugSchema = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);

/** How many tags a project may carry; the editor shows the same limits. */
export const MAX_PROJECT_TOOLS = 30;
export const MAX_PROJECT_CATEGORIES = 10;
export const MAX_PROJECT_TOPICS = 20;
export const MAX_TOPIC_LENGTH = 40;
const MAX_PROJECT_TITLE_LENGTH = 100;
export const MAX_PROJECT_DESCRIPTION_LENGTH = 5000;

/** Repeats are dropped, not rejected: adding a tag twice is harmless. */
const uniqueSlugs = (max: number) =>
  z
    .array(slugSchema)
    .max(max)
    .transform((slugs) => [...new Set(slugs)]);

/** A topic is free text: spaces collapsed, repeats (in any case) dropped, the first spelling kept. */
export const topicSchema = z
  .string()
  .transform((topic) => topic.trim().replace(/\s+/g, " "))
  .pipe(z.string().min(1, "Type a topic").max(MAX_TOPIC_LENGTH, `At most ${MAX_TOPIC_LENGTH} characters`));

export const listProjectsInputSchema = z.object({
  /** The opaque cursor a previous page returned (page-cursor.ts). */
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(50).default(24),
  tool: slugSchema.optional(),
  category: slugSchema.optional(),
});

export const projectIdInputSchema = z.object({ id: z.uuid() });

export const projectTitleSchema = z
  .string()
  .trim()
  .min(1, "Give the project a title")
  .max(MAX_PROJECT_TITLE_LENGTH, `At most ${MAX_PROJECT_TITLE_LENGTH} characters`);
export const projectDescriptionSchema = z
  .string()
  .max(MAX_PROJECT_DESCRIPTION_LENGTH, `At most ${MAX_PROJECT_DESCRIPTION_LENGTH} characters`);

const projectVisibilitySchema = z.enum(["public", "unlisted", "private"]);

export const updateProjectInputSchema = z.object({
  id: z.uuid(),
  data: z
    .object({
      title: projectTitleSchema,
      description: projectDescriptionSchema,
      visibility: projectVisibilitySchema,
      isShowcase: z.boolean(),
      /** Each list replaces the project's whole set (catalog slugs; unknown ones are refused by name). */
      toolSlugs: uniqueSlugs(MAX_PROJECT_TOOLS),
      categorySlugs: uniqueSlugs(MAX_PROJECT_CATEGORIES),
      topics: z
        .array(topicSchema)
        .max(MAX_PROJECT_TOPICS)
        .transform((topics) =>
          topics.filter(
            (topic, index) => topics.findIndex((other) => other.toLowerCase() === topic.toLowerCase()) === index,
          ),
        ),
    })
    .partial()
    .refine((data) => Object.keys(data).length > 0, "Nothing to update"),
});

export type ListProjectsInput = z.infer<typeof listProjectsInputSchema>;
export type UpdateProjectInput = z.infer<typeof updateProjectInputSchema>;
export type ProjectVisibility = z.infer<typeof projectVisibilitySchema>;
