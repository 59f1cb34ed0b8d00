import { getQuotaToday } from "~/lib/quota/get-quota-today";
import { createTRPCRouter, protectedProcedure } from "../init";

export const quotaRouter = createTRPCRouter({
  /** Today's YouTube units, project-wide and the user's own share; the Pacific-midnight reset; any pause. */
  today: protectedProcedure.query(({ ctx }) => getQuotaToday({ userId: ctx.session.user.id })),
});
