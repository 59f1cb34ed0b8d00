/**
 * Where to go after signing in or up when no (usable) `?next=` was given: a server redirect to the
 * dashboard for a user with YouTube connected, and to settings (to connect it) for everyone else.
 */
export const DEFAULT_AFTER_SIGN_IN_PATH = "/dashboard/start";

// Any origin works: it only anchors relative parsing, and a value that escapes it is rejected.
const PARSE_BASE = "https://showreel.invalid";

/**
 * Returns `next` only when it is a path on this site, so a crafted link such as
 * `/sign-in?next=https://evil.example` or `?next=//evil.example` cannot bounce users off-site.
 */
export function getSafeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) {
    return DEFAULT_AFTER_SIGN_IN_PATH;
  }
  try {
    const url = new URL(next, PARSE_BASE);
    if (url.origin !== PARSE_BASE) return DEFAULT_AFTER_SIGN_IN_PATH;
    const path = `${url.pathname}${url.search}${url.hash}`;
    // Dot segments can collapse into a protocol-relative URL: "/.//evil.example" resolves to "//evil.example".
    return path.startsWith("//") || path.startsWith("/\\") ? DEFAULT_AFTER_SIGN_IN_PATH : path;
  } catch {
    return DEFAULT_AFTER_SIGN_IN_PATH;
  }
}

/** Builds `/sign-in?next=…` (or sign-up), leaving out the default destination to keep links short. */
export function withNextPath(path: "/sign-in" | "/sign-up", next: string): string {
  return next === DEFAULT_AFTER_SIGN_IN_PATH ? path : `${path}?next=${encodeURIComponent(next)}`;
}
