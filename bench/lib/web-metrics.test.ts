import { describe, expect, it } from "vitest";
import { formatStatementsPerRequest, parseWebCounters, statementsPerRequest, sumWebCounters } from "./web-metrics";

const page = (statements: Record<string, number>, requests: Record<string, number>) =>
  [
    "# HELP db_statements_total Statements sent to Postgres, by tRPC procedure",
    "# TYPE db_statements_total counter",
    ...Object.entries(statements).map(([procedure, value]) => `db_statements_total{procedure="${procedure}"} ${value}`),
    "# HELP web_requests_total Requests, by tRPC procedure",
    "# TYPE web_requests_total counter",
    ...Object.entries(requests).map(
      ([procedure, value]) => `web_requests_total{procedure="${procedure}",method="GET"} ${value}`,
    ),
    "nodejs_heap_size_used_bytes 1234",
  ].join("\n");

describe("statements per request from the web process's counters", () => {
  it("divides each procedure's new statements by its new requests", () => {
    const before = parseWebCounters(
      page({ "sources.list": 40, "youtube.myVideos": 90 }, { "sources.list": 10, "youtube.myVideos": 10 }),
    );
    const after = parseWebCounters(
      page(
        { "sources.list": 60, "youtube.myVideos": 90, "imports.importVideos": 9 },
        { "sources.list": 20, "youtube.myVideos": 10, "imports.importVideos": 3 },
      ),
    );
    const figures = statementsPerRequest(before, after);
    expect(figures).toEqual({
      "sources.list": { requests: 10, statementsPerRequest: 2 },
      "imports.importVideos": { requests: 3, statementsPerRequest: 3 },
    });
    expect(formatStatementsPerRequest(figures, "sources.list")).toBe("2.00");
    expect(formatStatementsPerRequest(figures, "youtube.myVideos")).toBe("-");
  });

  it("says the metrics are missing when the page lacks either counter", () => {
    expect(parseWebCounters('# TYPE db_statements_total counter\ndb_statements_total{procedure="a"} 1\n')).toBeNull();
    const figures = statementsPerRequest(null, parseWebCounters(page({}, {})));
    expect(figures).toBeNull();
    expect(formatStatementsPerRequest(figures, "sources.list")).toBe("n/a (metrics missing)");
  });

  it("sums several web processes' counters into the fleet's, procedure by procedure", () => {
    const first = parseWebCounters(
      page({ "sources.list": 4, "quota.today": 1 }, { "sources.list": 2, "quota.today": 1 }),
    )!;
    const second = parseWebCounters(page({ "sources.list": 6 }, { "sources.list": 3 }))!;
    const fleet = sumWebCounters([first, second]);
    expect(Object.fromEntries(fleet.statements)).toEqual({ "sources.list": 10, "quota.today": 1 });
    expect(Object.fromEntries(fleet.requests)).toEqual({ "sources.list": 5, "quota.today": 1 });
    // One process's counters alone are not the fleet's: the sum moves when either process's do.
    expect(statementsPerRequest(first, fleet)).toEqual({ "sources.list": { requests: 3, statementsPerRequest: 2 } });
  });
});
