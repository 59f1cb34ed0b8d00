/**
 * Encryption at rest for OAuth tokens: AES-256-GCM with a random 96-bit IV per value, stored as
 * `v1.<iv>.<tag>.<ciphertext>` (base64url). The tag makes tampering or a wrong key fail loudly instead of
 * yielding garbage. The key is TOKEN_ENCRYPTION_KEY; in development it is derived from BETTER_AUTH_SECRET
 * (HKDF) so demo mode needs no setup.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "~/env";

const VERSION = "v1";
const IV_BYTES = 12;
/** GCM accepts tags as short as 4 bytes unless told otherwise; a truncated tag would make forgery cheap. */
const TAG_BYTES = 16;

function configuredKey(): Buffer {
  if (env.TOKEN_ENCRYPTION_KEY) return Buffer.from(env.TOKEN_ENCRYPTION_KEY, "base64");
  return Buffer.from(hkdfSync("sha256", env.BETTER_AUTH_SECRET, "showreel", "oauth-token-encryption", 32));
}

let cachedKey: Buffer | undefined;
const keyOf = (key?: Buffer) => key ?? (cachedKey ??= configuredKey());

export function encryptSecret(plaintext: string, key?: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyOf(key), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    ciphertext.toString("base64url"),
  ].join(".");
}

export function decryptSecret(sealed: string, key?: Buffer): string {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== VERSION || !iv || !tag || ciphertext === undefined) throw new Error("not a sealed secret");
  const decipher = createDecipheriv("aes-256-gcm", keyOf(key), Buffer.from(iv, "base64url"), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
