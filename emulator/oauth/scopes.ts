/**
 * Google OAuth scopes as the emulator understands them: which strings are valid, the canonical form
 * Google reports in token replies (`email` → `…/auth/userinfo.email`), the plain-words consent text,
 * and which scopes open the YouTube Data API.
 */

const AUTH = "https://www.googleapis.com/auth/";

export const OPENID_SCOPE = "openid";
export const EMAIL_SCOPE = `${AUTH}userinfo.email`;
export const PROFILE_SCOPE = `${AUTH}userinfo.profile`;
export const YOUTUBE_READONLY_SCOPE = `${AUTH}youtube.readonly`;
export const YOUTUBE_SCOPE = `${AUTH}youtube`;
export const YOUTUBE_FORCE_SSL_SCOPE = `${AUTH}youtube.force-ssl`;
export const YOUTUBE_UPLOAD_SCOPE = `${AUTH}youtube.upload`;
export const YOUTUBEPARTNER_SCOPE = `${AUTH}youtubepartner`;

/** Short names Google accepts in `scope=` and reports under their full URL. */
const ALIASES: Readonly<Record<string, string>> = { email: EMAIL_SCOPE, profile: PROFILE_SCOPE };

/** Any of these lets a token read the Data API (channels.list, playlistItems.list, videos.list). */
export const DATA_API_READ_SCOPES: readonly string[] = [
  YOUTUBE_READONLY_SCOPE,
  YOUTUBE_SCOPE,
  YOUTUBE_FORCE_SSL_SCOPE,
  YOUTUBEPARTNER_SCOPE,
];

/** Scopes that do not make a Testing-mode refresh token expire after 7 days. */
const BASIC_SCOPES = new Set([OPENID_SCOPE, EMAIL_SCOPE, PROFILE_SCOPE]);

// Worded like Google's consent screen.
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  [OPENID_SCOPE]: "Associate you with your personal info on Google",
  [EMAIL_SCOPE]: "See your primary Google Account email address",
  [PROFILE_SCOPE]: "See your personal info, including any personal info you've made publicly available",
  [YOUTUBE_READONLY_SCOPE]: "View your YouTube account",
  [YOUTUBE_SCOPE]: "Manage your YouTube account",
  [YOUTUBE_FORCE_SSL_SCOPE]: "See, edit, and permanently delete your YouTube videos, ratings, comments and captions",
  [YOUTUBE_UPLOAD_SCOPE]: "Manage your YouTube videos",
  [YOUTUBEPARTNER_SCOPE]: "View and manage your assets and associated content on YouTube",
};

export function canonicalScope(scope: string): string {
  return ALIASES[scope] ?? scope;
}

/**
 * Google rejects scopes it does not know; the emulator knows the identity scopes and takes any
 * `https://www.googleapis.com/auth/…` URL, so new Google APIs need no emulator change.
 */
export function isKnownScope(scope: string): boolean {
  return (
    scope === OPENID_SCOPE ||
    scope in ALIASES ||
    (scope.startsWith(AUTH) && /^[a-z0-9._-]+$/i.test(scope.slice(AUTH.length)))
  );
}

export function describeScope(scope: string): string {
  return DESCRIPTIONS[canonicalScope(scope)] ?? scope;
}

/** Space-separated, as in Google's token replies: auth URLs sorted, `openid` last. */
export function formatScopes(scopes: Iterable<string>): string {
  const unique = [...new Set([...scopes].map(canonicalScope))];
  const urls = unique.filter((scope) => scope !== OPENID_SCOPE).sort();
  return [...urls, ...(unique.includes(OPENID_SCOPE) ? [OPENID_SCOPE] : [])].join(" ");
}

/**
 * The `scope` Google puts on the redirect: short names the app asked for first, then the full URLs
 * (`email profile https://…/userinfo.email https://…/userinfo.profile openid`).
 */
export function formatRedirectScopes(requested: readonly string[], granted: Iterable<string>): string {
  const shortNames = requested.filter((scope) => scope in ALIASES);
  return [...new Set(shortNames)].concat(formatScopes(granted).split(" ")).join(" ");
}

export function hasDataApiReadScope(scopes: ReadonlySet<string>): boolean {
  return DATA_API_READ_SCOPES.some((scope) => scopes.has(scope));
}

export function hasOnlyBasicScopes(scopes: Iterable<string>): boolean {
  return [...scopes].every((scope) => BASIC_SCOPES.has(canonicalScope(scope)));
}
