/**
 * The rules for a public portfolio address (/u/<handle>). Pure zod and data, so the settings form checks a
 * handle with the same rules and words as set-handle.ts does on the server.
 */
import { z } from "zod";

export const HANDLE_MIN_LENGTH = 3;
export const HANDLE_MAX_LENGTH = 30;

/** Lower-case letters and digits in groups joined by single hyphens: no leading, trailing or double hyphen. */
const HANDLE_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Words that read as the site's own pages or staff, or that routes already use, so a creator's address never
 * impersonates them ("/u/admin", "/u/settings").
 */
const RESERVED_HANDLES: ReadonlySet<string> = new Set([
  "about",
  "account",
  "admin",
  "administrator",
  "api",
  "app",
  "auth",
  "billing",
  "contact",
  "dashboard",
  "help",
  "home",
  "import",
  "imports",
  "login",
  "logout",
  "me",
  "moderator",
  "new",
  "notifications",
  "null",
  "official",
  "ops",
  "portfolio",
  "privacy",
  "projects",
  "root",
  "security",
  "settings",
  "showreel",
  "sign-in",
  "sign-out",
  "sign-up",
  "signin",
  "signup",
  "sources",
  "staff",
  "status",
  "support",
  "system",
  "team",
  "terms",
  "u",
  "undefined",
  "user",
  "users",
  "videos",
  "www",
]);

/** A handle as the user typed it, folded to lower case, with the first broken rule's message. */
export const handleSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(HANDLE_MIN_LENGTH, `Use at least ${HANDLE_MIN_LENGTH} characters.`)
  .max(HANDLE_MAX_LENGTH, `Use at most ${HANDLE_MAX_LENGTH} characters.`)
  .regex(/^[a-z0-9-]+$/, "Use only letters, numbers and hyphens.")
  .regex(HANDLE_PATTERN, "Start and end with a letter or number, and don't put two hyphens together.")
  .refine((handle) => !RESERVED_HANDLES.has(handle), "That address is reserved. Pick another.");

/** The first problem with a handle, in words, or null when it can be saved (availability aside). */
export function handleProblem(handle: string): string | null {
  const result = handleSchema.safeParse(handle);
  return result.success ? null : (result.error.issues[0]?.message ?? "That address can't be used.");
}

/** Loose on purpose: set-handle.ts applies handleSchema itself, so its messages reach the user as INVALID_INPUT. */
export const setHandleInputSchema = z.object({ handle: z.string().max(200) });

export type SetHandleInput = z.infer<typeof setHandleInputSchema>;

/** What the user typed to confirm deleting the account: their handle or e-mail (checked in delete-account.ts). */
export const deleteAccountInputSchema = z.object({
  confirmation: z.string().trim().min(1, "Type your handle or e-mail to confirm.").max(320),
});
export type DeleteAccountInput = z.infer<typeof deleteAccountInputSchema>;

/** Whether `typed` names the account: its handle (with or without the @) or its e-mail, in any case. */
export function confirmsAccount(typed: string, account: { email: string; handle: string | null }): boolean {
  const text = typed.trim().toLowerCase();
  if (text.length === 0) return false;
  return (
    text === account.email.toLowerCase() ||
    (account.handle !== null && text.replace(/^@/, "") === account.handle.toLowerCase())
  );
}
