import { deleteAccountInputSchema, setHandleInputSchema } from "~/lib/account/account.schema";
import { deleteAccount } from "~/lib/account/delete-account";
import { getAccount } from "~/lib/account/get-account";
import { setHandle } from "~/lib/account/set-handle";
import { getDataExportStatus } from "~/lib/data-export/get-data-export-status";
import { requestDataExport } from "~/lib/data-export/request-data-export";
import { DATA_EXPORT_RATE_LIMIT } from "~/lib/rate-limit/limiters";
import { createTRPCRouter, protectedProcedure, rateLimited } from "../init";

export const accountRouter = createTRPCRouter({
  /** Name, e-mail and portfolio handle, plus a free handle to suggest while the user has none. */
  get: protectedProcedure.query(({ ctx }) => getAccount({ userId: ctx.session.user.id })),

  setHandle: protectedProcedure
    .input(setHandleInputSchema)
    .mutation(({ ctx, input }) => setHandle({ userId: ctx.session.user.id, ...input })),

  /** Closes the account at once (signed out everywhere, portfolio gone); a job deletes the rest. */
  delete: protectedProcedure
    .input(deleteAccountInputSchema)
    .mutation(({ ctx, input }) =>
      deleteAccount({ userId: ctx.session.user.id, ...input, jobs: ctx.jobs, logger: ctx.logger }),
    ),

  /** Starts an "Export my data" file in the background; answers the export's status at once. */
  requestExport: rateLimited(DATA_EXPORT_RATE_LIMIT).mutation(({ ctx }) =>
    requestDataExport({ userId: ctx.session.user.id, jobs: ctx.jobs }),
  ),

  /** The latest export: preparing (with progress), ready until it expires, downloaded, expired or failed. */
  exportStatus: protectedProcedure.query(({ ctx }) => getDataExportStatus({ userId: ctx.session.user.id })),
});
