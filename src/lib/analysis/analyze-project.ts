/**
 * ai.analyze-project: tags one project with the AI (tools matched to the catalog, 1–3 categories, topics).
 * When the AI is not configured, unavailable, or answers something unreadable, the catalog matcher tags it
 * instead, the project says so (analysisStatus "fallback" with a reason), and the user is told — one
 * notification per hour that counts the projects, not one per video. Re-analyze runs this again.
 */
import { env } from "~/env";
import { isAppError } from "~/lib/errors";
import { aiRateLimit, consumeRateLimit } from "~/lib/rate-limit/limiters";
import { db } from "~/server/db";
import { withBindings, type Logger } from "~/server/logger";
import { metrics } from "~/server/metrics";
import { AiReplyError, analyzeWithAi, isAiConfigured } from "./ai-client";
import { loadCatalogIndex, matchCatalog, resolveCatalogNames, type MatchResult } from "./catalog-matcher";

export const FALLBACK_NOTIFICATION_KIND = "analysis.fallback";
/** Fallbacks within this window share one notification. */
export const FALLBACK_NOTIFICATION_WINDOW_MS = 60 * 60 * 1000;

export const NOTE_NOT_CONFIGURED = "AI analysis is not set up on this server; tagged by the catalog matcher.";

async function saveAnalysis(options: {
  projectId: string;
  match: MatchResult;
  status: "ai" | "fallback";
  note: string | null;
  topics?: string[];
}) {
  await db.$transaction([
    db.projectTool.deleteMany({ where: { projectId: options.projectId } }),
    db.projectCategory.deleteMany({ where: { projectId: options.projectId } }),
    db.projectTool.createMany({
      data: options.match.toolIds.map((toolId) => ({ projectId: options.projectId, toolId })),
      skipDuplicates: true,
    }),
    db.projectCategory.createMany({
      data: options.match.categoryIds.map((categoryId) => ({ projectId: options.projectId, categoryId })),
      skipDuplicates: true,
    }),
    db.project.update({
      where: { id: options.projectId },
      data: {
        analysisStatus: options.status,
        analysisNote: options.note,
        ...(options.topics ? { topics: options.topics } : {}),
      },
    }),
  ]);
}

async function notifyFallback(userId: string, project: { id: string; title: string }, reason: string) {
  // Workers analyze a user's projects in parallel: without the per-user lock two fallbacks would both find no
  // notification and create two, or both read one count and lose an increment (fault/llm-outage.fault.test.ts).
  await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${FALLBACK_NOTIFICATION_KIND}:${userId}`}))`;
    const recent = await tx.notification.findFirst({
      where: {
        userId,
        kind: FALLBACK_NOTIFICATION_KIND,
        readAt: null,
        createdAt: { gt: new Date(Date.now() - FALLBACK_NOTIFICATION_WINDOW_MS) },
      },
      select: { id: true, payload: true },
    });
    if (recent) {
      const payload = recent.payload as { count?: number };
      await tx.notification.update({
        where: { id: recent.id },
        data: { payload: { ...payload, count: (payload.count ?? 1) + 1, reason } },
      });
      return;
    }
    await tx.notification.create({
      data: {
        userId,
        kind: FALLBACK_NOTIFICATION_KIND,
        payload: { count: 1, projectId: project.id, title: project.title, reason },
      },
    });
  });
}

export async function analyzeProject({
  projectId,
  logger,
  signal,
}: {
  projectId: string;
  logger: Logger;
  signal?: AbortSignal;
}) {
  const project = await db.project.findUnique({
    where: { id: projectId },
    select: { id: true, userId: true, title: true, description: true },
  });
  if (!project) return { outcome: "project_gone" as const };
  const catalog = await loadCatalogIndex();

  if (!isAiConfigured()) {
    await saveAnalysis({
      projectId,
      match: matchCatalog(catalog, project),
      status: "fallback",
      note: NOTE_NOT_CONFIGURED,
    });
    metrics.aiAnalysisTotal.inc({ method: "fallback", reason: "not_configured" });
    return { outcome: "fallback" as const, reason: "not_configured" };
  }

  // Over the provider's rate, this throws RATE_LIMITED with retryAt and the job waits its turn.
  await consumeRateLimit(aiRateLimit(env.AI_RATE_PER_MINUTE), "global");
  try {
    const analysis = await analyzeWithAi({ title: project.title, description: project.description, signal });
    await saveAnalysis({
      projectId,
      match: resolveCatalogNames(catalog, analysis),
      status: "ai",
      note: null,
      topics: analysis.topics,
    });
    metrics.aiAnalysisTotal.inc({ method: "ai", reason: "none" });
    return { outcome: "ai" as const };
  } catch (error) {
    const isUnavailable = isAppError(error, "UPSTREAM_UNAVAILABLE");
    if (!(error instanceof AiReplyError) && !isUnavailable) throw error;
    const reason = isUnavailable
      ? "The AI service was unavailable, so the catalog matcher tagged this video. Re-analyze to try the AI again."
      : "The AI's answer could not be read, so the catalog matcher tagged this video. Re-analyze to try again.";
    withBindings(logger, { projectId }).warn(
      { reason: error instanceof Error ? error.message : String(error) },
      "analysis.fallback",
    );
    await saveAnalysis({ projectId, match: matchCatalog(catalog, project), status: "fallback", note: reason });
    await notifyFallback(project.userId, project, reason);
    const fallbackReason = isUnavailable ? "unavailable" : "unreadable";
    metrics.aiAnalysisTotal.inc({ method: "fallback", reason: fallbackReason });
    return { outcome: "fallback" as const, reason: fallbackReason };
  }
}
