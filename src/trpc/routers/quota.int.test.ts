import { describe, expect, it } from "vitest";
import { nextQuotaReset } from "~/lib/quota/next-reset";
import { configuredQuotaLimits, reserveQuota } from "~/lib/quota/reserve-quota";
import { createTestUser } from "@test/test-user";
import { createContextInner } from "../context";
import { createCaller } from "./_app";

describe("quota.today", () => {
  it("answers today's project-wide and own usage with the configured limits and the Pacific reset", async () => {
    const user = await createTestUser();
    await reserveQuota({ units: 3, purpose: "interactive", userId: user.id });
    const today = await createCaller(user.context).quota.today();
    const limits = configuredQuotaLimits();
    expect(today.user).toEqual({ used: 3, limit: limits.userDaily });
    expect(today.project.used).toBeGreaterThanOrEqual(3);
    expect(today.project.limit).toBe(limits.projectDaily);
    expect(today.resetsAt.getTime()).toBeGreaterThanOrEqual(nextQuotaReset(new Date(Date.now() - 60_000)).getTime());
    expect(today.resetsAt.getTime() - Date.now()).toBeLessThanOrEqual(25 * 60 * 60 * 1000);
  });

  it("is for signed-in users only", async () => {
    await expect(createCaller(createContextInner({ session: null })).quota.today()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
