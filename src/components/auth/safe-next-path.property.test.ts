// Property tests (fast-check) of the after-sign-in redirect: whatever `?next=` holds, the answer is a path
// on this site — never something a browser would read as another origin (`//host`, `/\host`, a scheme).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN_PATH, getSafeNextPath } from "./safe-next-path";

const SITE = "https://showreel.example";

/** What a browser does with the path: resolve it against our origin. It must stay there. */
function staysOnSite(path: string): boolean {
  return (
    new URL(path, SITE).origin === SITE && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\")
  );
}

const trick = fc.constantFrom(
  "//",
  "/\\",
  "\\\\",
  "/./",
  "/../",
  "/.//",
  "/a/..//",
  "/%2F/",
  "/\t/",
  "/\n/",
  "https:",
  "javascript:",
  "/%5C",
  "/.\\/",
  "@",
  "evil.example",
  "/",
);
const nextValue = fc.oneof(
  fc.array(fc.oneof(trick, fc.string({ maxLength: 6 })), { maxLength: 6 }).map((parts) => parts.join("")),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.webUrl(),
);

describe("getSafeNextPath on any input", () => {
  it("answers a path that stays on this site", () => {
    fc.assert(
      fc.property(nextValue, (next) => {
        expect(staysOnSite(getSafeNextPath(next))).toBe(true);
      }),
      { numRuns: 5_000 },
    );
  });

  it("keeps every ordinary path on this site exactly as given", () => {
    const segment = fc.string({
      unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789-_"),
      minLength: 1,
      maxLength: 12,
    });
    const ordinaryPath = fc
      .tuple(
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.option(fc.tuple(segment, segment)),
        fc.option(segment),
      )
      .map(
        ([segments, query, hash]) =>
          `/${segments.join("/")}${query ? `?${query[0]}=${query[1]}` : ""}${hash ? `#${hash}` : ""}`,
      );
    fc.assert(
      fc.property(ordinaryPath, (path) => {
        expect(getSafeNextPath(path)).toBe(path);
      }),
      { numRuns: 2_000 },
    );
  });

  it("refuses dot segments that collapse into a protocol-relative URL", () => {
    for (const next of ["/.//evil.example/x", "/a/..//evil.example", "/./\\evil.example", "/%2e//evil.example"]) {
      expect(getSafeNextPath(next)).toBe(DEFAULT_AFTER_SIGN_IN_PATH);
    }
    expect(getSafeNextPath("/projects/abc?tab=1#top")).toBe("/projects/abc?tab=1#top");
  });
});
