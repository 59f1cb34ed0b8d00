/**
 * Browser sessions for integration tests, through Better Auth's own handler (the /api/auth route): a
 * cookie jar that applies Set-Cookie headers as a browser does, and a fresh e-mail sign-up into one.
 */
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { env } from "~/env";
import { auth } from "~/server/auth";

export const TEST_PASSWORD = "correct horse battery";

/** A browser's cookie jar: Set-Cookie headers applied in order (an empty value or Max-Age=0 deletes). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  apply(response: Response): this {
    for (const line of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      const value = pair.slice(pair.indexOf("=") + 1);
      const isExpired = value === "" || attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (isExpired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return this;
  }
  names(): string[] {
    return [...this.cookies.keys()];
  }
  without(fragment: string): CookieJar {
    const copy = new CookieJar();
    for (const [name, value] of this.cookies) if (!name.includes(fragment)) copy.cookies.set(name, value);
    return copy;
  }
  headers(): Headers {
    return new Headers({ cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ") });
  }
}

const origin = new URL(env.APP_URL).origin;

/** POST to Better Auth's handler as the app's own pages do (same origin, JSON). */
export function authPost(path: string, body: unknown, headers = new Headers()): Promise<Response> {
  headers.set("content-type", "application/json");
  headers.set("origin", origin);
  return auth.handler(
    new Request(new URL(`/api/auth${path}`, env.APP_URL), { method: "POST", headers, body: JSON.stringify(body) }),
  );
}

/** A new account signed up by e-mail; the jar holds its session token and cache cookies. */
export async function signUp(domain = "cache.showreel.local"): Promise<{ jar: CookieJar; email: string }> {
  const email = `${randomUUID()}@${domain}`;
  const response = await authPost("/sign-up/email", { email, password: TEST_PASSWORD, name: "Cache Test" });
  expect(response.status).toBe(200);
  return { jar: new CookieJar().apply(response), email };
}
