/**
 * A simulated user's cookies, kept as a browser keeps them on one origin: each answer's Set-Cookie headers
 * applied in order (an empty value, Max-Age ≤ 0 or an Expires in the past deletes), and sent back on
 * every later request over the cookies the request names itself. The app's session cookie cache (a signed
 * cookie the server sets beside the session token) only saves work when the client sends it back.
 * Path, Domain and the flags are ignored: the benchmark talks to one loopback origin, all under "/".
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  apply(setCookie: string | string[] | undefined): void {
    for (const line of typeof setCookie === "string" ? [setCookie] : (setCookie ?? [])) {
      const [pair = "", ...attributes] = line.split(";");
      const separator = pair.indexOf("=");
      if (separator <= 0) continue;
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      const attribute = (key: string) =>
        attributes
          .map((part) => part.trim())
          .find((part) => part.toLowerCase().startsWith(`${key}=`))
          ?.slice(key.length + 1);
      const maxAge = attribute("max-age");
      const expires = attribute("expires");
      const isExpired =
        (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) <= Date.now());
      if (value === "" || isExpired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** The Cookie header for a request: its own cookies, with the jar's added and the jar's values winning. */
  header(own: string | undefined): string {
    const merged = new Map<string, string>();
    for (const part of (own ?? "").split(";")) {
      const separator = part.indexOf("=");
      if (separator > 0) merged.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
    }
    for (const [name, value] of this.cookies) merged.set(name, value);
    return [...merged].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  names(): string[] {
    return [...this.cookies.keys()];
  }
}
