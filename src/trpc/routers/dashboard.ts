import { getDashboardSummary } from "~/lib/dashboard/get-dashboard-summary";
import { createTRPCRouter, protectedProcedure } from "../init";

export const dashboardRouter = createTRPCRouter({
  /** The dashboard's own figures: name and time zone, project count, followed channels by state, active runs. */
  summary: protectedProcedure.query(({ ctx }) => getDashboardSummary({ userId: ctx.session.user.id })),
});
