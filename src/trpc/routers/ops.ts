import { getOpsOverview } from "~/lib/ops/get-ops-overview";
import { getSenderBoss } from "~/server/boss";
import { adminProcedure, createTRPCRouter } from "../init";

export const opsRouter = createTRPCRouter({
  /** Queue counts and scheduler lag for the admin's /ops page. */
  overview: adminProcedure.query(async () => getOpsOverview({ boss: await getSenderBoss() })),
});
