/**
 * The emulated Google OAuth server's state and rules: accounts, clients, pending consent requests,
 * authorization codes, grants and tokens. Routes (routes/oauth.ts) parse HTTP; everything Google
 * decides — who gets a refresh token, when a code or token stops working, what a replayed code
 * revokes — is decided here, against the emulator clock.
 *
 * Model: a grant is one account's consent to one client (Google's "third-party access" entry).
 * Consenting again extends the grant's scopes; revoking it (either token at /revoke, or the control
 * API) kills every token of it, and the next consent makes a new grant. Access tokens carry the
 * scopes of the exchange that made them; refresh tokens refresh to all of the grant's scopes.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { definedFields } from "../defined-fields.ts";
import { buildAccount, createDemoAccounts, normalizeEmail, type GoogleAccount } from "./accounts.ts";
import { accessTokenHash, signJwt, type SigningKey } from "./jwt.ts";
import {
  EMAIL_SCOPE,
  OPENID_SCOPE,
  PROFILE_SCOPE,
  canonicalScope,
  formatRedirectScopes,
  formatScopes,
  hasOnlyBasicScopes,
} from "./scopes.ts";

export const GOOGLE_ISSUER = "https://accounts.google.com";
/** Access tokens live an hour; Google reports `expires_in: 3599` because a second has gone by. */
export const ACCESS_TOKEN_LIFETIME_MS = 3_600_000;
export const EXPIRES_IN_SECONDS = 3599;
export const AUTHORIZATION_CODE_LIFETIME_MS = 10 * 60_000;
const DAY_MS = 86_400_000;
/** Google drops refresh tokens unused for six months. */
export const REFRESH_TOKEN_IDLE_LIMIT_MS = 183 * DAY_MS;
/** Consent screen in "Testing": refresh tokens for non-basic scopes last 7 days. */
export const TESTING_REFRESH_TOKEN_LIFETIME_MS = 7 * DAY_MS;
/** Per account and client; past it Google silently invalidates the oldest refresh token. */
export const MAX_REFRESH_TOKENS_PER_CLIENT = 100;
// Bounds for long benchmark runs: abandoned consent pages and dead tokens must not pile up.
const MAX_PENDING_REQUESTS = 1000;
const SWEEP_THRESHOLD = 10_000;

/** A token-endpoint (or revoke) failure in Google's envelope `{error, error_description}`. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(`${error}: ${description}`);
    this.name = "OAuthError";
  }
}

export const tokenExpiredOrRevoked = (): OAuthError =>
  new OAuthError(400, "invalid_grant", "Token has been expired or revoked.");
const badCode = (): OAuthError => new OAuthError(400, "invalid_grant", "Bad Request");

export type PromptValue = "none" | "consent" | "select_account";

/** A validated `/o/oauth2/v2/auth` request. */
export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  /** As the app wrote them (short names kept, for the redirect's `scope`). */
  scopes: string[];
  state?: string;
  codeChallenge?: string;
  codeChallengeMethod?: "S256" | "plain";
  accessType: "online" | "offline";
  prompts: ReadonlySet<PromptValue>;
  includeGrantedScopes: boolean;
  loginHint?: string;
  nonce?: string;
}

export interface TokenReply {
  access_token: string;
  expires_in: number;
  refresh_token?: string;
  scope: string;
  token_type: "Bearer";
  id_token?: string;
}

export interface OAuthSettings {
  /** Answer the authorize endpoint at once, without the consent page (scripted tests). */
  autoConsent: "allow" | "deny" | null;
  /** Account auto-consent signs in as (default: a known login_hint, else the demo account). */
  autoAccount: string | null;
  /** Consent screen in "Testing" publishing status: 7-day refresh tokens for YouTube scopes. */
  testingMode: boolean;
}

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  /** Registered redirect URIs; null accepts any. */
  redirectUris: string[] | null;
  /** Registered through the control API (strict) rather than remembered on first use. */
  isRegistered: boolean;
}

interface Grant {
  id: string;
  email: string;
  clientId: string;
  scopes: Set<string>;
  createdAtMs: number;
  revokedAtMs: number | null;
}

interface AuthorizationCode {
  code: string;
  grantId: string;
  clientId: string;
  redirectUri: string;
  scopes: Set<string>;
  codeChallenge?: string;
  codeChallengeMethod?: "S256" | "plain";
  nonce?: string;
  issuesRefreshToken: boolean;
  issuedAtMs: number;
  isRedeemed: boolean;
}

interface AccessTokenRecord {
  grantId: string;
  /** The code the token descends from (through refreshes too): a replay of it revokes the token. */
  code: string;
  scopes: Set<string>;
  expiresAtMs: number;
  isRevoked: boolean;
}

interface RefreshTokenRecord {
  grantId: string;
  code: string;
  issuedAtMs: number;
  lastUsedAtMs: number;
  isRevoked: boolean;
}

export type AccessTokenCheck =
  | { status: "valid"; account: GoogleAccount; scopes: ReadonlySet<string> }
  | { status: "invalid" }
  /** Not issued here: the caller may try the `/_emulator/tokens` registry. */
  | { status: "unknown" };

export interface GrantSummary {
  id: string;
  email: string;
  clientId: string;
  scopes: string[];
  revoked: boolean;
  hasRefreshToken: boolean;
  liveAccessTokens: number;
  createdAt: string;
  revokedAt: string | null;
}

/** Random, so a token from before a reset can never match one issued after it. */
function randomToken(prefix: string, bytes: number): string {
  return `${prefix}${randomBytes(bytes).toString("base64url")}`;
}

function secretsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export class OAuthState {
  readonly accounts = new Map<string, GoogleAccount>();
  readonly clients = new Map<string, OAuthClient>();
  /** Set once a client is registered through the control API: unknown clients are then refused. */
  isClientCheckStrict = false;
  settings: OAuthSettings = { autoConsent: null, autoAccount: null, testingMode: false };
  private readonly pending = new Map<string, AuthorizationRequest>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly grants = new Map<string, Grant>();
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private grantCount = 0;

  constructor(
    readonly signingKey: SigningKey,
    private readonly now: () => number,
    /** Where account pictures point (Google's host, or the emulator's copy in an offline demo). */
    private readonly pictureUrl: (url: string) => string = (url) => url,
  ) {
    for (const account of createDemoAccounts()) this.accounts.set(account.email, account);
  }

  findAccount(email: string): GoogleAccount | null {
    return this.accounts.get(normalizeEmail(email)) ?? null;
  }

  addAccount(input: { email: string; name: string; channelId: string | null }): GoogleAccount {
    const account = buildAccount(input);
    this.accounts.set(account.email, account);
    return account;
  }

  registerClient(client: { clientId: string; clientSecret: string; redirectUris?: string[] }): OAuthClient {
    const record: OAuthClient = { ...client, redirectUris: client.redirectUris ?? null, isRegistered: true };
    this.clients.set(client.clientId, record);
    this.isClientCheckStrict = true;
    return record;
  }

  /** The authorize endpoint's client checks; an error means an error page, never a redirect. */
  checkAuthorizeClient(clientId: string, redirectUri: string): OAuthError | null {
    const client = this.clients.get(clientId);
    if (this.isClientCheckStrict && !client?.isRegistered)
      return new OAuthError(401, "invalid_client", "The OAuth client was not found.");
    if (client?.redirectUris && !client.redirectUris.includes(redirectUri)) {
      return new OAuthError(
        400,
        "redirect_uri_mismatch",
        `You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. The redirect URI ${redirectUri} is not registered for this client.`,
      );
    }
    return null;
  }

  /**
   * Client authentication at the token endpoint. Lenient by default: the first secret seen for a
   * client id is remembered and required from then on; strict once clients are registered.
   */
  authenticateClient(clientId: string | undefined, clientSecret: string | undefined): void {
    if (!clientId) throw new OAuthError(400, "invalid_request", "Could not determine client ID from request.");
    const client = this.clients.get(clientId);
    if (this.isClientCheckStrict && !client?.isRegistered)
      throw new OAuthError(401, "invalid_client", "The OAuth client was not found.");
    if (!clientSecret) throw new OAuthError(400, "invalid_request", "client_secret is missing.");
    if (!client) this.clients.set(clientId, { clientId, clientSecret, redirectUris: null, isRegistered: false });
    else if (!secretsEqual(client.clientSecret, clientSecret))
      throw new OAuthError(401, "invalid_client", "Unauthorized");
  }

  /** Parks a validated request behind an opaque id, so the consent form never carries raw params. */
  savePending(request: AuthorizationRequest): string {
    if (this.pending.size >= MAX_PENDING_REQUESTS) {
      const oldest = this.pending.keys().next().value;
      if (oldest !== undefined) this.pending.delete(oldest);
    }
    const id = randomToken("", 18);
    this.pending.set(id, request);
    return id;
  }

  peekPending(id: string): AuthorizationRequest | null {
    return this.pending.get(id) ?? null;
  }

  takePending(id: string): AuthorizationRequest | null {
    const request = this.pending.get(id) ?? null;
    this.pending.delete(id);
    return request;
  }

  /**
   * The account said Allow: record the consent on the grant and mint a code. A refresh token will
   * come with it for `access_type=offline` when the grant has none alive yet, or when
   * `prompt=consent` forces one; a returning grant otherwise gets none, as at Google.
   */
  issueCode(request: AuthorizationRequest, account: GoogleAccount): { code: string; scope: string } {
    const grant =
      this.activeGrant(account.email, request.clientId) ?? this.createGrant(account.email, request.clientId);
    const requested = request.scopes.map(canonicalScope);
    const scopes = new Set(request.includeGrantedScopes ? [...grant.scopes, ...requested] : requested);
    for (const scope of requested) grant.scopes.add(scope);
    const issuesRefreshToken =
      request.accessType === "offline" && (request.prompts.has("consent") || !this.hasLiveRefreshToken(grant));
    const code = randomToken("4/0A", 54);
    this.codes.set(
      code,
      definedFields({
        code,
        grantId: grant.id,
        clientId: request.clientId,
        redirectUri: request.redirectUri,
        scopes,
        codeChallenge: request.codeChallenge,
        codeChallengeMethod: request.codeChallengeMethod,
        nonce: request.nonce,
        issuesRefreshToken,
        issuedAtMs: this.now(),
        isRedeemed: false,
      }),
    );
    this.sweepCodes();
    return { code, scope: formatRedirectScopes(request.scopes, scopes) };
  }

  /** prompt=none: only an existing, live grant already covering every requested scope passes. */
  coversWithoutConsent(request: AuthorizationRequest, account: GoogleAccount): boolean {
    const grant = this.activeGrant(account.email, request.clientId);
    return grant !== null && request.scopes.every((scope) => grant.scopes.has(canonicalScope(scope)));
  }

  // POST /token grant_type=authorization_code
  exchangeCode(input: { clientId: string; code: string; redirectUri: string; codeVerifier?: string }): TokenReply {
    const record = this.codes.get(input.code);
    if (!record || record.clientId !== input.clientId)
      throw new OAuthError(400, "invalid_grant", "Malformed auth code.");
    if (record.isRedeemed) {
      // RFC 6749 §4.1.2: a replayed code may be stolen; what was issued from it is withdrawn.
      this.revokeTokensOfCode(record.code);
      throw badCode();
    }
    if (this.now() - record.issuedAtMs > AUTHORIZATION_CODE_LIFETIME_MS) throw badCode();
    if (record.redirectUri !== input.redirectUri) throw badCode();
    if (record.codeChallenge !== undefined) {
      if (!input.codeVerifier) throw new OAuthError(400, "invalid_grant", "Missing code verifier.");
      if (!verifierMatches(input.codeVerifier, record.codeChallenge, record.codeChallengeMethod ?? "plain"))
        throw badCode();
    }
    const grant = this.grants.get(record.grantId);
    const account = grant ? this.accounts.get(grant.email) : undefined;
    if (!grant || grant.revokedAtMs !== null || !account) throw tokenExpiredOrRevoked();
    record.isRedeemed = true;
    let refreshToken: string | undefined;
    if (record.issuesRefreshToken) refreshToken = this.createRefreshToken(grant, record.code);
    return this.issueAccessToken(grant, account, record.scopes, record.code, { refreshToken, nonce: record.nonce });
  }

  // POST /token grant_type=refresh_token — Google does not rotate: the reply has no refresh_token.
  refresh(input: { clientId: string; refreshToken: string }): TokenReply {
    const record = this.refreshTokens.get(input.refreshToken);
    const grant = record ? this.grants.get(record.grantId) : undefined;
    const account = grant ? this.accounts.get(grant.email) : undefined;
    if (!record || !grant || !account || !this.isRefreshTokenLive(record, grant)) throw tokenExpiredOrRevoked();
    if (grant.clientId !== input.clientId) throw new OAuthError(401, "unauthorized_client", "Unauthorized");
    record.lastUsedAtMs = this.now();
    return this.issueAccessToken(grant, account, new Set(grant.scopes), record.code, {});
  }

  /** POST /revoke: either token of a live grant revokes the whole grant. */
  revokeToken(token: string): boolean {
    const access = this.accessTokens.get(token);
    if (access) {
      if (!this.isAccessTokenLive(access)) return false;
      this.revokeGrant(access.grantId);
      return true;
    }
    const refresh = this.refreshTokens.get(token);
    const grant = refresh ? this.grants.get(refresh.grantId) : undefined;
    if (!refresh || !grant || !this.isRefreshTokenLive(refresh, grant)) return false;
    this.revokeGrant(refresh.grantId);
    return true;
  }

  checkAccessToken(token: string): AccessTokenCheck {
    const record = this.accessTokens.get(token);
    if (!record) return { status: "unknown" };
    const grant = this.grants.get(record.grantId);
    const account = grant ? this.accounts.get(grant.email) : undefined;
    if (!account || !this.isAccessTokenLive(record)) return { status: "invalid" };
    return { status: "valid", account, scopes: record.scopes };
  }

  listGrants(): GrantSummary[] {
    return [...this.grants.values()].map((grant) => ({
      id: grant.id,
      email: grant.email,
      clientId: grant.clientId,
      scopes: formatScopes(grant.scopes).split(" ").filter(Boolean),
      revoked: grant.revokedAtMs !== null,
      hasRefreshToken: this.hasLiveRefreshToken(grant),
      liveAccessTokens: [...this.accessTokens.values()].filter(
        (record) => record.grantId === grant.id && this.isAccessTokenLive(record),
      ).length,
      createdAt: new Date(grant.createdAtMs).toISOString(),
      revokedAt: grant.revokedAtMs === null ? null : new Date(grant.revokedAtMs).toISOString(),
    }));
  }

  hasGrant(grantId: string): boolean {
    return this.grants.has(grantId);
  }

  /** Revokes live grants by id, by account, or all of them; returns the ids revoked now. */
  revokeGrants(filter: { email?: string; grantId?: string }): string[] {
    const email = filter.email === undefined ? undefined : normalizeEmail(filter.email);
    const revoked: string[] = [];
    for (const grant of this.grants.values()) {
      if (grant.revokedAtMs !== null) continue;
      if (filter.grantId !== undefined && grant.id !== filter.grantId) continue;
      if (email !== undefined && grant.email !== email) continue;
      this.revokeGrant(grant.id);
      revoked.push(grant.id);
    }
    return revoked;
  }

  /** Ends the life of current access tokens (all, or one account's) now; refresh tokens still work. */
  expireAccessTokens(email?: string): number {
    const account = email === undefined ? undefined : normalizeEmail(email);
    const now = this.now();
    let count = 0;
    for (const record of this.accessTokens.values()) {
      if (!this.isAccessTokenLive(record)) continue;
      if (account !== undefined && this.grants.get(record.grantId)?.email !== account) continue;
      record.expiresAtMs = now;
      count += 1;
    }
    return count;
  }

  private activeGrant(email: string, clientId: string): Grant | null {
    let found: Grant | null = null;
    for (const grant of this.grants.values()) {
      if (grant.email === email && grant.clientId === clientId && grant.revokedAtMs === null) found = grant;
    }
    return found;
  }

  private createGrant(email: string, clientId: string): Grant {
    this.grantCount += 1;
    const grant: Grant = {
      id: `grant-${this.grantCount}`,
      email,
      clientId,
      scopes: new Set(),
      createdAtMs: this.now(),
      revokedAtMs: null,
    };
    this.grants.set(grant.id, grant);
    return grant;
  }

  private revokeGrant(grantId: string): void {
    const grant = this.grants.get(grantId);
    if (grant && grant.revokedAtMs === null) grant.revokedAtMs = this.now();
  }

  private revokeTokensOfCode(code: string): void {
    for (const record of this.accessTokens.values()) if (record.code === code) record.isRevoked = true;
    for (const record of this.refreshTokens.values()) if (record.code === code) record.isRevoked = true;
  }

  private isAccessTokenLive(record: AccessTokenRecord): boolean {
    const grant = this.grants.get(record.grantId);
    return !record.isRevoked && grant !== undefined && grant.revokedAtMs === null && this.now() < record.expiresAtMs;
  }

  private isRefreshTokenLive(record: RefreshTokenRecord, grant: Grant): boolean {
    const now = this.now();
    if (record.isRevoked || grant.revokedAtMs !== null) return false;
    if (now - record.lastUsedAtMs > REFRESH_TOKEN_IDLE_LIMIT_MS) return false;
    return !(
      this.settings.testingMode &&
      !hasOnlyBasicScopes(grant.scopes) &&
      now - record.issuedAtMs > TESTING_REFRESH_TOKEN_LIFETIME_MS
    );
  }

  private hasLiveRefreshToken(grant: Grant): boolean {
    for (const record of this.refreshTokens.values())
      if (record.grantId === grant.id && this.isRefreshTokenLive(record, grant)) return true;
    return false;
  }

  private createRefreshToken(grant: Grant, code: string): string {
    const live = [...this.refreshTokens.values()].filter(
      (record) => record.grantId === grant.id && this.isRefreshTokenLive(record, grant),
    );
    // Oldest first (insertion order): past the limit Google drops the oldest without telling anyone.
    for (const record of live.slice(0, Math.max(0, live.length - MAX_REFRESH_TOKENS_PER_CLIENT + 1)))
      record.isRevoked = true;
    const token = randomToken("1//0", 72);
    const now = this.now();
    this.refreshTokens.set(token, { grantId: grant.id, code, issuedAtMs: now, lastUsedAtMs: now, isRevoked: false });
    return token;
  }

  private issueAccessToken(
    grant: Grant,
    account: GoogleAccount,
    scopes: Set<string>,
    code: string,
    extra: { refreshToken?: string | undefined; nonce?: string | undefined },
  ): TokenReply {
    this.sweepAccessTokens();
    const accessToken = randomToken("ya29.a0A", 120);
    this.accessTokens.set(accessToken, {
      grantId: grant.id,
      code,
      scopes,
      expiresAtMs: this.now() + ACCESS_TOKEN_LIFETIME_MS,
      isRevoked: false,
    });
    const idToken = scopes.has(OPENID_SCOPE)
      ? this.idToken(account, grant.clientId, scopes, accessToken, extra.nonce)
      : undefined;
    // Key order as in Google's replies.
    return definedFields({
      access_token: accessToken,
      expires_in: EXPIRES_IN_SECONDS,
      refresh_token: extra.refreshToken,
      scope: formatScopes(scopes),
      token_type: "Bearer",
      id_token: idToken,
    });
  }

  /** Claims follow the token's scopes, as Google's do: email ones need email, profile ones profile. */
  private idToken(
    account: GoogleAccount,
    clientId: string,
    scopes: ReadonlySet<string>,
    accessToken: string,
    nonce: string | undefined,
  ): string {
    const issuedAt = Math.floor(this.now() / 1000);
    const claims: Record<string, unknown> = { iss: GOOGLE_ISSUER, azp: clientId, aud: clientId, sub: account.sub };
    if (scopes.has(EMAIL_SCOPE)) Object.assign(claims, { email: account.email, email_verified: true });
    claims.at_hash = accessTokenHash(accessToken);
    if (nonce !== undefined) claims.nonce = nonce;
    if (scopes.has(PROFILE_SCOPE)) {
      Object.assign(claims, {
        name: account.name,
        picture: this.pictureUrl(account.picture),
        given_name: account.givenName,
      });
      if (account.familyName !== undefined) claims.family_name = account.familyName;
    }
    Object.assign(claims, { iat: issuedAt, exp: issuedAt + ACCESS_TOKEN_LIFETIME_MS / 1000 });
    return signJwt(this.signingKey, claims);
  }

  private sweepAccessTokens(): void {
    if (this.accessTokens.size < SWEEP_THRESHOLD) return;
    // A dead token and an unknown one answer the same everywhere, so dropping dead ones is invisible.
    for (const [token, record] of this.accessTokens)
      if (!this.isAccessTokenLive(record)) this.accessTokens.delete(token);
  }

  private sweepCodes(): void {
    if (this.codes.size < SWEEP_THRESHOLD) return;
    const cutoff = this.now() - 6 * AUTHORIZATION_CODE_LIFETIME_MS;
    for (const [code, record] of this.codes) if (record.issuedAtMs < cutoff) this.codes.delete(code);
  }
}

export function verifierMatches(verifier: string, challenge: string, method: "S256" | "plain"): boolean {
  // RFC 7636 §4.1: 43–128 unreserved characters.
  if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  const expected = method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
  return secretsEqual(expected, challenge);
}
