/**
 * Next's proxy (formerly middleware): gives every page response its own CSP nonce. The policy goes on the
 * response and on the request, where Next reads the nonce and puts it on the scripts it renders; `x-nonce`
 * carries it for any script of ours. The matcher keeps the proxy off API routes (tRPC, auth, the live
 * stream, health and metrics), static chunks and prefetches, so they cost no more than before: their
 * nonce-less policy comes from next.config.ts.
 */
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, createNonce } from "~/server/content-security-policy";

export function proxy(request: NextRequest): NextResponse {
  const nonce = createNonce();
  const policy = contentSecurityPolicy(nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    {
      // Everything but /api/*, Next's static chunks and image optimizer, and the favicon.
      source: "/((?!api/|_next/static/|_next/image|favicon\\.ico).*)",
      // A prefetch fetches data for a later navigation; no document is made from its response.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
