// @ts-check
/**
 * Import-direction rules (docs/house-rules.md R1, R2). Run with `npm run depcruise`; CI fails on any
 * violation. Direction in one line: app → trpc → lib → server → env/generated, worker → lib → server,
 * components → trpc/client. Nothing points back up, and lib/, server/ and worker/ never reach Next.
 */

// Packages that only make sense inside a Next.js/React bundle. `server-only` throws when imported
// outside an RSC bundle, so the worker and vitest must never load it. The optional `node_modules/`
// prefix also matches a bare specifier that could not be resolved (e.g. `server-only` when it is not
// installed), so a missing package cannot slip past these rules.
const NEXT_ONLY_PACKAGES = "^(node_modules/)?(next|react|react-dom|@trpc/[^/]+|server-only)(/|$)";

/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-lib-to-transport",
      severity: "error",
      comment:
        "src/lib holds use cases and vendor clients; it is called by transports (app, trpc, worker) and never calls them (docs/house-rules.md R1). Integration tests beside a use case may drive it through its transports.",
      from: { path: "^src/lib/", pathNot: "\\.int\\.test\\.ts$" },
      to: { path: ["^src/(app|trpc|components)/", "^worker/"] },
    },
    {
      name: "no-server-to-domain",
      severity: "error",
      comment:
        "src/server holds process singletons with no domain knowledge: it may import env, generated/prisma and packages, never lib/, trpc/, app/ or components/ (docs/house-rules.md R1).",
      from: { path: "^src/server/" },
      to: { path: "^src/(lib|trpc|app|components)/" },
    },
    {
      name: "lib-and-server-stay-off-next",
      severity: "error",
      comment:
        "src/lib and src/server are loaded by the worker and by vitest: no next, next/*, react, react-dom, @trpc/* or server-only, not even type-only (docs/house-rules.md R2).",
      from: { path: "^src/(lib|server)/" },
      to: { path: NEXT_ONLY_PACKAGES },
    },
    {
      name: "worker-stays-off-next",
      severity: "error",
      comment:
        "Nothing the worker loads, directly or through any chain of our own modules, may pull in Next.js, React, tRPC or server-only (docs/house-rules.md R2). Packages are not followed (doNotFollow node_modules), so this checks the chain through our code.",
      from: { path: "^worker/" },
      to: { path: NEXT_ONLY_PACKAGES, reachable: true },
    },
    {
      name: "next-headers-only-in-app-and-trpc-server",
      severity: "error",
      comment:
        "Request headers are read in src/app/ and in src/trpc/server.tsx only; everything else gets them passed in (docs/house-rules.md R2).",
      from: { path: "^src/", pathNot: ["^src/app/", "^src/trpc/server\\.tsx$"] },
      to: { path: "^(node_modules/)?next/headers(\\.js|\\.d\\.ts)?$" },
    },
    {
      name: "worker-not-into-web",
      severity: "error",
      comment:
        "The worker is a job transport; it calls src/lib and src/server, never the web transport or UI (docs/house-rules.md R1).",
      from: { path: "^worker/" },
      to: { path: "^src/(app|trpc|components)/" },
    },
    {
      name: "components-no-server",
      severity: "error",
      comment:
        "Shared components may import trpc/client, *.schema.ts files from lib and `import type` from lib/server; never lib or server runtime code (docs/house-rules.md R1). Unit tests ship in no bundle, so they may check components against lib's constants.",
      from: { path: "^src/components/", pathNot: "\\.test\\.ts$" },
      to: {
        path: "^src/(lib|server)/",
        pathNot: "^src/lib/.+\\.schema\\.ts$",
        dependencyTypesNot: ["type-only"],
      },
    },
    {
      name: "app-no-server-direct",
      severity: "error",
      comment:
        "Pages and layouts reach data through tRPC (trpc/server.tsx, trpc/client.tsx); only API routes (route handlers under src/app/api/, the tRPC route under src/pages/api/) may import src/server directly (docs/house-rules.md R1).",
      from: { path: "^src/(app|pages)/", pathNot: "^src/(app|pages)/api/" },
      to: { path: "^src/server/" },
    },
    {
      name: "emulator-standalone",
      severity: "error",
      comment:
        "The local Google emulator is a separate program and shares no code with the app (docs/house-rules.md R1).",
      from: { path: "^emulator/" },
      to: { path: "^(src|worker)/" },
    },
    {
      name: "test-support-stays-in-tests",
      severity: "error",
      comment:
        "test/ holds test support (harnesses, setup, recorded Google replies), imported as @test/*: tests, e2e specs and benchmarks use it; the app, the worker, the emulator and scripts never load it outside their tests, so none of it ships.",
      from: {
        path: "^(src|worker|emulator|scripts|prisma)/",
        pathNot: ["\\.test\\.ts$", "^emulator/test-support\\.ts$"],
      },
      to: { path: "^test/" },
    },
    {
      name: "baseline-is-a-fixture",
      severity: "error",
      comment:
        "bench/baseline/ reproduces the reviewed design for the benchmarks to measure against (issue 10); the app, the worker, the emulator, scripts, test support and e2e never run it.",
      from: { path: "^(src|worker|emulator|scripts|test|e2e)/" },
      to: { path: "^bench/" },
    },
    {
      name: "no-circular",
      severity: "error",
      comment: "Import cycles make load order matter and hide layering mistakes.",
      from: {},
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "The import points at a file or package that does not exist (or is not installed).",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Generated Prisma client and build/test output. Listed so `depcruise .` (whole repo) works too.
    exclude: {
      path: ["^src/generated/", "^(\\.next|dist|\\.data|coverage|test-results|playwright-report)/"],
    },
    // Count `import type` too, so type-only edges are checked (and can be told apart with
    // dependencyTypes "type-only").
    tsPreCompilationDeps: true,
    // Resolve `~/*` and `@test/*` through tsconfig paths.
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
