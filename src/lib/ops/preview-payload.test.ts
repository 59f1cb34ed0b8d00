import { describe, expect, it } from "vitest";
import { PAYLOAD_PREVIEW_CHARS, previewError, previewPayload } from "./preview-payload";

describe("previewPayload", () => {
  it("shows ids as they are and blanks keys that name a secret, however deep", () => {
    const preview = previewPayload({
      runId: "0193a1b2-0000-7000-8000-000000000001",
      nested: { accessToken: "ya29.live-token", api_key: "AIzaSecret", note: "fine" },
      headers: { Authorization: "Bearer abc.def" },
    });
    expect(preview).toContain('"runId":"0193a1b2-0000-7000-8000-000000000001"');
    expect(preview).toContain('"note":"fine"');
    expect(preview).not.toMatch(/ya29|AIzaSecret|abc\.def/);
    expect(preview.match(/\[REDACTED\]/g)).toHaveLength(3);
  });

  it("strips secret URL parameters and bearer tokens inside strings", () => {
    const preview = previewPayload({
      url: "https://www.googleapis.com/youtube/v3/videos?id=x&key=AIzaSecret",
      note: "Bearer tok.en",
    });
    expect(preview).toContain("id=x&key=[REDACTED]");
    expect(preview).toContain("Bearer [REDACTED]");
    expect(preview).not.toContain("AIzaSecret");
  });

  it("cuts long payloads to the preview length with an ellipsis", () => {
    const preview = previewPayload({ videoIds: Array.from({ length: 200 }, (_, index) => `video-${index}`) });
    expect(preview).toHaveLength(PAYLOAD_PREVIEW_CHARS);
    expect(preview.endsWith("…")).toBe(true);
    expect(previewPayload(undefined)).toBe("null");
  });
});

describe("previewError", () => {
  it("reads run-job's { error, code } and pg-boss's { message }, redacted", () => {
    expect(previewError({ error: "boom", code: "INVALID_INPUT" })).toBe("INVALID_INPUT: boom");
    expect(previewError({ message: "GET https://x.test/a?access_token=s3cret failed" })).toBe(
      "GET https://x.test/a?access_token=[REDACTED] failed",
    );
    expect(previewError(null)).toBeNull();
    expect(previewError({ other: 1 })).toBe('{"other":1}');
    expect(previewError("x".repeat(400))).toHaveLength(300);
  });
});
