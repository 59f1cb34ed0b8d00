import { describe, expect, it } from "vitest";
import { EMBEDDED_DATABASE_URL, parseEnv } from "~/env";

describe("parseEnv", () => {
  it("fills development defaults, pointing at the embedded database", () => {
    const env = parseEnv({});
    expect(env.NODE_ENV).toBe("development");
    expect(env.DATABASE_URL).toBe(EMBEDDED_DATABASE_URL);
    expect(env.DATABASE_POOL_MAX).toBe(6);
    expect(env.BETTER_AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("coerces numbers and treats empty strings as unset", () => {
    const env = parseEnv({ DATABASE_POOL_MAX: "4", LOG_LEVEL: "" });
    expect(env.DATABASE_POOL_MAX).toBe(4);
    expect(env.LOG_LEVEL).toBe("info");
  });

  it("names a bad variable in the error", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://localhost/x" })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => parseEnv({ DATABASE_POOL_MAX: "many" })).toThrow(/DATABASE_POOL_MAX/);
    expect(() => parseEnv({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  });

  it("requires a real auth secret in production and names it when missing", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(
      /BETTER_AUTH_SECRET: required in production\n {2}TOKEN_ENCRYPTION_KEY: required in production/,
    );
    expect(() => parseEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: "short" })).toThrow(
      /BETTER_AUTH_SECRET: must be at least 32 characters/,
    );
    const key = Buffer.alloc(32, 7).toString("base64");
    expect(() => parseEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: "x".repeat(40) })).toThrow(
      /TOKEN_ENCRYPTION_KEY/,
    );
    expect(() =>
      parseEnv({
        NODE_ENV: "production",
        BETTER_AUTH_SECRET: "x".repeat(40),
        TOKEN_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64"),
      }),
    ).toThrow(/TOKEN_ENCRYPTION_KEY: must be 32 bytes/);
    const env = parseEnv({ NODE_ENV: "production", BETTER_AUTH_SECRET: "x".repeat(40), TOKEN_ENCRYPTION_KEY: key });
    expect(env.BETTER_AUTH_SECRET).toBe("x".repeat(40));
    expect(env.TOKEN_ENCRYPTION_KEY).toBe(key);
  });

  it("builds without the runtime secrets, and still requires them once the built app starts", () => {
    const building = parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" });
    expect(building.NODE_ENV).toBe("production");
    expect(building.TOKEN_ENCRYPTION_KEY).toBeUndefined();
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-server" })).toThrow(
      /BETTER_AUTH_SECRET/,
    );
    // Secrets given to a build are still checked.
    expect(() =>
      parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build", BETTER_AUTH_SECRET: "short" }),
    ).toThrow(/BETTER_AUTH_SECRET: must be at least 32 characters/);
  });
});
