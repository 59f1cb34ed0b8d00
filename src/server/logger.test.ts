import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { REDACTED_PATHS, redactUrl, serializeError } from "~/server/logger";

describe("redactUrl", () => {
  it("hides API keys and OAuth secrets in query strings", () => {
    expect(redactUrl("https://www.googleapis.com/youtube/v3/videos?id=abc&key=AIzaSecret123")).toBe(
      "https://www.googleapis.com/youtube/v3/videos?id=abc&key=[REDACTED]",
    );
    expect(redactUrl("/token?code=4/0Abc&client_secret=shh&x=1")).toBe(
      "/token?code=[REDACTED]&client_secret=[REDACTED]&x=1",
    );
    expect(redactUrl("no secrets here?id=1")).toBe("no secrets here?id=1");
  });
});

describe("redaction paths", () => {
  it("censor tokens, authorization headers and cookies at any nesting pino supports", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ redact: { paths: REDACTED_PATHS, censor: "[REDACTED]" } }, sink);
    logger.info(
      {
        accessToken: "ya29.secret-access",
        connection: { refreshToken: "1//secret-refresh" },
        headers: { authorization: "Bearer ya29.secret", cookie: "session=secret" },
      },
      "test",
    );
    const output = lines.join("");
    expect(output).not.toContain("secret");
    expect(output.match(/\[REDACTED\]/g)?.length).toBe(4);
  });
});

describe("error serialisation", () => {
  it("drops the connection object pg attaches to its errors", () => {
    const error = Object.assign(new Error("terminating connection"), {
      code: "57P01",
      client: { connectionParameters: { host: "db" } },
    });
    const serialized = serializeError(error);
    expect(serialized).toMatchObject({ message: "terminating connection", code: "57P01" });
    expect(serialized).not.toHaveProperty("client");
  });
});
