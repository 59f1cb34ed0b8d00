import { describe, expect, it } from "vitest";
import { CookieJar } from "./cookie-jar";

describe("a simulated user's cookie jar", () => {
  it("adds set cookies to the request's own, replaces them by name and deletes expired ones", () => {
    const jar = new CookieJar();
    jar.apply(["better-auth.session_data=abc; Path=/; HttpOnly; Max-Age=300", "other=1; Path=/"]);
    expect(jar.header("better-auth.session_token=tok.sig")).toBe(
      "better-auth.session_token=tok.sig; better-auth.session_data=abc; other=1",
    );
    jar.apply("better-auth.session_data=def; Path=/");
    jar.apply("other=; Max-Age=0");
    expect(jar.header("better-auth.session_token=tok.sig")).toBe(
      "better-auth.session_token=tok.sig; better-auth.session_data=def",
    );
    jar.apply(`better-auth.session_token=new; Expires=${new Date(Date.now() - 1_000).toUTCString()}`);
    expect(jar.header("better-auth.session_token=tok.sig")).toBe(
      "better-auth.session_token=tok.sig; better-auth.session_data=def",
    );
    jar.apply("better-auth.session_token=rotated; Path=/");
    expect(jar.header("better-auth.session_token=tok.sig")).toBe(
      "better-auth.session_token=rotated; better-auth.session_data=def",
    );
    expect(jar.names()).toEqual(["better-auth.session_data", "better-auth.session_token"]);
  });

  it("sends only the request's cookies while it holds none", () => {
    expect(new CookieJar().header("sessionid=x")).toBe("sessionid=x");
    expect(new CookieJar().header(undefined)).toBe("");
  });
});
