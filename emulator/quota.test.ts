import { describe, expect, it } from "vitest";
import { DEMO_VIDEO_IDS } from "./demo-world.ts";
import { QUOTA_COSTS, nextPacificMidnight, pacificDateOf, quotaCostOf } from "./quota.ts";
import { readJsonFixture, useTestEmulator } from "./test-support.ts";

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number): string => new Date(ms).toISOString();

describe("Pacific day maths", () => {
  it.each([
    // Day before spring-forward (PST, UTC-8): midnight is 08:00Z.
    ["2026-03-07T12:00:00Z", "2026-03-07", "2026-03-08T08:00:00.000Z"],
    ["2026-03-08T07:59:59Z", "2026-03-07", "2026-03-08T08:00:00.000Z"],
    // 2026-03-08 is the switch day: it starts in PST and the next midnight is in PDT (07:00Z).
    ["2026-03-08T08:00:00Z", "2026-03-08", "2026-03-09T07:00:00.000Z"],
    ["2026-03-08T09:30:00Z", "2026-03-08", "2026-03-09T07:00:00.000Z"],
    ["2026-03-08T20:00:00Z", "2026-03-08", "2026-03-09T07:00:00.000Z"],
    // Fall-back: 2026-11-01 starts in PDT (07:00Z) and the next midnight is in PST (08:00Z).
    ["2026-10-31T20:00:00Z", "2026-10-31", "2026-11-01T07:00:00.000Z"],
    ["2026-11-01T07:00:00Z", "2026-11-01", "2026-11-02T08:00:00.000Z"],
    ["2026-11-01T08:30:00Z", "2026-11-01", "2026-11-02T08:00:00.000Z"],
    ["2026-11-01T09:30:00Z", "2026-11-01", "2026-11-02T08:00:00.000Z"],
    ["2026-11-02T07:59:59Z", "2026-11-01", "2026-11-02T08:00:00.000Z"],
    // A plain winter and summer day.
    ["2026-01-15T23:00:00Z", "2026-01-15", "2026-01-16T08:00:00.000Z"],
    ["2026-07-04T06:59:59Z", "2026-07-03", "2026-07-04T07:00:00.000Z"],
  ])("at %s the Pacific date is %s and quota resets at %s", (instant, date, reset) => {
    expect(pacificDateOf(at(instant))).toBe(date);
    expect(iso(nextPacificMidnight(at(instant)))).toBe(reset);
  });

  it("bills at least one unit for anything, and Google's table for known methods", () => {
    expect(quotaCostOf(null)).toBe(1);
    expect(quotaCostOf("no.such")).toBe(1);
    expect(quotaCostOf("videos.list")).toBe(1);
    expect(quotaCostOf("search.list")).toBe(100);
    expect(quotaCostOf("playlistItems.insert")).toBe(50);
    expect(quotaCostOf("videos.insert")).toBe(1600);
    expect(Object.values(QUOTA_COSTS).every((cost) => cost >= 1)).toBe(true);
  });
});

describe("daily budget", () => {
  const emu = useTestEmulator({ worldSize: 10, dailyQuota: 3 });
  const listCall = () => emu.api("videos", { part: "id", id: DEMO_VIDEO_IDS.resolveGrading });

  async function setClock(instant: string): Promise<void> {
    expect((await emu.control.post("/clock", { now: instant })).status).toBe(200);
  }

  async function expectQuotaExceeded(): Promise<void> {
    const reply = await listCall();
    expect(reply.status).toBe(403);
    expect(reply.body).toEqual(readJsonFixture("error.quotaExceeded.403.json"));
  }

  it("answers quotaExceeded once the budget is spent, still counting and charging those calls", async () => {
    await setClock("2026-05-05T18:00:00Z");
    for (let call = 0; call < 3; call += 1) expect((await listCall()).status).toBe(200);
    await expectQuotaExceeded();
    // Every call, whatever its credentials.
    const anonymous = await emu.api("videos", { part: "id", id: DEMO_VIDEO_IDS.resolveGrading }, { auth: "none" });
    expect(anonymous.status).toBe(403);
    expect(anonymous.body).toEqual(readJsonFixture("error.quotaExceeded.403.json"));
    const counters = (await emu.control.get("/counters")).body as {
      requests: { total: number };
      unitsCharged: number;
      unitsChargedToday: number;
    };
    expect(counters.requests.total).toBe(5);
    expect(counters.unitsCharged).toBe(5);
    expect(counters.unitsChargedToday).toBe(5);
    const quota = (await emu.control.get("/quota")).body;
    expect(quota).toMatchObject({
      dailyQuota: 3,
      usedToday: 5,
      remainingToday: 0,
      pacificDate: "2026-05-05",
      nextResetAt: "2026-05-06T07:00:00.000Z",
    });
  });

  it("refuses a call that costs more than what is left (search.list is 100 units)", async () => {
    await emu.control.post("/quota", { dailyQuota: 150 });
    await emu.control.post("/clock", { now: "2026-05-05T18:00:00Z" });
    expect((await emu.api("search", { part: "id", channelId: "UCdemoShowreelCreator01w" })).status).toBe(200);
    const second = await emu.api("search", { part: "id", channelId: "UCdemoShowreelCreator01w" });
    expect(second.status).toBe(403);
    expect((second.body.error as { errors: { reason: string }[] }).errors[0]?.reason).toBe("quotaExceeded");
  });

  it("resets exactly at Pacific midnight around the March 2026 DST change", async () => {
    // Spent on Saturday 2026-03-07 (PST): the reset is at 08:00Z on the 8th.
    await setClock("2026-03-07T12:00:00Z");
    await emu.control.post("/quota", { exhaust: true });
    await expectQuotaExceeded();
    await setClock("2026-03-08T07:59:59.999Z");
    await expectQuotaExceeded();
    await setClock("2026-03-08T08:00:00Z");
    expect((await listCall()).status).toBe(200);

    // Spent on Sunday 2026-03-08 (clocks went forward at 02:00): the reset is at 07:00Z on the 9th.
    await setClock("2026-03-08T20:00:00Z");
    await emu.control.post("/quota", { exhaust: true });
    await expectQuotaExceeded();
    await setClock("2026-03-09T06:59:59.999Z");
    await expectQuotaExceeded();
    await setClock("2026-03-09T07:00:00Z");
    expect((await listCall()).status).toBe(200);
  });

  it("resets exactly at Pacific midnight around the November 2026 DST change", async () => {
    // Spent on Saturday 2026-10-31 (PDT): the reset is at 07:00Z on 1 November.
    await setClock("2026-10-31T20:00:00Z");
    await emu.control.post("/quota", { exhaust: true });
    await setClock("2026-11-01T06:59:59.999Z");
    await expectQuotaExceeded();
    await setClock("2026-11-01T07:00:00Z");
    expect((await listCall()).status).toBe(200);

    // Spent on Sunday 2026-11-01 (clocks went back at 02:00): 07:00Z on the 2nd is still the 1st.
    await setClock("2026-11-01T12:00:00Z");
    await emu.control.post("/quota", { exhaust: true });
    await setClock("2026-11-02T07:00:00Z");
    await expectQuotaExceeded();
    await setClock("2026-11-02T07:59:59.999Z");
    await expectQuotaExceeded();
    await setClock("2026-11-02T08:00:00Z");
    expect((await listCall()).status).toBe(200);
  });

  it("advances the clock by advanceMs and can go back to real time", async () => {
    await setClock("2026-03-08T07:59:00Z");
    await emu.control.post("/quota", { exhaust: true });
    await expectQuotaExceeded();
    const advanced = await emu.control.post("/clock", { advanceMs: 60_000 });
    expect(advanced.body).toMatchObject({ now: "2026-03-08T08:00:00.000Z", mode: "frozen", pacificDate: "2026-03-08" });
    expect((await listCall()).status).toBe(200);
    const real = await emu.control.post("/clock", { real: true });
    expect(real.body.mode).toBe("real");
    expect(Math.abs(Date.parse(String(real.body.now)) - Date.now())).toBeLessThan(5000);
  });

  it("takes a new daily budget and a usage reset from the control API", async () => {
    await setClock("2026-05-05T18:00:00Z");
    await emu.control.post("/quota", { exhaust: true });
    await expectQuotaExceeded();
    const reply = await emu.control.post("/quota", { resetUsage: true, dailyQuota: 10 });
    expect(reply.body).toMatchObject({ dailyQuota: 10, usedToday: 0, remainingToday: 10 });
    expect((await listCall()).status).toBe(200);
  });
});
