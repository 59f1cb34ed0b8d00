/**
 * RS256 id tokens with node:crypto: one RSA key pair made when the emulator starts, published as a
 * JWKS (`GET /oauth2/v3/certs`) so clients verify id tokens exactly as they verify Google's. The key
 * outlives `reset`, because clients cache the JWKS.
 */
import { createHash, generateKeyPairSync, sign, type JsonWebKey, type KeyObject } from "node:crypto";

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicJwk: JsonWebKey;
}

export function createSigningKey(): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  // Google's kids are 40 hex characters; a hash of the public key has that form and never repeats.
  const kid = createHash("sha1")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex");
  const { n, e } = publicKey.export({ format: "jwk" });
  // Key order as in Google's certs document.
  return { kid, privateKey, publicJwk: { e, kty: "RSA", alg: "RS256", use: "sig", kid, n } };
}

export function signJwt(key: SigningKey, payload: Record<string, unknown>): string {
  const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");
  const signingInput = `${encode({ alg: "RS256", kid: key.kid, typ: "JWT" })}.${encode(payload)}`;
  const signature = sign("sha256", Buffer.from(signingInput), key.privateKey).toString("base64url");
  return `${signingInput}.${signature}`;
}

/** OpenID `at_hash`: the left half of SHA-256 of the access token, base64url. */
export function accessTokenHash(accessToken: string): string {
  return createHash("sha256").update(accessToken).digest().subarray(0, 16).toString("base64url");
}
