/**
 * The AI pass against the emulator's OpenAI-compatible endpoint: imported projects start pending with the
 * matcher's tags, the AI job replaces them with the model's (a fixed answer unrelated to the title, so the
 * matcher cannot satisfy the test); a model that answers prose or an AI that is down leaves the
 * matcher's tags, a visible reason and one notification; re-analyze after recovery gets the AI's tags.
 */
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { analyzeProjectJob } from "~/lib/jobs/analyze-project.job";
import { importVideosJob } from "~/lib/jobs/import-videos.job";
import { db } from "~/server/db";
import { createCaller } from "~/trpc/routers/_app";
import { handleAnalyzeProject } from "../../../worker/handlers/analyze-project";
import { handleImportVideos } from "../../../worker/handlers/import-videos";
import { testEmulatorControl } from "@test/emulator-control";
import { createTestUser } from "@test/test-user";
import { drainJobs } from "@test/job-harness";
import { FALLBACK_NOTIFICATION_KIND } from "./analyze-project";

const control = testEmulatorControl();

async function importTitles(user: Awaited<ReturnType<typeof createTestUser>>, titles: string[]) {
  const channel = await control<{ id: string }>("POST", "/channels", { title: `AI test ${randomUUID().slice(0, 6)}` });
  const ids: string[] = [];
  for (const title of titles)
    ids.push(
      (
        await control<{ id: string }>("POST", `/channels/${channel.id}/videos`, {
          kind: "video",
          privacy: "public",
          title,
          description: "",
        })
      ).id,
    );
  await createCaller(user.context).imports.importVideos({ videos: ids });
  await drainJobs(importVideosJob, handleImportVideos);
  return db.project.findMany({
    where: { userId: user.id },
    select: { id: true, title: true },
    orderBy: { title: "asc" },
  });
}

const projectState = (id: string) =>
  db.project.findUniqueOrThrow({
    where: { id },
    select: {
      analysisStatus: true,
      analysisNote: true,
      topics: true,
      tools: { select: { tool: { select: { slug: true } } } },
      categories: { select: { category: { select: { slug: true } } } },
    },
  });

beforeAll(async () => {
  // Other files' imports queued AI passes for their projects; this file drains only its own.
  await db.$executeRaw`DELETE FROM pgboss.job WHERE name = 'ai.analyze-project' AND state = 'created'`;
});

afterEach(async () => {
  await control("POST", "/llm", { mode: "normal" });
  await control("DELETE", "/faults");
});

describe("AI analysis", () => {
  it("replaces the matcher's first pass with exactly the AI's tools, categories and topics", async () => {
    const user = await createTestUser();
    const [project] = await importTitles(user, ["Color grading in DaVinci Resolve, then a Blender title card"]);
    const firstPass = await projectState(project!.id);
    expect(firstPass.analysisStatus).toBe("pending");
    expect(firstPass.tools.map((link) => link.tool.slug).sort()).toEqual(["blender", "davinci-resolve"]);
    // The model answers the same analysis whatever the video says: only the AI path can save these tags.
    await control("POST", "/llm", { mode: "fixed" });
    await drainJobs(analyzeProjectJob, handleAnalyzeProject);
    const state = await projectState(project!.id);
    expect(state.analysisStatus).toBe("ai");
    expect(state.analysisNote).toBeNull();
    expect(state.tools.map((link) => link.tool.slug).sort()).toEqual(["figma", "notion"]);
    expect(state.categories.map((link) => link.category.slug)).toEqual(["graphic-design"]);
    expect(state.topics).toEqual([
      "brand identity",
      "logo sketches",
      "colour palettes",
      "client feedback",
      "style guide",
    ]);
  });

  it("falls back visibly when the model answers prose or the AI is down, notifies once, and re-analyze recovers", async () => {
    const user = await createTestUser();
    const projects = await importTitles(user, ["Blender donut, part one", "Blender donut, part two"]);
    await control("POST", "/llm", { mode: "prose" });
    await drainJobs(analyzeProjectJob, handleAnalyzeProject);
    for (const project of projects) {
      const state = await projectState(project.id);
      expect(state.analysisStatus).toBe("fallback");
      expect(state.analysisNote).toMatch(/could not be read/);
      expect(state.tools.map((link) => link.tool.slug)).toContain("blender");
    }
    const notifications = await db.notification.findMany({
      where: { userId: user.id, kind: FALLBACK_NOTIFICATION_KIND },
      select: { payload: true },
    });
    expect(notifications).toHaveLength(1);
    expect(notifications[0]!.payload).toMatchObject({ count: 2 });

    await control("POST", "/llm", { mode: "normal" });
    await control("POST", "/faults", { kind: "5xx", rate: 1, endpoint: "llm" });
    const caller = createCaller(user.context);
    await caller.projects.reanalyze({ id: projects[0]!.id });
    expect((await projectState(projects[0]!.id)).analysisStatus).toBe("pending");
    await drainJobs(analyzeProjectJob, handleAnalyzeProject);
    expect(await projectState(projects[0]!.id)).toMatchObject({
      analysisStatus: "fallback",
      analysisNote: expect.stringMatching(/unavailable/),
    });

    await control("DELETE", "/faults");
    await caller.projects.reanalyze({ id: projects[0]!.id });
    await drainJobs(analyzeProjectJob, handleAnalyzeProject);
    expect(await projectState(projects[0]!.id)).toMatchObject({ analysisStatus: "ai", analysisNote: null });
    const stranger = await createTestUser();
    await expect(createCaller(stranger.context).projects.reanalyze({ id: projects[0]!.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
