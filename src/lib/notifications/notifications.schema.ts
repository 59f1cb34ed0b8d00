import { z } from "zod";

export const listNotificationsInputSchema = z.object({
  limit: z.number().int().min(1).max(100).default(50),
  cursor: z.uuid().nullish(),
});

export const markNotificationsReadInputSchema = z.union([
  z.object({ ids: z.array(z.uuid()).min(1).max(100) }),
  z.object({ all: z.literal(true) }),
]);

export type ListNotificationsInput = z.infer<typeof listNotificationsInputSchema>;
export type MarkNotificationsReadInput = z.infer<typeof markNotificationsReadInputSchema>;
