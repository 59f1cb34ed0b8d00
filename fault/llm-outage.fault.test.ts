/**
 * Fault: the AI provider is down (every chat completion 503) while an import's AI pass runs on a real
 * worker, then it answers garbage in each way a model breaks the JSON contract (prose, cut-off JSON, the
 * wrong shape, no choices). Checked: every project falls back to the catalog matcher's tags with a visible
 * status and reason, the user gets one grouped notification (not one per video), nothing is left pending,
 * and re-analyze after recovery gets the AI's answer for every project.
 */
import { describe, expect, it } from "vitest";
import { FALLBACK_NOTIFICATION_KIND } from "~/lib/analysis/analyze-project";
import { db } from "~/server/db";
import { createCaller } from "~/trpc/routers/_app";
import { createTestUser } from "@test/test-user";
import {
  cleanUpAfterEachScenario,
  control,
  counters,
  printOutcome,
  startReadyWorker,
  until,
} from "@test/fault-harness";

const TITLES = [
  "Color grading in DaVinci Resolve",
  "Blender donut, part one",
  "Blender donut, part two",
  "Editing a vlog in Premiere Pro",
  "Figma prototype walkthrough",
  "Ableton Live beat from scratch",
  "After Effects kinetic type",
  "Unreal Engine 5 lighting",
];
const GARBAGE_MODES = ["prose", "invalid_json", "wrong_shape", "empty_choices"] as const;

cleanUpAfterEachScenario(async () => {
  await control("POST", "/llm", { mode: "normal" });
});

describe("LLM outage and garbage replies", () => {
  it("falls back visibly with one notification, leaves nothing pending, and re-analyze recovers every project", async () => {
    const channel = await control<{ id: string }>("POST", "/channels", { title: "AI fault channel" });
    const videoIds: string[] = [];
    for (const title of TITLES)
      videoIds.push(
        (
          await control<{ id: string }>("POST", `/channels/${channel.id}/videos`, {
            kind: "video",
            privacy: "public",
            title,
            description: "",
          })
        ).id,
      );
    const user = await createTestUser();
    const caller = createCaller(user.context);
    const states = () =>
      db.project.findMany({
        where: { userId: user.id },
        select: { id: true, analysisStatus: true, analysisNote: true, tools: { select: { toolId: true } } },
        orderBy: { title: "asc" },
      });

    await control("POST", "/faults", { kind: "5xx", rate: 1, endpoint: "llm", status: 503 });
    const llmBefore = (await counters()).llm;
    await caller.imports.importVideos({ videos: videoIds });
    await startReadyWorker();
    await until(
      async () => {
        const rows = await states();
        return rows.length === TITLES.length && rows.every((row) => row.analysisStatus !== "pending");
      },
      "every project's AI pass to settle during the outage",
      120_000,
    );
    const outage = await states();
    const llmDuringOutage = (await counters()).llm;
    expect(outage.every((row) => row.analysisStatus === "fallback")).toBe(true);
    expect(outage.every((row) => /unavailable/i.test(row.analysisNote ?? ""))).toBe(true);
    // The matcher's tags stay: every title names a catalog tool.
    expect(outage.every((row) => row.tools.length > 0)).toBe(true);
    const notifications = await db.notification.findMany({
      where: { userId: user.id, kind: FALLBACK_NOTIFICATION_KIND },
      select: { payload: true },
    });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.payload).toMatchObject({ count: TITLES.length });
    await control("DELETE", "/faults");

    // Garbage: one project per way of breaking the JSON contract, each re-analyzed.
    const garbage: Record<string, string | null> = {};
    for (const [index, mode] of GARBAGE_MODES.entries()) {
      await control("POST", "/llm", { mode });
      const project = outage[index]!;
      await caller.projects.reanalyze({ id: project.id });
      let note: string | null = null;
      await until(
        async () => {
          const row = await db.project.findUniqueOrThrow({
            where: { id: project.id },
            select: { analysisStatus: true, analysisNote: true },
          });
          note = row.analysisNote;
          return row.analysisStatus === "fallback" && /could not be read/.test(row.analysisNote ?? "");
        },
        `a ${mode} reply to fall back`,
        60_000,
      );
      garbage[mode] = note;
    }

    await control("POST", "/llm", { mode: "normal" });
    for (const row of outage) await caller.projects.reanalyze({ id: row.id });
    await until(
      async () => (await states()).every((row) => row.analysisStatus === "ai"),
      "re-analyze to reach the AI for every project",
      120_000,
    );
    const recovered = await states();
    expect(recovered.every((row) => row.analysisStatus === "ai" && row.analysisNote === null)).toBe(true);
    const [pending] = await db.$queryRaw<{ count: bigint }[]>`
      SELECT count(*) AS count FROM pgboss.job WHERE name = 'ai.analyze-project' AND state::text IN ('created', 'active', 'retry') AND data->>'projectId' = ANY(${outage.map((row) => row.id)}::text[])`;
    expect(Number(pending?.count)).toBe(0);

    printOutcome("llm_outage", {
      projects: TITLES.length,
      fallbackDuringOutage: outage.filter((row) => row.analysisStatus === "fallback").length,
      matcherTagsKept: outage.filter((row) => row.tools.length > 0).length,
      llmCallsDuringOutage: llmDuringOutage.requests - llmBefore.requests,
      notifications: notifications.length,
      garbageModesFellBack: Object.keys(garbage).length,
      aiAfterReanalyze: recovered.filter((row) => row.analysisStatus === "ai").length,
      pendingLeft: Number(pending?.count),
    });
  });
});
