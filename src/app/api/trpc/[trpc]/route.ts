import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "~/trpc/context";
import { appRouter } from "~/trpc/routers/_app";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function handler(req: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => createContext({ headers: req.headers, resHeaders }),
  });
}

export { handler as GET, handler as POST };
