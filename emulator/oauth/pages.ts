/**
 * The HTML Google shows a person during sign-in, in small: the consent page (choose an account,
 * see the requested scopes, Allow / Deny) and the "Error 400: invalid_request" page for requests
 * that must not be redirected. Plain server-rendered HTML with no script, labelled controls and
 * stable ids so Playwright can drive it by role or by id (`#account-<email>`, buttons "Allow"/"Deny").
 */
import type { GoogleAccount } from "./accounts.ts";
import type { AuthorizationRequest } from "./oauth-state.ts";
import { describeScope } from "./scopes.ts";

export const DECISION_PATH = "/o/oauth2/v2/auth/decision";
/** Radio value of "Use another account". */
export const NEW_ACCOUNT_CHOICE = "new";

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

// Spans inside labels are separated by a space in the markup so accessible names read as words
// ("Demo Creator demo.creator@example.com Has a YouTube channel"); the grid layout hides the space.
const STYLE = `
:root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f1f1f; background: #f0f4f9; }
body { margin: 0; min-height: 100vh; display: grid; place-items: center; padding: 24px; box-sizing: border-box; }
main { background: #fff; border-radius: 28px; padding: 36px 40px; max-width: 560px; width: 100%; box-sizing: border-box; }
.brand { font-size: 14px; color: #444746; margin: 0 0 16px; }
.brand strong { color: #0b57d0; }
h1 { font-size: 28px; font-weight: 400; margin: 0 0 8px; }
h2 { font-size: 16px; font-weight: 500; margin: 24px 0 8px; }
p { line-height: 1.5; }
fieldset { border: 0; padding: 0; margin: 16px 0 0; }
legend { font-weight: 500; margin-bottom: 8px; }
.account { display: flex; gap: 12px; align-items: flex-start; padding: 12px; border: 1px solid #c4c7c5; border-radius: 12px; margin-bottom: 8px; }
.account label { display: grid; gap: 2px; cursor: pointer; flex: 1; }
.account .email, .hint { color: #444746; font-size: 14px; }
.new-account { display: grid; gap: 8px; padding: 12px; border: 1px dashed #c4c7c5; border-radius: 12px; }
.new-account input[type="email"], .new-account input[type="text"] { font: inherit; padding: 8px 10px; border: 1px solid #747775; border-radius: 6px; }
.check { display: flex; gap: 8px; align-items: center; }
ul.scopes { padding-left: 20px; margin: 0; }
ul.scopes li { margin: 6px 0; }
/* Allow comes first in the markup: Enter in a text field submits the first button, and that must not be Deny. */
.actions { display: flex; gap: 12px; margin-top: 28px; }
button { font: inherit; font-weight: 500; padding: 10px 24px; border-radius: 20px; cursor: pointer; border: 1px solid #747775; background: #fff; color: #0b57d0; }
button.primary { background: #0b57d0; border-color: #0b57d0; color: #fff; }
:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.alert { background: #fce8e6; color: #8c1d18; border-radius: 8px; padding: 10px 12px; }
code { background: #f0f4f9; padding: 1px 4px; border-radius: 4px; word-break: break-all; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; font-size: 14px; }
dt { color: #444746; }
dd { margin: 0; word-break: break-all; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="brand"><strong>Google</strong> · Showreel emulator</p>
${body}
</main>
</body>
</html>
`;
}

export interface ConsentPageInput {
  requestId: string;
  request: AuthorizationRequest;
  accounts: readonly GoogleAccount[];
  /** Pre-selected account email, or NEW_ACCOUNT_CHOICE. */
  selected: string;
  /** Pre-filled "another account" fields (a login_hint, or what the person typed before an error). */
  newAccount?: { email?: string; name?: string; hasChannel?: boolean };
  error?: string;
}

export function renderConsentPage(input: ConsentPageInput): string {
  const { request } = input;
  const client = escapeHtml(request.clientId);
  const accounts = input.accounts
    .map((account) => {
      const id = `account-${account.email}`;
      const checked = input.selected === account.email ? " checked" : "";
      return `<div class="account">
<input type="radio" name="account" id="${escapeHtml(id)}" value="${escapeHtml(account.email)}"${checked}>
<label for="${escapeHtml(id)}"><span class="name">${escapeHtml(account.name)}</span> <span class="email">${escapeHtml(account.email)}</span> <span class="hint">${account.channelId ? "Has a YouTube channel" : "No YouTube channel"}</span></label>
</div>`;
    })
    .join("\n");
  const fresh = input.newAccount ?? {};
  const isNewChecked = input.selected === NEW_ACCOUNT_CHOICE ? " checked" : "";
  const scopes = [...new Set(request.scopes)].map((scope) => `<li>${escapeHtml(describeScope(scope))}</li>`).join("\n");
  const body = `<h1 id="consent-title">Sign in with Google</h1>
<p>to continue to <strong id="client-id">${client}</strong></p>
${input.error ? `<p class="alert" role="alert" id="consent-error">${escapeHtml(input.error)}</p>` : ""}
<form method="post" action="${DECISION_PATH}" aria-labelledby="consent-title">
<input type="hidden" name="request_id" value="${escapeHtml(input.requestId)}">
<fieldset>
<legend>Choose an account</legend>
${accounts}
<div class="account">
<input type="radio" name="account" id="account-new" value="${NEW_ACCOUNT_CHOICE}"${isNewChecked}>
<label for="account-new"><span class="name">Use another account</span> <span class="hint">Fill in the account below</span></label>
</div>
<div class="new-account" role="group" aria-labelledby="new-account-title">
<span id="new-account-title" class="hint">Another account</span>
<label for="new-account-email">Email</label>
<input type="email" id="new-account-email" name="new_email" autocomplete="off" value="${escapeHtml(fresh.email ?? "")}">
<label for="new-account-name">Name</label>
<input type="text" id="new-account-name" name="new_name" autocomplete="off" value="${escapeHtml(fresh.name ?? "")}">
<span class="check"><input type="checkbox" id="new-account-has-channel" name="new_has_channel" value="true"${fresh.hasChannel ? " checked" : ""}>
<label for="new-account-has-channel">This account has a YouTube channel</label></span>
</div>
</fieldset>
<section aria-labelledby="scopes-title">
<h2 id="scopes-title">${client} wants to access your Google Account</h2>
<p>This will allow ${client} to:</p>
<ul class="scopes" id="scopes">
${scopes}
</ul>
</section>
<div class="actions">
<button type="submit" name="decision" value="allow" id="allow" class="primary">Allow</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</div>
</form>`;
  return page("Sign in – Google Accounts", body);
}

/** Google's "Access blocked" page: shown instead of redirecting when the request itself is bad. */
export function renderErrorPage(input: {
  error: string;
  status: number;
  description: string;
  details?: Record<string, string>;
}): string {
  const details = Object.entries(input.details ?? {})
    .map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join("\n");
  const body = `<h1>Access blocked: Authorization Error</h1>
<p class="alert" role="alert" id="error-code">Error ${input.status}: ${escapeHtml(input.error)}</p>
<p id="error-description">${escapeHtml(input.description)}</p>
${details ? `<h2>Request details</h2>\n<dl>\n${details}\n</dl>` : ""}`;
  return page(`Error ${input.status}: ${input.error}`, body);
}
