import { z } from "zod";

/** A dead-letter job, named by its queue (`<job name>.dead-letter`) and its pg-boss id. */
export const retryDeadLetterInputSchema = z.object({
  deadLetterQueue: z
    .string()
    .max(100)
    .regex(/^[a-z]+\.[a-z-]+\.dead-letter$/),
  id: z.uuid(),
});

export type RetryDeadLetterInput = z.infer<typeof retryDeadLetterInputSchema>;
