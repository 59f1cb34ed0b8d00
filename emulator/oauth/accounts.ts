/**
 * Google accounts of the emulated OAuth server: the fixed demo accounts (demo-world.ts) and any made
 * through the consent page or the control API. An account may own a YouTube channel in the catalog;
 * that is what `channels.list mine=true` answers for its access tokens.
 */
import type { Catalog } from "../catalog.ts";
import {
  DEMO_ACCOUNT_EMAIL,
  DEMO_ACCOUNT_NAME,
  DEMO_ACCOUNT_SUB,
  DEMO_CHANNEL_ID,
  NO_CHANNEL_ACCOUNT_EMAIL,
  NO_CHANNEL_ACCOUNT_NAME,
  NO_CHANNEL_ACCOUNT_SUB,
} from "../demo-world.ts";
import { hashParts } from "../random.ts";

export interface GoogleAccount {
  /** Google's stable account id: 21 digits. */
  sub: string;
  email: string;
  name: string;
  givenName: string;
  /** Absent for one-word names, as Google leaves `family_name` out then. */
  familyName?: string;
  picture: string;
  channelId: string | null;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Derived from the email alone, so an account keeps its sub across resets and seeds, as at Google. */
function subFor(email: string): string {
  const digits = BigInt(`0x${hashParts("google-sub", email).subarray(0, 12).toString("hex")}`)
    .toString()
    .padStart(20, "0");
  return `1${digits.slice(0, 20)}`;
}

export function buildAccount(input: {
  email: string;
  name: string;
  channelId: string | null;
  sub?: string;
}): GoogleAccount {
  const email = normalizeEmail(input.email);
  const name = input.name.trim() || (email.split("@")[0] ?? email);
  const [givenName = name, ...rest] = name.split(/\s+/);
  return {
    sub: input.sub ?? subFor(email),
    email,
    name,
    givenName,
    ...(rest.length > 0 ? { familyName: rest.join(" ") } : {}),
    picture: `https://lh3.googleusercontent.com/a/${hashParts("google-picture", email).subarray(0, 18).toString("base64url")}=s96-c`,
    channelId: input.channelId,
  };
}

export function createDemoAccounts(): GoogleAccount[] {
  return [
    buildAccount({
      email: DEMO_ACCOUNT_EMAIL,
      name: DEMO_ACCOUNT_NAME,
      channelId: DEMO_CHANNEL_ID,
      sub: DEMO_ACCOUNT_SUB,
    }),
    buildAccount({
      email: NO_CHANNEL_ACCOUNT_EMAIL,
      name: NO_CHANNEL_ACCOUNT_NAME,
      channelId: null,
      sub: NO_CHANNEL_ACCOUNT_SUB,
    }),
  ];
}

/**
 * A new channel for a new account, titled with the account name. The handle comes from the email's
 * local part (the catalog wants 3–30 of a-z 0-9 . _ -), numbered when taken.
 */
export function createChannelForAccount(catalog: Catalog, email: string, name: string): string {
  const local = (normalizeEmail(email).split("@")[0] ?? "").replace(/[^a-z0-9._-]/g, "").slice(0, 24);
  const base = local.length >= 3 && !/^gen\d+$/.test(local) ? local : `yt${local}user`.slice(0, 24);
  for (let suffix = 0; ; suffix += 1) {
    const handle = suffix === 0 ? base : `${base}${suffix}`;
    if (!catalog.findChannelByHandle(handle)) return catalog.createChannel({ title: name, handle }).id;
  }
}
