import { z } from "zod";

export const createAccessTokenInputSchema = z.object({ name: z.string().trim().min(1).max(60) });
export const revokeAccessTokenInputSchema = z.object({ id: z.uuid() });

export type CreateAccessTokenInput = z.infer<typeof createAccessTokenInputSchema>;
