/**
 * Where Showreel sends people for the rules it works under. The two Google addresses are the ones the YouTube
 * API Services Developer Policies name (III.A.1, III.A.2.c); Google's security settings page is given at its
 * current address (the policies' https://security.google.com/settings/security/permissions forwards there).
 */
export const YOUTUBE_TERMS_URL = "https://www.youtube.com/t/terms";
export const GOOGLE_PRIVACY_POLICY_URL = "http://www.google.com/policies/privacy";
export const GOOGLE_PERMISSIONS_URL = "https://myaccount.google.com/permissions";

export const TERMS_PATH = "/terms";
export const PRIVACY_PATH = "/privacy";

/** Links inside running text (the legal pages, the notices under forms): underlined, so not told by colour alone. */
export const LEGAL_LINK_CLASSES =
  "rounded-sm font-medium text-brand-text underline underline-offset-4 hover:no-underline";
