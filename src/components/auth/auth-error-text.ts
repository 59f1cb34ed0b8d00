/**
 * User-facing text for Better Auth failures: the `{ error }` of a client call, and the `?error=` code its
 * OAuth callback appends when Google sign-in fails. Better Auth's own messages are already written for
 * people ("Invalid email or password"), so they are shown as they come; only gaps are filled in here.
 */

export type AuthClientError = { message?: string | undefined; status?: number | undefined; code?: string | undefined };

const NETWORK_MESSAGE = "We couldn't reach Showreel. Check your connection and try again.";
const RATE_LIMITED_MESSAGE = "Too many attempts. Wait a minute, then try again.";
const GENERIC_MESSAGE = "Something went wrong on our side. Please try again.";

function asSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

export function authErrorText(error: AuthClientError | null | undefined): string {
  if (!error || !error.status) return NETWORK_MESSAGE;
  if (error.status === 429) return RATE_LIMITED_MESSAGE;
  if (error.status >= 500) return GENERIC_MESSAGE;
  return error.message ? asSentence(error.message) : GENERIC_MESSAGE;
}

const OAUTH_ERROR_TEXT: Record<string, string> = {
  access_denied: "You cancelled signing in with Google. Nothing was changed.",
  account_already_linked_to_different_user: "That Google account is already linked to a different Showreel account.",
  account_not_linked: "An account with that email already exists. Sign in with your email and password instead.",
  unable_to_link_account: "An account with that email already exists. Sign in with your email and password instead.",
  email_not_found: "Google didn't share an email address with us, so we couldn't sign you in.",
  email_not_verified: "That Google account's email address isn't verified yet, so we couldn't sign you in.",
  signup_disabled: "New accounts can't be created with Google right now.",
  no_code: "That sign-in attempt expired or was already used. Please try again.",
  invalid_code: "That sign-in attempt expired or was already used. Please try again.",
  state_mismatch: "That sign-in attempt expired or was already used. Please try again.",
  please_restart_the_process: "That sign-in attempt expired or was already used. Please try again.",
};

/** Text for the `?error=` code Better Auth adds when a Google sign-in comes back failed. */
export function oauthErrorText(code: string): string {
  return OAUTH_ERROR_TEXT[code] ?? "Signing in with Google didn't work. Please try again.";
}
