/**
 * Google's OAuth 2.0 / OpenID Connect endpoints, as the app meets them: the authorize endpoint and
 * its consent page (accounts.google.com), the token and revoke endpoints (oauth2.googleapis.com),
 * userinfo (openidconnect.googleapis.com and the older www.googleapis.com path), the JWKS and the
 * discovery document; plus the `/_emulator/oauth/*` control routes. Rules live in oauth/oauth-state.ts.
 * Reference: emulator/README.md (OAuth).
 */
import type { ServerResponse } from "node:http";
import { z } from "zod";
import { definedFields } from "../defined-fields.ts";
import { DEMO_ACCOUNT_EMAIL } from "../demo-world.ts";
import { enactFaultDelays, REVOKE_FAULT_ENDPOINT, TOKEN_FAULT_ENDPOINT, type Fault } from "../faults.ts";
import { createChannelForAccount, type GoogleAccount } from "../oauth/accounts.ts";
import {
  GOOGLE_ISSUER,
  OAuthError,
  type AuthorizationRequest,
  type OAuthState,
  type PromptValue,
  type TokenReply,
} from "../oauth/oauth-state.ts";
import { DECISION_PATH, NEW_ACCOUNT_CHOICE, renderConsentPage, renderErrorPage } from "../oauth/pages.ts";
import { EMAIL_SCOPE, PROFILE_SCOPE, isKnownScope } from "../oauth/scopes.ts";
import { BadRequestError, readBodyText, sendJson, type RequestContext, type Router } from "../router.ts";
import type { EmulatorState } from "../state.ts";
import { ControlError, control, parseBody } from "./control.ts";

export const AUTHORIZE_PATH = "/o/oauth2/v2/auth";

const PROMPT_VALUES: ReadonlySet<string> = new Set<PromptValue>(["none", "consent", "select_account"]);
/** RFC 7636 §4.2: a challenge is 43–128 unreserved characters. */
const CODE_CHALLENGE_PATTERN = /^[A-Za-z0-9._~-]{43,128}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

// The consent page posts to itself and then redirects, so no form-action (Chrome applies it to the
// redirect too); everything else is locked down — the pages need no script and no outside resource.
const HTML_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "no-cache, no-store, max-age=0, must-revalidate",
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
};

// The token endpoint's replies must never be cached (RFC 6749 §5.1), and Google says so.
const NO_STORE_HEADERS = {
  "cache-control": "no-cache, no-store, max-age=0, must-revalidate",
  pragma: "no-cache",
  expires: "Mon, 01 Jan 1990 00:00:00 GMT",
};

export function registerOAuthRoutes(router: Router): void {
  // GET /o/oauth2/v2/auth — bad request → error page; else consent page (or an instant redirect: autoConsent, prompt=none)
  router.add("GET", AUTHORIZE_PATH, handleAuthorize);
  // POST /o/oauth2/v2/auth/decision — Allow → 302 redirect_uri?code=…; Deny → 302 redirect_uri?error=access_denied
  router.add("POST", DECISION_PATH, handleDecision);
  // POST /token — authorization_code | refresh_token
  router.add("POST", "/token", handleToken);
  // POST /revoke — token in query or form; revokes the token's whole grant
  router.add("POST", "/revoke", handleRevoke);
  // GET /v1/userinfo — OpenID userinfo of the bearer's account (openidconnect.googleapis.com)
  router.add("GET", "/v1/userinfo", handleUserinfo);
  // GET /oauth2/v3/userinfo — the same on its older www.googleapis.com path
  router.add("GET", "/oauth2/v3/userinfo", handleUserinfo);
  // GET /oauth2/v3/certs — JWKS for id-token signatures
  router.add("GET", "/oauth2/v3/certs", handleCerts);
  // GET /.well-known/openid-configuration — discovery document pointing at this emulator
  router.add("GET", "/.well-known/openid-configuration", handleDiscovery);
  registerOAuthControlRoutes(router);
}

// ——— authorize ———

type ParsedAuthorization = { request: AuthorizationRequest } | { error: OAuthError };

const invalidRequest = (description: string): { error: OAuthError } => ({
  error: new OAuthError(400, "invalid_request", description),
});

/** Why a redirect_uri cannot be used, or null. Google also insists on https off localhost; the emulator does not. */
function redirectUriProblem(redirectUri: string): string | null {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return `Missing scheme: ${redirectUri}`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `Invalid scheme: ${url.protocol.slice(0, -1)}`;
  if (url.hash !== "" || redirectUri.includes("#")) return `Fragment not allowed: ${redirectUri}`;
  if (url.username !== "" || url.password !== "") return `User info not allowed: ${redirectUri}`;
  return null;
}

/**
 * Validates in the order that matters: nothing may redirect until client_id and redirect_uri are
 * known good, so every failure here is an error page.
 */
export function parseAuthorizationRequest(params: URLSearchParams, oauth: OAuthState): ParsedAuthorization {
  const get = (name: string): string | undefined => {
    const value = params.get(name);
    return value === null || value === "" ? undefined : value;
  };
  const clientId = get("client_id");
  if (clientId === undefined) return invalidRequest("Missing required parameter: client_id");
  const redirectUri = get("redirect_uri");
  if (redirectUri === undefined) return invalidRequest("Missing required parameter: redirect_uri");
  const problem = redirectUriProblem(redirectUri);
  if (problem) return invalidRequest(`Invalid parameter value for redirect_uri: ${problem}`);
  const clientError = oauth.checkAuthorizeClient(clientId, redirectUri);
  if (clientError) return { error: clientError };

  const responseType = get("response_type");
  if (responseType === undefined) return invalidRequest("Required parameter is missing: response_type");
  if (responseType !== "code") {
    return {
      error: new OAuthError(
        400,
        "unsupported_response_type",
        `Unsupported response_type: ${responseType}. The emulator serves the authorization-code flow only.`,
      ),
    };
  }

  const scopes = (get("scope") ?? "").split(/\s+/).filter(Boolean);
  if (scopes.length === 0) return invalidRequest("Missing required parameter: scope");
  const invalidScopes = scopes.filter((scope) => !isKnownScope(scope));
  if (invalidScopes.length > 0) {
    const validScopes = scopes.filter(isKnownScope);
    return {
      error: new OAuthError(
        400,
        "invalid_scope",
        `Some requested scopes were invalid. {valid=[${validScopes.join(", ")}], invalid=[${invalidScopes.join(", ")}]}`,
      ),
    };
  }

  const codeChallenge = get("code_challenge");
  const method = get("code_challenge_method");
  if (method !== undefined && method !== "S256" && method !== "plain")
    return invalidRequest("Invalid code_challenge_method value.");
  if (method !== undefined && codeChallenge === undefined)
    return invalidRequest("Missing required parameter: code_challenge");
  if (codeChallenge !== undefined && !CODE_CHALLENGE_PATTERN.test(codeChallenge))
    return invalidRequest("Invalid code_challenge value.");

  const accessType = get("access_type") ?? "online";
  if (accessType !== "online" && accessType !== "offline") return invalidRequest(`Invalid access_type: ${accessType}`);

  const prompts = (get("prompt") ?? "").split(/\s+/).filter(Boolean);
  const badPrompt = prompts.find((prompt) => !PROMPT_VALUES.has(prompt));
  if (badPrompt !== undefined) return invalidRequest(`Invalid prompt: ${badPrompt}`);
  if (prompts.includes("none") && prompts.length > 1)
    return invalidRequest("Invalid prompt: none cannot be combined with other values");

  const state = params.get("state");
  const loginHint = get("login_hint");
  const nonce = get("nonce");
  return {
    request: definedFields({
      clientId,
      redirectUri,
      scopes,
      // RFC 7636: a challenge without a method is "plain".
      ...(codeChallenge !== undefined ? { codeChallenge, codeChallengeMethod: method ?? "plain" } : {}),
      accessType,
      prompts: new Set(prompts as PromptValue[]),
      includeGrantedScopes: get("include_granted_scopes") === "true",
      state: state ?? undefined,
      loginHint,
      nonce,
    }),
  };
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { ...HTML_HEADERS, "content-length": Buffer.byteLength(html) });
  res.end(html);
}

function sendErrorPage(res: ServerResponse, error: OAuthError, params?: URLSearchParams): void {
  // Google lists the request's parameters under the error, which is what a developer needs to fix it.
  const details = params ? Object.fromEntries(params) : undefined;
  sendHtml(
    res,
    error.status,
    renderErrorPage({
      error: error.error,
      status: error.status,
      description: error.description,
      ...(details ? { details } : {}),
    }),
  );
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, "cache-control": "no-store", "content-length": 0 });
  res.end();
}

function redirectTo(request: AuthorizationRequest, params: Array<[string, string]>): string {
  const url = new URL(request.redirectUri);
  for (const [name, value] of params) url.searchParams.append(name, value);
  return url.toString();
}

function deniedLocation(request: AuthorizationRequest, error = "access_denied"): string {
  return redirectTo(request, [
    ["error", error],
    ...(request.state !== undefined ? [["state", request.state] as [string, string]] : []),
  ]);
}

function allowedLocation(
  oauth: OAuthState,
  request: AuthorizationRequest,
  account: GoogleAccount,
  prompt: "consent" | "none",
): string {
  const { code, scope } = oauth.issueCode(request, account);
  return redirectTo(request, [
    ["code", code],
    ...(request.state !== undefined ? [["state", request.state] as [string, string]] : []),
    ["scope", scope],
    ["authuser", "0"],
    ["prompt", prompt],
  ]);
}

/** Who auto-consent and prompt=none sign in as: the configured account, a known login_hint, else nobody. */
function presetAccount(oauth: OAuthState, request: AuthorizationRequest): GoogleAccount | null {
  if (oauth.settings.autoAccount !== null) return oauth.findAccount(oauth.settings.autoAccount);
  return request.loginHint === undefined ? null : oauth.findAccount(request.loginHint);
}

function consentPage(
  oauth: OAuthState,
  requestId: string,
  request: AuthorizationRequest,
  extra: { error?: string; form?: URLSearchParams } = {},
): string {
  const accounts = [...oauth.accounts.values()];
  const hinted = request.loginHint === undefined ? null : oauth.findAccount(request.loginHint);
  const isHintNew = request.loginHint !== undefined && hinted === null;
  const chosen = extra.form?.get("account");
  const selected =
    chosen || (hinted?.email ?? (isHintNew ? NEW_ACCOUNT_CHOICE : (accounts[0]?.email ?? NEW_ACCOUNT_CHOICE)));
  const newAccount = extra.form
    ? {
        email: extra.form.get("new_email") ?? "",
        name: extra.form.get("new_name") ?? "",
        hasChannel: extra.form.get("new_has_channel") === "true",
      }
    : isHintNew
      ? { email: request.loginHint ?? "" }
      : {};
  return renderConsentPage({
    requestId,
    request,
    accounts,
    selected,
    newAccount,
    ...(extra.error ? { error: extra.error } : {}),
  });
}

function handleAuthorize({ res, url, state }: RequestContext): void {
  const { oauth } = state;
  const parsed = parseAuthorizationRequest(url.searchParams, oauth);
  if ("error" in parsed) {
    sendErrorPage(res, parsed.error, url.searchParams);
    return;
  }
  const { request } = parsed;
  if (request.prompts.has("none")) {
    // No browser session here: only a preset account with a grant that covers the scopes passes.
    const account = presetAccount(oauth, request);
    if (!account) redirect(res, deniedLocation(request, "login_required"));
    else if (!oauth.coversWithoutConsent(request, account)) redirect(res, deniedLocation(request, "consent_required"));
    else redirect(res, allowedLocation(oauth, request, account, "none"));
    return;
  }
  if (oauth.settings.autoConsent === "deny") {
    redirect(res, deniedLocation(request));
    return;
  }
  if (oauth.settings.autoConsent === "allow") {
    const account = presetAccount(oauth, request) ?? oauth.findAccount(DEMO_ACCOUNT_EMAIL);
    if (account) {
      redirect(res, allowedLocation(oauth, request, account, "consent"));
      return;
    }
  }
  const requestId = oauth.savePending(request);
  sendHtml(res, 200, consentPage(oauth, requestId, request));
}

function createAccount(
  state: EmulatorState,
  input: { email: string; name: string; hasChannel: boolean },
): GoogleAccount {
  const name = input.name.trim() || (input.email.split("@")[0] ?? input.email);
  const channelId = input.hasChannel ? createChannelForAccount(state.catalog, input.email, name) : null;
  return state.oauth.addAccount({ email: input.email, name, channelId });
}

async function handleDecision(context: RequestContext): Promise<void> {
  const { req, res, state } = context;
  const { oauth } = state;
  let form: URLSearchParams;
  try {
    form = new URLSearchParams(await readBodyText(req));
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    sendErrorPage(res, new OAuthError(400, "invalid_request", error.message));
    return;
  }
  const requestId = form.get("request_id") ?? "";
  const request = oauth.peekPending(requestId);
  if (!request) {
    sendErrorPage(
      res,
      new OAuthError(
        400,
        "invalid_request",
        "This sign-in request has expired or was already answered. Start again from the app.",
      ),
    );
    return;
  }
  const decision = form.get("decision");
  if (decision === "deny") {
    oauth.takePending(requestId);
    redirect(res, deniedLocation(request));
    return;
  }
  const retry = (error: string): void => sendHtml(res, 400, consentPage(oauth, requestId, request, { error, form }));
  if (decision !== "allow") return retry("Choose Allow or Deny.");

  const choice = form.get("account") ?? "";
  const newEmail = (form.get("new_email") ?? "").trim();
  let account: GoogleAccount | null;
  if (choice === NEW_ACCOUNT_CHOICE || (choice === "" && newEmail !== "")) {
    if (!EMAIL_PATTERN.test(newEmail)) return retry("Enter a valid email address for the other account.");
    // An email that already has an account signs in as that account, as Google would.
    account =
      oauth.findAccount(newEmail) ??
      createAccount(state, {
        email: newEmail,
        name: form.get("new_name") ?? "",
        hasChannel: form.get("new_has_channel") === "true",
      });
  } else {
    account = oauth.findAccount(choice);
    if (!account) return retry("Choose an account.");
  }
  oauth.takePending(requestId);
  redirect(res, allowedLocation(oauth, request, account, "consent"));
}

// ——— token, revoke, userinfo ———

function sendOAuthJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJson(res, status, body, { ...NO_STORE_HEADERS, ...headers });
}

function sendOAuthError(res: ServerResponse, error: OAuthError): void {
  sendOAuthJson(res, error.status, { error: error.error, error_description: error.description });
}

/** Google takes form bodies (the standard) and JSON bodies alike. */
async function readTokenParams(context: RequestContext): Promise<URLSearchParams> {
  const text = await readBodyText(context.req);
  if (!(context.req.headers["content-type"] ?? "").includes("application/json")) return new URLSearchParams(text);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new OAuthError(400, "invalid_request", "Invalid JSON payload received.");
  }
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new OAuthError(400, "invalid_request", "Invalid JSON payload received.");
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) if (typeof value === "string") params.set(name, value);
  return params;
}

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/** client_secret_basic (RFC 6749 §2.3.1: each part form-encoded, then base64) or client_secret_post. */
function clientCredentials(
  context: RequestContext,
  form: URLSearchParams,
): { clientId?: string; clientSecret?: string } {
  const bodyId = form.get("client_id") || undefined;
  const bodySecret = form.get("client_secret") || undefined;
  const basic = /^Basic\s+(\S+)\s*$/i.exec(context.req.headers.authorization ?? "");
  if (!basic) return { ...(bodyId ? { clientId: bodyId } : {}), ...(bodySecret ? { clientSecret: bodySecret } : {}) };
  const decoded = Buffer.from(basic[1] ?? "", "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw new OAuthError(401, "invalid_client", "Unauthorized");
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  if (bodyId !== undefined && bodyId !== clientId) {
    throw new OAuthError(400, "invalid_request", "client_id in the body does not match the Authorization header.");
  }
  return { clientId, ...(clientSecret ? { clientSecret } : {}) };
}

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (!value) throw new OAuthError(400, "invalid_request", `Missing required parameter: ${name}`);
  return value;
}

async function handleToken(context: RequestContext): Promise<void> {
  const { res, state } = context;
  try {
    const form = await readTokenParams(context);
    const grantType = form.get("grant_type") ?? "";
    if (grantType === "authorization_code") state.counters.recordOAuth("authorizationCode");
    else if (grantType === "refresh_token") state.counters.recordOAuth("refreshToken");
    else throw new OAuthError(400, "unsupported_grant_type", `Invalid grant_type: ${grantType}`);
    // Counted first, then held by any latency or hang fault on "token": a test sees the refresh asked for.
    if (!(await enactFaultDelays(state.faults, state.faults.decide(TOKEN_FAULT_ENDPOINT), context.signal))) return;
    const { clientId, clientSecret } = clientCredentials(context, form);
    state.oauth.authenticateClient(clientId, clientSecret);
    const client = clientId ?? "";
    let reply: TokenReply;
    if (grantType === "authorization_code") {
      const code = required(form, "code");
      const redirectUri = required(form, "redirect_uri");
      const codeVerifier = form.get("code_verifier") || undefined;
      reply = state.oauth.exchangeCode(
        definedFields({
          clientId: client,
          code,
          redirectUri,
          codeVerifier,
        }),
      );
    } else {
      reply = state.oauth.refresh({ clientId: client, refreshToken: required(form, "refresh_token") });
    }
    sendOAuthJson(res, 200, reply);
  } catch (error) {
    if (error instanceof OAuthError) sendOAuthError(res, error);
    else if (error instanceof BadRequestError)
      sendOAuthError(res, new OAuthError(400, "invalid_request", error.message));
    else throw error;
  }
}

/**
 * A failing Google front end answers with its own HTML error page, not the OAuth JSON envelope (no recorded
 * body of the revoke endpoint's 5xx exists; this is the page Google's front ends serve).
 */
function sendFrontEndError(res: ServerResponse, fault: Fault): void {
  const status = fault.kind === "429" ? 429 : fault.status;
  const title = status === 429 ? "Too Many Requests" : status === 503 ? "Service Unavailable" : "Internal Server Error";
  const html = `<!DOCTYPE html><html lang="en"><head><title>Error ${status} (${title})</title></head><body><p><b>${status}.</b> ${title}</p></body></html>`;
  const retryAfter: Record<string, string> = status === 500 ? {} : { "retry-after": String(fault.retryAfterSeconds) };
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    ...retryAfter,
  });
  res.end(html);
}

async function handleRevoke(context: RequestContext): Promise<void> {
  const { res, url, state } = context;
  state.counters.recordOAuth("revoke");
  // Counted first, then any fault on "revoke": a failed revoke leaves the grant as it was.
  const decision = state.faults.decide(REVOKE_FAULT_ENDPOINT);
  if (!(await enactFaultDelays(state.faults, decision, context.signal))) return;
  if (decision.action?.kind === "error") {
    sendFrontEndError(res, decision.action.fault);
    return;
  }
  try {
    const token = url.searchParams.get("token") || (await readTokenParams(context)).get("token");
    if (!token) throw new OAuthError(400, "invalid_request", "Missing required parameter: token");
    if (!state.oauth.revokeToken(token)) throw new OAuthError(400, "invalid_token", "Token expired or revoked");
    sendOAuthJson(res, 200, {});
  } catch (error) {
    if (error instanceof OAuthError) sendOAuthError(res, error);
    else if (error instanceof BadRequestError)
      sendOAuthError(res, new OAuthError(400, "invalid_request", error.message));
    else throw error;
  }
}

/** Claims as Google's userinfo gives them: `sub` always, profile claims with profile, email ones with email. */
function handleUserinfo({ req, res, url, state }: RequestContext): void {
  state.counters.recordOAuth("userinfo");
  const header = req.headers.authorization;
  const token = header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : (url.searchParams.get("access_token") ?? undefined);
  const check = token === undefined ? null : state.oauth.checkAccessToken(token);
  if (check?.status !== "valid") {
    sendOAuthJson(
      res,
      401,
      { error: "invalid_request", error_description: "Invalid Credentials" },
      { "www-authenticate": 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
    );
    return;
  }
  const { account, scopes } = check;
  const body: Record<string, unknown> = { sub: account.sub };
  if (scopes.has(PROFILE_SCOPE)) {
    Object.assign(body, { name: account.name, given_name: account.givenName });
    if (account.familyName !== undefined) body.family_name = account.familyName;
    body.picture = state.localizeImages(account.picture);
  }
  if (scopes.has(EMAIL_SCOPE)) Object.assign(body, { email: account.email, email_verified: true });
  sendJson(res, 200, body, { "cache-control": "no-cache, no-store, max-age=0, must-revalidate" });
}

function handleCerts({ res, state }: RequestContext): void {
  // Google lets clients cache its certs for hours; the emulator's key never changes while it runs.
  sendJson(
    res,
    200,
    { keys: [state.oauth.signingKey.publicJwk] },
    { "cache-control": "public, max-age=21600, must-revalidate, no-transform" },
  );
}

function handleDiscovery({ req, res }: RequestContext): void {
  const base = `http://${req.headers.host ?? "127.0.0.1"}`;
  sendJson(res, 200, {
    // The issuer stays Google's, as in id tokens; the endpoints are this emulator.
    issuer: GOOGLE_ISSUER,
    authorization_endpoint: `${base}${AUTHORIZE_PATH}`,
    token_endpoint: `${base}/token`,
    userinfo_endpoint: `${base}/v1/userinfo`,
    revocation_endpoint: `${base}/revoke`,
    jwks_uri: `${base}/oauth2/v3/certs`,
    response_types_supported: ["code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: ["RS256"],
    scopes_supported: ["openid", "email", "profile"],
    token_endpoint_auth_methods_supported: ["client_secret_post", "client_secret_basic"],
    claims_supported: [
      "aud",
      "email",
      "email_verified",
      "exp",
      "family_name",
      "given_name",
      "iat",
      "iss",
      "name",
      "picture",
      "sub",
    ],
    code_challenge_methods_supported: ["plain", "S256"],
    grant_types_supported: ["authorization_code", "refresh_token"],
  });
}

// ——— control API ———

const accountSchema = z.strictObject({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  hasChannel: z.boolean().optional(),
});

const clientSchema = z.strictObject({
  clientId: z.string().min(1).max(500),
  clientSecret: z.string().min(1).max(500),
  redirectUris: z.array(z.url()).max(100).optional(),
});

const revokeSchema = z.strictObject({ email: z.email().optional(), grantId: z.string().min(1).optional() });

const expireSchema = z.strictObject({ email: z.email().optional() });

const settingsSchema = z.strictObject({
  autoConsent: z.enum(["allow", "deny"]).nullable().optional(),
  autoAccount: z.email().nullable().optional(),
  testingMode: z.boolean().optional(),
});

function describeAccount(account: GoogleAccount): Record<string, unknown> {
  return {
    sub: account.sub,
    email: account.email,
    name: account.name,
    givenName: account.givenName,
    familyName: account.familyName ?? null,
    picture: account.picture,
    channelId: account.channelId,
  };
}

function describeClients(oauth: OAuthState): Record<string, unknown> {
  return {
    strict: oauth.isClientCheckStrict,
    clients: [...oauth.clients.values()].map((client) => ({
      clientId: client.clientId,
      redirectUris: client.redirectUris,
      registered: client.isRegistered,
    })),
  };
}

function registerOAuthControlRoutes(router: Router): void {
  // GET /_emulator/oauth/accounts — Google accounts the consent page offers
  router.add(
    "GET",
    "/_emulator/oauth/accounts",
    control(({ res, state }) =>
      sendJson(res, 200, { accounts: [...state.oauth.accounts.values()].map(describeAccount) }),
    ),
  );

  // POST /_emulator/oauth/accounts — {email, name, hasChannel?} → 201 account (a new channel when hasChannel)
  router.add(
    "POST",
    "/_emulator/oauth/accounts",
    control(async (context) => {
      const body = await parseBody(context, accountSchema);
      if (context.state.oauth.findAccount(body.email))
        throw new ControlError(409, "conflict", `account ${body.email} already exists`);
      const account = createAccount(context.state, {
        email: body.email,
        name: body.name,
        hasChannel: body.hasChannel ?? false,
      });
      sendJson(context.res, 201, describeAccount(account));
    }),
  );

  // GET /_emulator/oauth/clients — known clients and whether checking is strict
  router.add(
    "GET",
    "/_emulator/oauth/clients",
    control(({ res, state }) => sendJson(res, 200, describeClients(state.oauth))),
  );

  // POST /_emulator/oauth/clients — {clientId, clientSecret, redirectUris?}; from now on only registered clients pass
  router.add(
    "POST",
    "/_emulator/oauth/clients",
    control(async (context) => {
      const body = await parseBody(context, clientSchema);
      const client = context.state.oauth.registerClient(
        definedFields({
          clientId: body.clientId,
          clientSecret: body.clientSecret,
          redirectUris: body.redirectUris,
        }),
      );
      sendJson(context.res, 201, { clientId: client.clientId, redirectUris: client.redirectUris, registered: true });
    }),
  );

  // GET /_emulator/oauth/grants — every grant: account, client, scopes, revoked, refresh token alive
  router.add(
    "GET",
    "/_emulator/oauth/grants",
    control(({ res, state }) => sendJson(res, 200, { grants: state.oauth.listGrants() })),
  );

  // POST /_emulator/oauth/revoke — {email?, grantId?} (neither: all) as if the user removed access
  router.add(
    "POST",
    "/_emulator/oauth/revoke",
    control(async (context) => {
      const body = await parseBody(context, revokeSchema);
      const { oauth } = context.state;
      if (body.grantId !== undefined && !oauth.hasGrant(body.grantId))
        throw new ControlError(404, "not_found", `grant ${body.grantId} not found`);
      const revoked = oauth.revokeGrants(
        definedFields({
          email: body.email,
          grantId: body.grantId,
        }),
      );
      sendJson(context.res, 200, { revoked });
    }),
  );

  // POST /_emulator/oauth/expire-access-tokens — {email?}: live access tokens expire now (refresh tokens keep working)
  router.add(
    "POST",
    "/_emulator/oauth/expire-access-tokens",
    control(async (context) => {
      const body = await parseBody(context, expireSchema);
      sendJson(context.res, 200, { expired: context.state.oauth.expireAccessTokens(body.email) });
    }),
  );

  // GET /_emulator/oauth/settings — autoConsent, autoAccount, testingMode
  router.add(
    "GET",
    "/_emulator/oauth/settings",
    control(({ res, state }) => sendJson(res, 200, state.oauth.settings)),
  );

  // POST /_emulator/oauth/settings — {autoConsent?: "allow"|"deny"|null, autoAccount?: email|null, testingMode?}
  router.add(
    "POST",
    "/_emulator/oauth/settings",
    control(async (context) => {
      const body = await parseBody(context, settingsSchema);
      const { oauth } = context.state;
      let autoAccount = body.autoAccount;
      if (autoAccount !== undefined && autoAccount !== null) {
        const account = oauth.findAccount(autoAccount);
        if (!account) throw new ControlError(404, "not_found", `account ${autoAccount} not found`);
        autoAccount = account.email;
      }
      oauth.settings = {
        autoConsent: body.autoConsent === undefined ? oauth.settings.autoConsent : body.autoConsent,
        autoAccount: autoAccount === undefined ? oauth.settings.autoAccount : autoAccount,
        testingMode: body.testingMode ?? oauth.settings.testingMode,
      };
      sendJson(context.res, 200, oauth.settings);
    }),
  );
}
