/**
 * The tRPC API at /api/trpc/<path>[,<path>…] (batched and streamed) as one web-standard handler, behind
 * admission control, the body cap and the statement census. Served by src/pages/api/trpc/[trpc]/index.ts; tests,
 * the fault harness and the quick benchmark call it directly with a Request.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { env } from "~/env";
import { isTrpcAnswerWhole, withAdmission } from "~/server/admission";
import { auth } from "~/server/auth";
import { ANONYMOUS_MAX_BODY_BYTES, capRequestBody } from "~/server/request-body";
import { withStatementCensus } from "~/server/statement-census";
import { createContext, resolveSession } from "./context";
import type { ProcedureMeta } from "./init";
import { appRouter } from "./routers/_app";

const ENDPOINT = "/api/trpc";

// The origins Better Auth trusts for its own POSTs (the app's, and its localhost/127.0.0.1 twin).
const TRUSTED_ORIGINS: ReadonlySet<string> = new Set(auth.options.trustedOrigins as string[]);

/**
 * CSRF: browsers send Origin with every POST, so a mutation posted from another site (a form, or fetch in
 * no-cors mode with a text/plain body) is refused before its cookie is read. SameSite=Lax cookies already
 * stop most of these; this also covers same-site neighbours and older browsers. Scripts calling with a
 * personal access token send no Origin and pass.
 */
function isCrossOriginPost(req: Request): boolean {
  const origin = req.headers.get("origin");
  return req.method === "POST" && origin !== null && !TRUSTED_ORIGINS.has(origin);
}

/**
 * Every procedure by its dotted path. At run time the router's `procedures` is this flat record; its declared
 * type is the nested router shape, so it is read as a plain object here.
 */
const procedures: ReadonlyMap<string, { _def: { meta?: ProcedureMeta } }> = new Map(
  Object.entries(appRouter._def.procedures as object),
);

/** The procedure paths a request names (one, or several for a batch). */
function procedurePathsOf(req: Request): string[] {
  const { pathname } = new URL(req.url);
  const tail = pathname.startsWith(`${ENDPOINT}/`) ? pathname.slice(ENDPOINT.length + 1) : "";
  return decodeURIComponent(tail).split(",");
}

/**
 * The label statements and requests are counted under: the procedure's path, "batch" for a request
 * naming several (its procedures are counted under their own paths as they run), or "unknown" — never a
 * path nobody defined, which would let any caller grow the metric's label set.
 */
function censusLabelOf(paths: string[]): string {
  if (paths.length > 1) return "batch";
  const [path] = paths;
  return path !== undefined && procedures.has(path) ? path : "unknown";
}

async function handle(req: Request): Promise<Response> {
  if (isCrossOriginPost(req)) {
    return Response.json(
      { error: { message: "Cross-site requests are not allowed.", code: "FORBIDDEN" } },
      { status: 403 },
    );
  }
  const paths = procedurePathsOf(req);
  return withStatementCensus(censusLabelOf(paths), async () => {
    // The session comes first, so the body's cap can depend on it (and with a cache cookie it costs nothing).
    const resolved = await resolveSession(req.headers);
    let request = req;
    // A signed-out call to procedures that all need a session is handed on unread: tRPC checks the session
    // before it reads any input, so the body is never read and the answer is its own 401 per procedure.
    const isRefusedUnread =
      !resolved.session && paths.every((path) => procedures.get(path)?._def.meta?.requiresSession === true);
    if (req.method === "POST" && !isRefusedUnread) {
      const maxBytes = resolved.session ? env.WEB_MAX_BODY_BYTES : ANONYMOUS_MAX_BODY_BYTES;
      const capped = await capRequestBody(req, { route: "trpc", maxBytes });
      if (capped instanceof Response) return capped;
      request = capped;
    }
    return fetchRequestHandler({
      endpoint: ENDPOINT,
      req: request,
      router: appRouter,
      createContext: ({ resHeaders }) => createContext({ headers: req.headers, resHeaders, resolved }),
    });
  });
}

/** The methods tRPC answers: GET for queries and subscriptions, POST for mutations. */
export const TRPC_METHODS: ReadonlySet<string> = new Set(["GET", "POST"]);

export const handleTrpcRequest = withAdmission(handle, undefined, { isAnsweredWhole: isTrpcAnswerWhole });
