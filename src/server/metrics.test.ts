import { describe, expect, it } from "vitest";
import { metrics, onScrape, renderMetrics, SCRAPE_HOOK_TIMEOUT_MS } from "./metrics";

const errorsFor = async (source: string) =>
  (await metrics.scrapeErrorsTotal.get()).values.find((value) => value.labels.source === source)?.value ?? 0;

describe("renderMetrics", () => {
  it("runs the scrape hooks first, so their gauges are current in the text", async () => {
    let reads = 0;
    onScrape("test_hook", async () => {
      reads += 1;
      metrics.syncLagSeconds.set(reads * 10);
    });
    const first = await renderMetrics();
    const second = await renderMetrics();
    expect(first.contentType).toContain("text/plain");
    expect(first.body).toMatch(/^sync_lag_seconds 10$/m);
    expect(second.body).toMatch(/^sync_lag_seconds 20$/m);
    onScrape("test_hook", async () => {});
  });

  it("still answers when a hook fails or hangs, and counts it", async () => {
    const failedBefore = await errorsFor("test_failing");
    onScrape("test_failing", async () => {
      throw new Error("database down");
    });
    const { body } = await renderMetrics();
    expect(body).toContain("youtube_api_requests_total");
    expect(await errorsFor("test_failing")).toBe(failedBefore + 1);
    onScrape("test_failing", async () => {});

    const hungBefore = await errorsFor("test_hung");
    onScrape("test_hung", () => new Promise<void>(() => {}));
    const startedAt = Date.now();
    await renderMetrics();
    expect(Date.now() - startedAt).toBeLessThan(SCRAPE_HOOK_TIMEOUT_MS + 1_000);
    expect(await errorsFor("test_hung")).toBe(hungBefore + 1);
    onScrape("test_hung", async () => {});
  }, 10_000);
});
