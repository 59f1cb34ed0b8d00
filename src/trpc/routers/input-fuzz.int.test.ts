/**
 * Hostile input against every procedure of appRouter (read from the router): wrong types, oversized strings
 * and arrays, NUL bytes, lone surrogates, bidi overrides, injection strings and prototype keys — first a
 * fixed corpus under each input key, then fast-check's random shapes. Each call, made as a signed-in owner
 * of real rows, must either answer or fail with a typed tRPC error whose HTTP status is 4xx; a refused call
 * must leave the caller's rows and the job queue exactly as they were.
 */
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { getSenderBoss } from "~/server/boss";
import { db } from "~/server/db";
import {
  createProcedureWorld,
  queuedJobCount,
  routerProcedures,
  userDigest,
  type ProcedureEntry,
} from "@test/procedure-world";

const HOSTILE_STRINGS = [
  "' OR '1'='1' --",
  '"; DROP TABLE "Project"; --',
  "a\u0000b",
  "\u0000",
  "\uD800",
  "\u202Eevil\u202C",
  "<script>alert(1)</script>",
  "${7*7}{{7*7}}",
  "../../../../etc/passwd",
  "%00%27",
  "🦄".repeat(5_000),
  "x".repeat(1_000_000),
  "",
  " ",
  "__proto__",
  "00000000-0000-0000-0000-000000000000",
];
const HOSTILE_VALUES: unknown[] = [
  ...HOSTILE_STRINGS,
  null,
  undefined,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  2 ** 53,
  -(2 ** 31) - 1,
  true,
  [],
  Array.from({ length: 100_000 }, () => "x"),
  {},
  JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
  { toString: "x", valueOf: 1 },
  new Date(Number.NaN),
];

const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    fc.constantFrom(...HOSTILE_VALUES),
    fc.string({ unit: "binary", maxLength: 80 }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom("id", "data", "title", "__proto__", "constructor", "x"), tie("value"), {
      maxKeys: 3,
    }),
  ),
})).value;

type ZodNode = {
  _zod: {
    def: { type: string; shape?: Record<string, ZodNode>; options?: ZodNode[]; in?: ZodNode; innerType?: ZodNode };
  };
};

/** The dotted key paths a procedure's input schema reads, through nested objects, unions, pipes and defaults. */
function keyPathsOf(schema: ZodNode | undefined): string[] {
  const def = schema?._zod.def;
  if (!def) return [];
  if (def.type === "object" && def.shape) {
    return Object.entries(def.shape).flatMap(([key, child]) => [
      key,
      ...keyPathsOf(child).map((path) => `${key}.${path}`),
    ]);
  }
  if (def.type === "union") return [...new Set((def.options ?? []).flatMap(keyPathsOf))];
  return keyPathsOf(def.in ?? def.innerType);
}

/** `base` with `value` at a dotted path (intermediate objects created as needed). */
function withValueAt(base: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [head, ...rest] = path.split(".");
  if (rest.length === 0) return { ...base, [head!]: value };
  const inner = base[head!];
  return {
    ...base,
    [head!]: withValueAt(
      inner && typeof inner === "object" ? (inner as Record<string, unknown>) : {},
      rest.join("."),
      value,
    ),
  };
}

const procedures = routerProcedures();
const inputKeyPaths = (procedure: ProcedureEntry) => [
  ...new Set(procedure.inputs.flatMap((schema) => keyPathsOf(schema as ZodNode))),
];
const summary = {
  calls: 0,
  answered: 0,
  refused: 0,
  serverErrors: 0,
  partialWrites: 0,
  byCode: new Map<string, number>(),
};

afterAll(async () => {
  await (await getSenderBoss()).stop({ graceful: false });
  const codes = [...summary.byCode].map(([code, count]) => `${code} ${count}`).join(", ");
  console.log(
    `[hostile] tRPC fuzz: ${procedures.length} procedures, ${summary.calls} calls: ${summary.answered} answered, ${summary.refused} refused (${codes}); 5xx: ${summary.serverErrors}; refused calls that wrote: ${summary.partialWrites}`,
  );
});

describe("every procedure under hostile input", () => {
  it.each(procedures.map((procedure) => [procedure.path, procedure] as const))(
    "%s answers or refuses with a typed 4xx, and a refusal writes nothing",
    async (path, procedure) => {
      const world = await createProcedureWorld();
      const keyPaths = inputKeyPaths(procedure);
      const keys = [...new Set(keyPaths.map((keyPath) => keyPath.split(".")[0]!))];
      const realIds = Object.values(world.ids);

      async function attempt(input: unknown): Promise<void> {
        // Rate-limited procedures spend a point before validating; a fresh budget lets every input reach the schema.
        await db.$executeRaw`DELETE FROM "RateLimit" WHERE key LIKE ${`%${world.owner.id}`}`;
        const before = await userDigest(world.owner.id);
        const jobsBefore = await queuedJobCount();
        summary.calls += 1;
        try {
          await procedure.call(world.owner.caller, input);
          summary.answered += 1;
          return;
        } catch (error) {
          if (!(error instanceof TRPCError)) throw new Error(`${path}: untyped ${String(error)}`, { cause: error });
          const status = getHTTPStatusCodeFromError(error);
          summary.refused += 1;
          summary.byCode.set(error.code, (summary.byCode.get(error.code) ?? 0) + 1);
          if (status >= 500) summary.serverErrors += 1;
          expect(
            status,
            `${path} answered ${error.code} to ${JSON.stringify(input)?.slice(0, 200)}: ${error.message}`,
          ).toBeLessThan(500);
        }
        const wrote = (await userDigest(world.owner.id)) !== before || (await queuedJobCount()) !== jobsBefore;
        if (wrote) summary.partialWrites += 1;
        expect(wrote, `${path} wrote although it refused ${JSON.stringify(input)?.slice(0, 200)}`).toBe(false);
      }

      // The whole input, then each key path it reads, set to every value of the corpus (the rest of the input real).
      const realInput = {
        id: world.ids.projectId,
        runId: world.ids.runId,
        sourceId: world.ids.sourceId,
        pingId: world.ids.pingId,
      };
      for (const value of HOSTILE_VALUES) await attempt(value);
      for (const keyPath of keyPaths) {
        for (const value of HOSTILE_VALUES) await attempt(withValueAt(realInput, keyPath, value));
      }
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom(...keys, "extra"), fc.oneof(hostileValue, fc.constantFrom(...realIds)), {
            maxKeys: keys.length + 1,
          }),
          attempt,
        ),
        { numRuns: 40 },
      );
    },
  );
});
