/**
 * The alert rules are checked and unit-tested by Prometheus's own promtool (Debian's `prometheus`
 * package; .ci/run installs it). Also checked here: every alert has promtool test cases and a runbook
 * section in docs/operations.md, and the test cases do catch a wrong threshold.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const DIR = import.meta.dirname;
const RULES = path.join(DIR, "alerts.yml");
const TESTS = path.join(DIR, "alerts.test.yml");
const OPERATIONS_DOC = path.join(DIR, "../docs/operations.md");

async function promtool(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run("promtool", args, { cwd: DIR });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    if (failed.code === "ENOENT")
      throw new Error("promtool is not installed: apt-get install -y prometheus (.ci/run does this)", { cause: error });
    return {
      code: typeof failed.code === "number" ? failed.code : 1,
      output: `${failed.stdout ?? ""}${failed.stderr ?? ""}`,
    };
  }
}

const alertNames = () => [...readFileSync(RULES, "utf8").matchAll(/^\s*- alert: (\w+)$/gm)].map((match) => match[1]!);

const scratch = mkdtempSync(path.join(tmpdir(), "showreel-alerts-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("alert rules (monitoring/alerts.yml)", () => {
  it("pass promtool check rules", async () => {
    const result = await promtool("check", "rules", RULES);
    expect(result.output).toContain(`SUCCESS: ${alertNames().length} rules found`);
    expect(result.code).toBe(0);
  });

  it("pass their promtool unit tests", async () => {
    const result = await promtool("test", "rules", TESTS);
    expect(result.output).toContain("SUCCESS");
    expect(result.code).toBe(0);
  });

  it("cover the alerts operations asks for, each with test cases and a runbook section", () => {
    const names = alertNames();
    expect(names.toSorted()).toEqual(
      [
        "CircuitBreakerOpen",
        "DeadLetterJobs",
        "JobDurationP95High",
        "JobQueueGrowing",
        "RetentionBehind",
        "SyncLagHigh",
        "YouTubeAuthErrorRateHigh",
        "YouTubeConfigError",
        "YouTubeDataAging",
        "YouTubeQuotaHigh",
      ].toSorted(),
    );
    const tests = readFileSync(TESTS, "utf8");
    const doc = readFileSync(OPERATIONS_DOC, "utf8");
    for (const name of names) {
      // At least one case where it fires (exp_alerts with labels) and one where it must not.
      const cases = tests.split(/\n\s*- eval_time: /).filter((block) => block.includes(`alertname: ${name}\n`));
      expect(
        cases.some((block) => block.includes("exp_labels")),
        `${name} fires somewhere`,
      ).toBe(true);
      expect(
        cases.some((block) => block.includes("exp_alerts: []")),
        `${name} stays quiet somewhere`,
      ).toBe(true);
      expect(doc, `docs/operations.md has a "### ${name}" section`).toMatch(new RegExp(`^### ${name}$`, "m"));
    }
  });

  it("have tests that catch a wrong threshold (quota alert at 90 % instead of 80 %)", async () => {
    const rules = readFileSync(RULES, "utf8");
    const mutated = rules.replace(/ > 0\.8$/m, " > 0.9");
    expect(mutated).not.toBe(rules);
    writeFileSync(path.join(scratch, "alerts.yml"), mutated);
    copyFileSync(TESTS, path.join(scratch, "alerts.test.yml"));
    const result = await promtool("test", "rules", path.join(scratch, "alerts.test.yml"));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("YouTubeQuotaHigh");
  });
});
