/**
 * The one wrapper every API route handler but tRPC's goes through (tRPC's composes the same pieces
 * itself, because its body cap depends on the session): admission control (./admission.ts), the body cap
 * (./request-body.ts) and the statement census under "api/<route>" (./statement-census.ts).
 */
import { withAdmission } from "~/server/admission";
import { capRequestBody } from "~/server/request-body";
import { withStatementCensus } from "~/server/statement-census";

/** Routes that take no body still cap one, in case a client sends it anyway. */
const NO_BODY_MAX_BYTES = 16 * 1024;

export function withApiRoute(
  options: {
    route: string;
    maxBodyBytes?: number;
    /**
     * False for the health and readiness probes: a process at its cap is alive and still ready (it frees
     * slots within milliseconds), and an orchestrator that read its 503 as "dead" would restart it.
     */
    admission?: boolean;
  },
  handler: (request: Request) => Promise<Response> | Response,
): (request: Request) => Promise<Response> {
  const maxBytes = options.maxBodyBytes ?? NO_BODY_MAX_BYTES;
  const label = `api/${options.route}`;
  const counted = (request: Request) =>
    withStatementCensus(label, async () => {
      const capped = await capRequestBody(request, { route: options.route, maxBytes });
      return capped instanceof Response ? capped : handler(capped);
    });
  return options.admission === false ? counted : withAdmission(counted);
}
